-- One row per repair or warning made while normalizing: the import report, in source order.

select
    r.source_id,
    s.municipality,
    s.file,
    r.source_line,
    r.column_no,
    r.level,
    r.kind,
    r.before,
    r.after,
    r.message,
from repairs as r
inner join sources as s using (source_id)
order by r.source_id, r.source_line, r.column_no nulls first, r.kind;
