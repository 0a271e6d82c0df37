-- One row per measure and fiscal year of every source: its automatic status, the evidence that decided
-- it, the year's target, the report and the plan. Years are the source's target years and its report
-- year. A year without a report column is target_only or no_target; a reported year with a target
-- and an empty report is no_report.

create view status_base as
with years as (
    select
        source_id,
        fiscal_year,
        bool_or(role = 'report') as reported,
    from columns
    where role in ('target', 'report')
    group by source_id, fiscal_year
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

plan_texts as (
    select
        source_id,
        measure_id,
        string_agg(coalesce(marker, '') || coalesce(text, ''), ' ' order by seq) as plan,
    from items
    where kind = 'plan'
    group by source_id, measure_id
),

measure_years as (
    select
        coalesce(s.municipality, m.source_id) as municipality,
        s.plan_start,
        s.plan_end,
        s.report_year as source_report_year,
        m.source_id,
        m.measure_id,
        m.domain_order,
        m.domain,
        m.number,
        m.group_no,
        m.item_no,
        m.text as measure,
        y.fiscal_year,
        y.reported,
        t.text as target,
        case
            when rs.status is not null then rs.status
            when y.reported and t.text is not null then 'no_report'
            when y.reported then 'no_target'
            when t.text is not null then 'target_only'
            else 'no_target'
        end as status,
        'automatic' as status_source,
        rs.evidence,
        rs.evidence_phrase,
        rs.evidence_start,
        rs.evidence_end,
        rs.evidence_rule,
        rs.evidence_ratio,
        -- how firmly the automatic status was decided: high, or low (a weak signal alone)
        coalesce(rs.confidence, 'high') as confidence,
        rs.evidence_item,
        rs.evidence_sentence_start,
        r.report,
        p.plan,
    from measures as m
    inner join years as y on y.source_id = m.source_id
    inner join sources as s on s.source_id = m.source_id
    inner join domains as d on d.source_id = m.source_id and d.domain_order = m.domain_order
    left join targets as t
        on t.source_id = m.source_id and t.measure_id = m.measure_id and t.fiscal_year = y.fiscal_year
    left join report_status as rs
        on rs.source_id = m.source_id and rs.measure_id = m.measure_id and rs.fiscal_year = y.fiscal_year
    left join reports as r
        on r.source_id = m.source_id and r.measure_id = m.measure_id and r.fiscal_year = y.fiscal_year
    left join plan_texts as p
        on p.source_id = m.source_id and p.measure_id = m.measure_id
)

select * from measure_years;
