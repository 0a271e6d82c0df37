-- One row per domain, fiscal year and status that occurs: how many measures have it.
-- $municipality, $year and $domains (Japanese or English names) narrow it; NULL keeps all.

select
    domain_order,
    domain,
    domain_en,
    fiscal_year,
    status,
    count(*) as measures,
from measure_status
where
    ($municipality is null or municipality = $municipality)
    and ($year is null or fiscal_year = $year)
    and ($domains is null or list_contains($domains, domain) or list_contains($domains, domain_en))
group by domain_order, domain, domain_en, fiscal_year, status
order by domain_order, fiscal_year, status;
