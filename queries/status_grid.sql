-- One row per domain and fiscal year: how many measures have each status, and the lagging share.
-- $municipality and $domains (Japanese or English names) narrow it; NULL keeps all.

select
    domain_order,
    domain,
    any_value(domain_en) as domain_en,
    fiscal_year,
    count(*) as total,
    count(*) filter (where status = 'achieved') as achieved,
    count(*) filter (where status = 'partial') as partial,
    count(*) filter (where status = 'not_achieved') as not_achieved,
    count(*) filter (where status = 'cancelled') as cancelled,
    count(*) filter (where status = 'no_report') as no_report,
    count(*) filter (where status = 'target_only') as target_only,
    count(*) filter (where status = 'no_target') as no_target,
    count(*) filter (where lagging) as lagging,
    count(*) filter (where lagging) / count(*) as lagging_share,
from measure_status
where
    ($municipality is null or municipality = $municipality)
    and ($domains is null or list_contains($domains, domain) or list_contains($domains, domain_en))
group by domain_order, domain, fiscal_year
order by domain_order, fiscal_year;
