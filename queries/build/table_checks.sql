-- One row per CHECK, PRIMARY KEY or UNIQUE constraint of the table $table (queries/build/schema.sql): its
-- kind, its expression (CHECK) and its columns, so that a reference file's row is refused in plain words,
-- naming its line, before DuckDB would refuse it.

select constraint_type as kind, expression, constraint_column_names as columns,
from duckdb_constraints()
where table_name = $table and constraint_type in ('CHECK', 'PRIMARY KEY', 'UNIQUE')
order by constraint_index;
