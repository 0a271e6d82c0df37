-- One row per status word in $year: how many measures have it and their share, with lagging.
-- Every status appears, with 0 where none has it. $municipality and $domains narrow it; NULL keeps all.

with chosen as (
    select status,
    from measure_status
    where
        fiscal_year = $year
        and ($municipality is null or municipality = $municipality)
        and ($domains is null or list_contains($domains, domain) or list_contains($domains, domain_en))
)

select
    w.status,
    count(c.status) as measures,
    coalesce(count(c.status) / nullif((select count(*) from chosen), 0), 0) as share,
    w.lagging,
    (select count(*) from chosen) as total,
from status_words as w
left join chosen as c using (status)
group by w.status, w.status_order, w.lagging
order by w.status_order;
