-- One row per column of the table $table, in order: its name, type and whether it may be empty (what
-- dashboard/reference.py checks a reference file's cells against before DuckDB reads the file).

select column_name as name, data_type as type, is_nullable as nullable,
from duckdb_columns()
where table_name = $table
order by column_index;
