-- One row per fiscal year of measure $measure_id (in $municipality, or any when NULL): everything the drill-down shows for that year
-- (measure text, target, status, evidence, report, plan), from measure_status.

select *
from measure_status
where measure_id = $measure_id and ($municipality is null or municipality = $municipality)
order by source_id, fiscal_year;
