-- One row per measure and fiscal year: its status and the words of the report that decided it.
-- The filters ($municipality, $domains, $year, $statuses, $q; NULL keeps all) choose the measures
-- (build/selected_measures.sql); $year also keeps only that year's rows.

select ms.*
from measure_status as ms
semi join selected_measures($municipality, $domains, $year, $statuses, $q) as sel
    using (source_id, measure_id)
where $year is null or ms.fiscal_year = $year
order by ms.source_id, ms.domain_order, ms.group_no, ms.item_no, ms.fiscal_year;
