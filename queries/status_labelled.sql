-- One row per measure and fiscal year as the `status` command writes it: the rows of status.sql with
-- domain_label, the domain's name in $lang (the canonical name where it has none, and for NULL: the
-- default language). The filters ($municipality, $domains, $year, $statuses, $q; NULL keeps all) as there.

with labels as (
    select name as domain, text as domain_label,
    from names_chosen()
    where kind = 'domain' and lang = $lang
)

select ms.*, coalesce(l.domain_label, ms.domain) as domain_label,
from measure_status as ms
semi join selected_measures($municipality, $domains, $year, $statuses, $q) as sel
    using (source_id, measure_id)
left join labels as l using (domain)
where $year is null or ms.fiscal_year = $year
order by ms.source_id, ms.domain_order, ms.group_no, ms.item_no, ms.fiscal_year;
