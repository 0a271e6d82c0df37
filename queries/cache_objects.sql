-- One row per table or view of the attached cache database: each is exposed under its own name on the
-- reading connection (see dashboard/db.py).

select table_name as name from duckdb_tables() where database_name = 'cache'
union all
select view_name from duckdb_views() where database_name = 'cache' and not internal
order by name;
