-- One row per report item whose text the hygiene step changes (it contains $pattern): the text to
-- clean before the rules match (dashboard/db.py fills report_text from these rows).

select
    source_id,
    measure_id,
    fiscal_year,
    seq as item_seq,
    text,
from items
where kind = 'report' and regexp_matches(coalesce(text, ''), $pattern);
