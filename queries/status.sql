-- One row per measure and fiscal year: its status and the words of the report that decided it.
-- Years are the source's target years and its report year; a year without a report column is
-- target_only or no_target. $year and $domain (Japanese or English name) narrow it; NULL keeps all.

with years as (
    select
        source_id,
        fiscal_year,
        bool_or(role = 'report') as reported,
    from columns
    where role in ('target', 'report')
    group by source_id, fiscal_year
),

measure_years as (
    select
        m.*,
        y.fiscal_year,
        y.reported,
    from measures as m
    inner join years as y using (source_id)
),

reports as (
    select
        source_id,
        measure_id,
        fiscal_year,
        string_agg(coalesce(marker, '') || coalesce(text, ''), ' ' order by seq) as report,
    from items
    where kind = 'report'
    group by source_id, measure_id, fiscal_year
),

plans as (
    select
        source_id,
        measure_id,
        string_agg(coalesce(marker, '') || coalesce(text, ''), ' ' order by seq) as plan,
    from items
    where kind = 'plan'
    group by source_id, measure_id
)

select
    s.municipality,
    my.source_id,
    my.measure_id,
    my.domain,
    d.domain_en,
    my.number,
    my.text as measure,
    my.fiscal_year,
    t.text as target,
    case
        when rs.status is not null then rs.status
        when my.reported and t.text is not null then 'no_report'
        when my.reported then 'no_target'
        when t.text is not null then 'target_only'
        else 'no_target'
    end as status,
    coalesce(rs.status in ('partial', 'not_achieved') or (my.reported and rs.status is null and t.text is not null), false)
        as lagging,
    'automatic' as status_source,
    rs.evidence,
    rs.evidence_phrase,
    rs.evidence_start,
    rs.evidence_end,
    rs.evidence_rule,
    r.report,
    p.plan,
    my.domain_order,
    my.group_no,
    my.item_no,
from measure_years as my
inner join sources as s using (source_id)
inner join domains as d on d.source_id = my.source_id and d.domain_order = my.domain_order
left join targets as t
    on t.source_id = my.source_id and t.measure_id = my.measure_id and t.fiscal_year = my.fiscal_year
left join report_status as rs
    on rs.source_id = my.source_id and rs.measure_id = my.measure_id and rs.fiscal_year = my.fiscal_year
left join reports as r
    on r.source_id = my.source_id and r.measure_id = my.measure_id and r.fiscal_year = my.fiscal_year
left join plans as p
    on p.source_id = my.source_id and p.measure_id = my.measure_id
where
    ($year is null or my.fiscal_year = $year)
    and ($domain is null or my.domain = $domain or d.domain_en = $domain)
order by my.source_id, my.domain_order, my.group_no, my.item_no, my.fiscal_year;
