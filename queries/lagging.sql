-- One row per lagging measure (partial, not_achieved, no_report) in $year, most serious first:
-- not achieved, then no report, then partly achieved; within each, in source order.
-- $municipality and $domains (Japanese or English names) narrow it; NULL keeps all.

select ms.*
from measure_status as ms
inner join status_words as w using (status)
where
    w.lagging
    and fiscal_year = $year
    and ($municipality is null or municipality = $municipality)
    and ($domains is null or list_contains($domains, domain) or list_contains($domains, domain_en))
order by
    w.severity,
    source_id,
    domain_order,
    group_no,
    item_no;
