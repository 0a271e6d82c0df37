-- One row per domain, in source order, with its canonical (Japanese) name and number of measures
-- (its names in other languages: names.sql).

select
    d.domain_order,
    d.domain,
    count(m.measure_id) as measures,
from domains as d
left join measures as m using (source_id, domain_order)
group by d.domain_order, d.domain
order by d.domain_order;
