-- One row per status word in $year: how many of the selected measures have it and their share, with
-- lagging, the lagging measures' count and share (the same on every row), and whether the headline shows
-- it (shown: some measure has it, or the status word's headline says so for a year with or without
-- reports). Every status appears, with 0 where none has it. The filters ($municipality, $domains,
-- $statuses, $q; NULL keeps all) choose the measures.

with chosen as (
    select ms.status,
    from measure_status as ms
    semi join selected_measures($municipality, $domains, $year, $statuses, $q) as sel
        using (source_id, measure_id)
    where ms.fiscal_year = $year
),

year_reported as (
    select coalesce(bool_or(role = 'report'), false) as reported,
    from columns
    where fiscal_year = $year and role in ('target', 'report')
),

counted as (
    select
        w.status,
        w.status_order,
        count(c.status) as measures,
        share(count(c.status), (select count(*) from chosen)) as share,
        w.lagging,
        w.headline,
        (select count(*) from chosen) as total,
    from status_words as w
    left join chosen as c using (status)
    group by w.status, w.status_order, w.lagging, w.headline
)

select
    status,
    measures,
    share,
    lagging,
    total,
    sum(measures) filter (where lagging) over () as lagging_measures,
    share(sum(measures) filter (where lagging) over (), total) as lagging_share,
    measures > 0 or headline = (case when (select reported from year_reported) then 'always' else 'plan' end)
        as shown,
from counted
order by status_order;
