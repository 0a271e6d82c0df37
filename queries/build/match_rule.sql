-- Adds to rule_matches one row per match of rule $rule_id in a report sentence (every match, not only
-- the first: 毎年開催している講演会を今年度も開催した has two), with the phrase matched, where it starts in
-- the sentence, and, for a number rule ($signal), the amounts planned and done: target_actual (group 1 the
-- target, group 2 the result), actual_target (the other way round), actual_ceiling (group 1 the result,
-- group 2 a ceiling to stay under: planned is the result, done the ceiling, so the ratio is ceiling / result), rate (group 1 a per-cent or 割 figure
-- against 100), actual (group 1 an amount done, group 2 its unit). The groups are read from the phrase,
-- as many as the signal's amount_groups in data/signals.csv.
-- dashboard/db.py runs it once per rule of status_rules, so each pattern is a constant.

insert into rule_matches
with found as (
    select
        source_id,
        measure_id,
        fiscal_year,
        item_seq,
        sentence_seq,
        regexp_extract_all(sentence, $pattern) as phrases,
        regexp_split_to_array(sentence, $pattern) as between,
    from report_sentences
    where regexp_matches(sentence, $pattern)
),

matched as (
    select
        * exclude (phrases, between),
        phrases[k] as phrase,
        -- the text before the k-th match: the pieces before it and the k - 1 matches between them
        cast(list_sum(list_transform(between[1:k], lambda x: length(x)))
            + coalesce(list_sum(list_transform(phrases[1:k - 1], lambda x: length(x))), 0) as integer) as phrase_start,
    from found, range(1, len(phrases) + 1) as r(k)
),

grouped as (
    select
        *,
        case when g.amount_groups >= 1 then regexp_extract(phrase, $pattern, 1) end as group_1,
        case when g.amount_groups >= 2 then regexp_extract(phrase, $pattern, 2) end as group_2,
    from matched
    inner join signals as g on g.signal = $signal
    where length(phrase) > 0
)

select
    source_id,
    measure_id,
    fiscal_year,
    item_seq,
    sentence_seq,
    $rule_id as rule_id,
    phrase,
    phrase_start,
    case $signal
        when 'target_actual' then amount(group_1)
        when 'actual_target' then amount(group_2)
        when 'actual_ceiling' then amount(group_1)
        when 'rate' then 100
    end as planned,
    case $signal
        when 'target_actual' then amount(group_2)
        when 'actual_target' then amount(group_1)
        when 'actual_ceiling' then amount(group_2)
        when 'rate' then rate_amount(group_1, phrase)
        when 'actual' then amount(group_1)
    end as done_amount,
    case when $signal = 'actual' then group_2 end as unit,
from grouped;
