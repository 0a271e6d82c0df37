-- Adds to rule_matches one row per report sentence that the pattern of rule $rule_id matches, with
-- the phrase matched and, for a quantity rule ($quantity), the amounts planned (group 1) and done
-- (group 2). dashboard/db.py runs it once per rule of status_rules, so each pattern is a constant.

insert into rule_matches
select
    source_id,
    measure_id,
    fiscal_year,
    item_seq,
    sentence_seq,
    $rule_id as rule_id,
    regexp_extract(sentence, $pattern) as phrase,
    case when $quantity then amount(regexp_extract(sentence, $pattern, 1)) end as planned,
    case when $quantity then amount(regexp_extract(sentence, $pattern, 2)) end as done_amount,
from report_sentences
where regexp_matches(sentence, $pattern);
