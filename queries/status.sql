-- One row per measure and fiscal year: its status and the words of the report that decided it.
-- $municipality, $year, $domains (Japanese or English names), $statuses (status words) and $q (text in the
-- measure, target, report or plan) narrow it; NULL keeps all.

select *
from measure_status
where
    ($municipality is null or municipality = $municipality)
    and ($year is null or fiscal_year = $year)
    and ($domains is null or list_contains($domains, domain) or list_contains($domains, domain_en))
    and ($statuses is null or list_contains($statuses, status))
    and ($q is null or contains(lower(concat_ws(' ', number, measure, target, report, plan)), lower($q)))
order by source_id, domain_order, group_no, item_no, fiscal_year;
