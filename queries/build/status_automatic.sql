-- One row per measure and fiscal year: the automatic status, as shown everywhere unless a planner has
-- confirmed or corrected it (corrected.sql lays the corrections over these rows on each reading
-- connection, so a correction never rebuilds the cached statuses), with the carry-over check.
-- Several reports of one plan (same municipality and plan period) are matched measure by measure on
-- domain and number: each year's row comes from the report on that year, else from the latest report.
-- `municipality` is the manifest's name, or the source id.

create view status_automatic as
with latest_report as (
    select * exclude (status_source)
    from status_base
    qualify row_number() over (
        partition by municipality, plan_start, plan_end, domain, number, fiscal_year
        order by (fiscal_year = source_report_year) desc, source_report_year desc, source_id
    ) = 1
)

select
    m.*,
    co.carry_over,
    array_to_string(co.shared_terms, '、') as carry_over_terms,
from latest_report as m
left join carry_over as co using (source_id, measure_id, fiscal_year);
