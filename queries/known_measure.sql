-- One row per fiscal year of measure $measure_id in $municipality (any when NULL): the automatic status,
-- used to check a planner's correction (dashboard/corrections.py) against the data.

select municipality, measure_id, fiscal_year, status as automatic_status
from status_automatic
where measure_id = $measure_id and ($municipality is null or municipality = $municipality)
order by municipality, fiscal_year;
