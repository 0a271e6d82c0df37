-- One row per municipality in the data (its manifest name, or the source id), with its measures.

select
    municipality,
    count(distinct measure_id) as measures,
from measure_status
group by municipality
order by municipality;
