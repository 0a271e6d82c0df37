-- One row per domain and status in $year for the measures the filters select ($municipality,
-- $domains, $statuses, $q; NULL keeps all), answering "which domain is worst": domains ranked by their
-- share of lagging measures (then by the lagging count, then in plan order), each row carrying its
-- domain's measures, lagging measures, lagging share and rank (1 = worst) beside the status count.

with chosen as (
    select ms.domain_order, ms.domain, ms.status, ms.lagging,
    from measure_status as ms
    semi join selected_measures($municipality, $domains, $year, $statuses, $q) as sel
        using (source_id, measure_id)
    where ms.fiscal_year = $year
),

domain_totals as (
    select
        domain_order,
        domain,
        count(*) as domain_measures,
        count(*) filter (where lagging) as domain_lagging,
        share(count(*) filter (where lagging), count(*)) as lagging_share,
    from chosen
    group by domain_order, domain
),

ranked as (
    select
        *,
        row_number() over (order by lagging_share desc, domain_lagging desc, domain_order) as rank,
    from domain_totals
)

select
    c.domain_order,
    c.domain,
    c.status,
    count(*) as measures,
    any_value(r.domain_measures) as domain_measures,
    any_value(r.domain_lagging) as domain_lagging,
    any_value(r.lagging_share) as lagging_share,
    any_value(r.rank) as rank,
from chosen as c
inner join ranked as r using (domain_order, domain)
inner join status_words as w using (status)
group by c.domain_order, c.domain, c.status, w.status_order
order by any_value(r.rank), w.status_order;
