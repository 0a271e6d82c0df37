-- One row per measure id used anywhere in the data (a `measure` URL parameter must be one of them).

select distinct measure_id
from measures
order by measure_id;
