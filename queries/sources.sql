-- One row per source table: what the manifest and the header say of it, with its counts.

select
    s.*,
    (select count(*) from measures as m where m.source_id = s.source_id) as measure_count,
    (select count(*) from domains as d where d.source_id = s.source_id) as domain_count,
    (select count(*) from repairs as r where r.source_id = s.source_id and r.level = 'repair') as repair_count,
    (select count(*) from repairs as r where r.source_id = s.source_id and r.level = 'warning') as warning_count,
    (select string_agg(distinct cast(c.fiscal_year as varchar), ',' order by cast(c.fiscal_year as varchar))
        from columns as c where c.source_id = s.source_id and c.role in ('target', 'report')) as fiscal_years,
from sources as s
order by s.source_id;
