-- One row per measure and fiscal year: the status shown everywhere. A planner's confirmation or
-- correction (status_overrides) replaces the automatic status, which stays beside it with its
-- evidence; the carry-over check is added. Several reports of one plan (same municipality and plan
-- period) are matched measure by measure on domain and number: each year's row comes from the report
-- on that year, else from the latest report. `municipality` is the manifest's name, or the source id.

create view measure_status as
with overridden as (
    select
        b.* exclude (status, status_source),
        coalesce(o.status, b.status) as status,
        b.status as automatic_status,
        case when o.status is null then 'automatic' else 'confirmed' end as status_source,
        o.reason as confirmed_reason,
        cast(o.confirmed_on as varchar) as confirmed_on,
        o.confirmed_by,
    from status_base as b
    left join status_overrides as o using (source_id, measure_id, fiscal_year)
),


-- Several reports of one plan (same municipality and plan period) are matched measure by measure on
-- domain and number: each year's row comes from the report on that year, else from the latest report.
latest_report as (
    select *
    from overridden
    qualify row_number() over (
        partition by municipality, plan_start, plan_end, domain, number, fiscal_year
        order by (fiscal_year = source_report_year) desc, source_report_year desc, source_id
    ) = 1
)

select
    m.*,
    w.lagging,
    case when w.lagging then co.carry_over end as carry_over,
    case when w.lagging then array_to_string(co.shared_terms, '、') end as carry_over_terms,
from latest_report as m
inner join status_words as w using (status)
left join carry_over as co using (source_id, measure_id, fiscal_year);
