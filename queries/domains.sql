-- One row per domain, in source order, with its English name and number of measures.

select
    d.domain_order,
    d.domain,
    any_value(d.domain_en) as domain_en,
    count(m.measure_id) as measures,
from domains as d
left join measures as m using (source_id, domain_order)
group by d.domain_order, d.domain
order by d.domain_order;
