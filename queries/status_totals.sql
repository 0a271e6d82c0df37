-- One row per status word in $year: how many of the selected measures have it and their share, with
-- lagging. Every status appears, with 0 where none has it. The filters ($municipality, $domains,
-- $statuses, $q; NULL keeps all) choose the measures.

with chosen as (
    select ms.status,
    from measure_status as ms
    semi join selected_measures($municipality, $domains, $year, $statuses, $q) as sel
        using (source_id, measure_id)
    where ms.fiscal_year = $year
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
