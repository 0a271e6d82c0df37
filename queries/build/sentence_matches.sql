-- One row per rule match in a report sentence, with the signal it gives (a quantity rule's amounts
-- become done, partly or not_done) and whether it counts: rules of priority 50 and above always count;
-- lower ones are fallbacks, counted only in a sentence that no other rule matches.

create view sentence_matches as
with rule_hits as (
    select
        s.*,
        m.rule_id,
        r.signal as rule_signal,
        r.priority,
        m.phrase,
        m.planned,
        m.done_amount,
    from rule_matches as m
    inner join status_rules as r using (rule_id)
    inner join report_sentences as s using (source_id, measure_id, fiscal_year, item_seq, sentence_seq)
),

signalled as (
    select
        * exclude (rule_signal),
        case
            when rule_signal <> 'quantity' then rule_signal
            when planned is null or done_amount is null then null
            when done_amount >= planned then 'done'
            when done_amount > 0 then 'partly'
            else 'not_done'
        end as signal,
    from rule_hits
)

select
    *,
    strpos(sentence, phrase) - 1 as phrase_start,
    -- rules below priority 50 are fallbacks: they count only in a sentence no other rule matches
    priority >= 50 or not bool_or(priority >= 50 and signal <> 'contrast') over (
        partition by source_id, measure_id, fiscal_year, item_seq, sentence_seq
    ) as counts,
from signalled
where signal is not null;
