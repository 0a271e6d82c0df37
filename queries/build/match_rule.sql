-- Adds to rule_matches one row per report sentence that the pattern of rule $rule_id matches, with
-- the phrase matched and, for a number rule ($signal), the amounts planned and done: target_actual
-- (group 1 the target, group 2 the result), actual_target (the other way round), rate (group 1 a
-- per-cent or 割 figure against 100), actual (group 1 an amount done, group 2 its unit).
-- dashboard/db.py runs it once per rule of status_rules, so each pattern is a constant.

insert into rule_matches
with matched as (
    select
        source_id,
        measure_id,
        fiscal_year,
        item_seq,
        sentence_seq,
        regexp_extract(sentence, $pattern) as phrase,
        case when $signal in ('target_actual', 'actual_target', 'rate', 'actual')
            then regexp_extract(sentence, $pattern, 1) end as group_1,
        case when $signal in ('target_actual', 'actual_target', 'actual')
            then regexp_extract(sentence, $pattern, 2) end as group_2,
    from report_sentences
    where regexp_matches(sentence, $pattern)
)

select
    source_id,
    measure_id,
    fiscal_year,
    item_seq,
    sentence_seq,
    $rule_id as rule_id,
    phrase,
    case $signal
        when 'target_actual' then amount(group_1)
        when 'actual_target' then amount(group_2)
        when 'rate' then 100
    end as planned,
    case $signal
        when 'target_actual' then amount(group_2)
        when 'actual_target' then amount(group_1)
        when 'rate' then rate_amount(group_1, phrase)
        when 'actual' then amount(group_1)
    end as done_amount,
    case when $signal = 'actual' then group_2 end as unit,
from matched;
