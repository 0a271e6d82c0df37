-- One row per municipality and domain in $year: measures, lagging measures and their share, with the
-- municipality's overall lagging share (for sorting). $domains narrows it; NULL keeps all.

with chosen as (
    select *
    from measure_status
    where
        fiscal_year = $year
        and ($domains is null or list_contains($domains, domain) or list_contains($domains, domain_en))
)

select
    municipality,
    domain_order,
    domain,
    any_value(domain_en) as domain_en,
    count(*) as measures,
    count(*) filter (where lagging) as lagging,
    count(*) filter (where lagging) / count(*) as lagging_share,
    sum(count(*) filter (where lagging)) over (partition by municipality)
        / sum(count(*)) over (partition by municipality) as municipality_lagging_share,
from chosen
group by municipality, domain_order, domain
order by municipality_lagging_share desc, municipality, domain_order;
