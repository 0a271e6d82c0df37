-- One row per status word in $year: how many measures have it and their share, with lagging.
-- Every status appears, with 0 where none has it. $municipality and $domains narrow it; NULL keeps all.

with chosen as (
    select status,
    from measure_status
    where
        fiscal_year = $year
        and ($municipality is null or municipality = $municipality)
        and ($domains is null or list_contains($domains, domain) or list_contains($domains, domain_en))
),

words as (
    select
        unnest(['achieved', 'partial', 'not_achieved', 'cancelled', 'no_report', 'target_only', 'no_target'])
            as status,
        unnest([1, 2, 3, 4, 5, 6, 7]) as status_order,
)

select
    w.status,
    count(c.status) as measures,
    coalesce(count(c.status) / nullif((select count(*) from chosen), 0), 0) as share,
    w.status in ('partial', 'not_achieved', 'no_report') as lagging,
    (select count(*) from chosen) as total,
from words as w
left join chosen as c using (status)
group by w.status, w.status_order
order by w.status_order;
