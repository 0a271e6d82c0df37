-- One row per domain, fiscal year and status that occurs: how many of the selected measures have it.
-- The filters ($municipality, $domains, $year, $statuses, $q; NULL keeps all) choose the measures;
-- $year also keeps only that year's rows.

select
    ms.domain_order,
    ms.domain,
    ms.fiscal_year,
    ms.status,
    count(*) as measures,
from measure_status as ms
semi join selected_measures($municipality, $domains, $year, $statuses, $q) as sel
    using (source_id, measure_id)
where $year is null or ms.fiscal_year = $year
group by ms.domain_order, ms.domain, ms.fiscal_year, ms.status
order by ms.domain_order, ms.fiscal_year, ms.status;
