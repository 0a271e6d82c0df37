-- One row per municipality: the source a meeting pack on $year cites (the report on $year, else the
-- latest report), with its title, plan period, report year and as-of month.
-- $municipality narrows it; NULL keeps all. `municipality` is named as in measure_status.

select
    coalesce(municipality, source_id) as municipality,
    title,
    plan_start,
    plan_end,
    report_year,
    report_as_of,
    source_id,
from sources
where $municipality is null or coalesce(municipality, source_id) = $municipality
qualify row_number() over (
    partition by coalesce(municipality, source_id)
    order by (report_year = $year) desc nulls last, report_year desc, source_id
) = 1
order by municipality;
