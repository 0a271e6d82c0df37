-- One row per confirmation or correction in force in $year whose automatic status has changed since it
-- was recorded (correction_stale: a new import or new rules read the report differently), with the
-- automatic status the planner saw then (recorded_automatic_status). The filters ($municipality,
-- $domains, $statuses, $q; NULL keeps all) choose the measures. In source order.

select
    ms.*,
    c.automatic_status as recorded_automatic_status,
from measure_status as ms
inner join status_corrections as c
    on c.municipality = ms.municipality and c.measure_id = ms.measure_id and c.fiscal_year = ms.fiscal_year
semi join selected_measures($municipality, $domains, $year, $statuses, $q) as sel
    on sel.source_id = ms.source_id and sel.measure_id = ms.measure_id
where
    ms.fiscal_year = $year
    and ms.correction_stale
order by
    ms.source_id,
    ms.domain_order,
    ms.group_no,
    ms.item_no;
