-- One row per measure and fiscal year, every year, for the measures the filters select ($municipality,
-- $domains, $statuses in $year, $q; NULL keeps all): the measure × year grid shows these.

select ms.*
from measure_status as ms
semi join selected_measures($municipality, $domains, $year, $statuses, $q) as sel
    using (source_id, measure_id)
order by ms.source_id, ms.domain_order, ms.group_no, ms.item_no, ms.fiscal_year;
