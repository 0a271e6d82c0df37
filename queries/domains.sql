-- One row per domain, in source order, with its English name and number of measures.

select
    domain_order,
    domain,
    any_value(domain_en) as domain_en,
    sum(measures) as measures,
from domains
group by domain_order, domain
order by domain_order;
