-- One row per report sentence that some counted rule matches: the sentence's signal and the match
-- that gave it. not_done beside done or ongoing across a contrast (が、/ものの/一方) is partly;
-- cancelled beside done is partly; otherwise not_done, cancelled, partly, done, ongoing, in that order.

create view sentence_status as
with counted as (
    select * from sentence_matches where counts
),

flags as (
    select
        source_id,
        measure_id,
        fiscal_year,
        item_seq,
        sentence_seq,
        any_value(sentence) as sentence,
        any_value(sentence_start) as sentence_start,
        bool_or(signal = 'not_done') as not_done,
        bool_or(signal = 'done') as done,
        bool_or(signal = 'ongoing') as ongoing,
        bool_or(signal = 'partly') as partly,
        bool_or(signal = 'cancelled') as cancelled,
        bool_or(signal = 'contrast') as contrast,
        arg_max({'phrase': phrase, 'start': phrase_start, 'rule': rule_id}, priority * 10000 - phrase_start)
            filter (where signal = 'not_done') as not_done_match,
        arg_max({'phrase': phrase, 'start': phrase_start, 'rule': rule_id}, priority * 10000 - phrase_start)
            filter (where signal = 'done') as done_match,
        arg_max({'phrase': phrase, 'start': phrase_start, 'rule': rule_id}, priority * 10000 - phrase_start)
            filter (where signal = 'ongoing') as ongoing_match,
        arg_max({'phrase': phrase, 'start': phrase_start, 'rule': rule_id}, priority * 10000 - phrase_start)
            filter (where signal = 'partly') as partly_match,
        arg_max({'phrase': phrase, 'start': phrase_start, 'rule': rule_id}, priority * 10000 - phrase_start)
            filter (where signal = 'cancelled') as cancelled_match,
    from counted
    group by source_id, measure_id, fiscal_year, item_seq, sentence_seq
),

sentence_signal as (
    select
        *,
        case
            when not_done and (done or ongoing) and contrast then 'partly'
            when not_done then 'not_done'
            when cancelled and (done or ongoing) then 'partly'
            when cancelled then 'cancelled'
            when partly then 'partly'
            when done then 'done'
            when ongoing then 'ongoing'
        end as signal,
    from flags
)

select
    source_id,
    measure_id,
    fiscal_year,
    item_seq,
    sentence_seq,
    sentence,
    sentence_start,
    signal,
    case signal
        when 'partly' then coalesce(
            case when not_done then not_done_match end,
            case when cancelled then cancelled_match end,
            partly_match
        )
        when 'not_done' then not_done_match
        when 'cancelled' then cancelled_match
        when 'done' then done_match
        when 'ongoing' then ongoing_match
    end as match,
from sentence_signal
where signal is not null;
