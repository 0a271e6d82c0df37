-- One row per report sentence that some counted rule matches: the sentence's signal, whether a weak
-- rule alone decided it (`weak`), and the match that gave it. Strong rules decide:
-- - a not_done, cancelled or partly part before a contrast that the whole aim met follows
--   (1回は延期したが、全回実施した; 一部の地区では少なかったが、全体としては目標を達成した) is done, weakly;
-- - not_done beside done or ongoing across a contrast (が、/ものの/一方) is partly, but not beside work
--   under way toward a named activity (導入を検討しているが、具体化には至っていない);
-- - not_done or cancelled of a part (地区によっては, 残る2圏域では, 2回は) is partly;
-- - a not_done that is only the cause of a shortfall that follows it (確保ができず、計画を下回った; not
--   after a plan or an attempt: 予定したが、応募がなく…) is partly;
-- - cancelled beside done is partly; otherwise not_done, cancelled, partly.
-- A weak shortfall (a weak rule of a `shortfall` signal of data/signals.csv: a decline, little, a difficulty, a disruption) is decided by the sentence around it:
-- in a sentence about what comes next (今後, 引き続き …) or one that calls it a remaining issue
-- (…が少ないなど課題も残る) it is only a caveat; before a contrast that a success follows
-- (減少したが、目標は達成できた) the success stands, weakly; beside a success otherwise it is partly, also
-- after a contrast that follows a success beside a need for more (Aは実施したが、Bは伸びず、強化が求められる)
-- unless the whole aim was met; alone it keeps its reading, weakly; before a statement that the whole aim was met
-- (全回実施, 計画した回数を確保) it is how the aim was met: done, weakly, as is a part done only another way or
-- on a smaller scale (strong partly alone). A success beside a caveat (更なる周知が
-- 必要) is done, weakly. A sentence with only numbers has the signal `number`. Work under way beside the
-- activity it is for (導入について検討中) is marked `toward`; a fallback success alone beside it (設置に向けて
-- 話し合いを重ね、…に努めた) is that work under way.

create view sentence_status as
with counted as (
    select m.*, g.shortfall,
    from sentence_matches as m
    inner join signals as g using (signal)
    where m.counts and m.signal <> 'actual'
),

flags as (
    select
        source_id,
        measure_id,
        fiscal_year,
        item_seq,
        sentence_seq,
        any_value(original) as sentence,
        any_value(sentence_start) as sentence_start,
        bool_or(signal = 'not_done' and strength = 'strong') as not_done,
        bool_or(signal = 'cancelled' and strength = 'strong') as cancelled,
        bool_or(signal = 'partly' and strength = 'strong') as partly,
        bool_or(shortfall and strength = 'weak') as weak_short,
        bool_or(signal = 'done' and strength = 'strong') as done,
        bool_or(signal = 'done' and strength = 'weak') as weak_done,
        bool_or(signal = 'ongoing') as ongoing,
        bool_or(signal = 'caveat') as caveat,
        bool_or(signal = 'outlook') as outlook,
        bool_or(signal = 'contrast') as contrast,
        bool_or(signal = 'number') as number,
        bool_or(signal = 'scope') as scope,
        bool_or(signal = 'toward') as toward,
        bool_or(signal = 'attempt') as attempt,
        -- every not-done phrase is a cause clause (確保できず、…; its ending a `cause_ending` word of
        -- data/rule_words.csv): the result that follows it decides
        bool_and(regexp_matches(phrase, words('cause_ending') || '$')) filter (where signal = 'not_done' and strength = 'strong')
            as not_done_cause,
        max(phrase_start) filter (where signal = 'not_done' and strength = 'strong') as not_done_at,
        max(phrase_start) filter (where shortfall and strength = 'strong') as short_at,
        max(phrase_start) filter (where signal = 'complete') as complete_at,
        max(phrase_start) filter (where signal = 'partly' or (shortfall and strength = 'weak')) as partly_at,
        max(phrase_start) filter (where signal = 'contrast') as contrast_at,
        max(phrase_start) filter (where signal = 'done' and strength = 'strong') as done_at,
        max(phrase_start) filter (where signal = 'done') as any_done_at,
        max(phrase_start) filter (where shortfall and strength = 'weak') as weak_short_at,
        arg_min(signal, priority * 10000 - phrase_start)
            filter (where shortfall and strength = 'weak') as weak_signal,
        arg_max({'phrase': evidence_phrase, 'start': evidence_start, 'rule': rule_id}, priority * 10000 - phrase_start)
            filter (where signal = 'not_done' and strength = 'strong') as not_done_match,
        arg_max({'phrase': evidence_phrase, 'start': evidence_start, 'rule': rule_id}, priority * 10000 - phrase_start)
            filter (where signal = 'cancelled' and strength = 'strong') as cancelled_match,
        arg_max({'phrase': evidence_phrase, 'start': evidence_start, 'rule': rule_id}, priority * 10000 - phrase_start)
            filter (where signal = 'partly' and strength = 'strong') as partly_match,
        arg_max({'phrase': evidence_phrase, 'start': evidence_start, 'rule': rule_id}, priority * 10000 - phrase_start)
            filter (where shortfall and strength = 'weak') as weak_match,
        arg_max({'phrase': evidence_phrase, 'start': evidence_start, 'rule': rule_id}, priority * 10000 - phrase_start)
            filter (where signal = 'done' and strength = 'strong') as done_match,
        arg_max({'phrase': evidence_phrase, 'start': evidence_start, 'rule': rule_id}, priority * 10000 - phrase_start)
            filter (where signal = 'done' and strength = 'weak') as weak_done_match,
        arg_max({'phrase': evidence_phrase, 'start': evidence_start, 'rule': rule_id}, priority * 10000 - phrase_start)
            filter (where signal = 'ongoing') as ongoing_match,
        arg_max({'phrase': evidence_phrase, 'start': evidence_start, 'rule': rule_id}, priority * 10000 - phrase_start)
            filter (where signal = 'caveat') as caveat_match,
        arg_min({'phrase': evidence_phrase, 'start': evidence_start, 'rule': rule_id}, ratio)
            filter (where signal = 'number') as number_match,
    from counted
    group by source_id, measure_id, fiscal_year, item_seq, sentence_seq
),

decided as (
    select
        *,
        weak_short and not outlook and not caveat as short_w,
        case
            when (not_done or cancelled or partly) and done and contrast
                and short_at < contrast_at and contrast_at < complete_at then 'done'
            -- a part done another way or on a smaller scale before the whole aim met, with no contrast
            -- (少人数制とし…計画の48回をすべて実施できた) is how the aim was met
            when partly and not (not_done or cancelled) and done and short_at < complete_at then 'done'
            -- work under way toward a named activity is no part done: 導入を検討しているが、至っていない
            when not_done and (done or (ongoing and not toward)) and contrast then 'partly'
            when (not_done or cancelled) and scope then 'partly'
            when not_done and not_done_cause and not attempt and (partly or (weak_short and not outlook and not caveat))
                and not_done_at < partly_at then 'partly'
            when not_done then 'not_done'
            when cancelled and (done or ongoing or partly) then 'partly'
            when cancelled then 'cancelled'
            when partly then 'partly'
            -- a weak shortfall after a contrast that follows a success (Aは実施したが、Bは伸びず) is the
            -- other part of a mixed result, even beside a need for more; not when the whole aim was met
            when weak_short and caveat and not outlook and done and contrast and complete_at is null
                and done_at < contrast_at and contrast_at < weak_short_at then 'partly'
            when weak_short and not outlook and not caveat and (done or weak_done)
                and contrast and weak_short_at < contrast_at and contrast_at < any_done_at then 'done'
            -- a disruption or a change of form before the whole aim met (オンラインに切り替えて全6回を実施した)
            when weak_short and not outlook and not caveat and done and weak_short_at < complete_at then 'done'
            when weak_short and not outlook and not caveat and done then 'partly'
            when weak_short and not outlook and not caveat then weak_signal
            when done then 'done'
            -- only a fallback success (…に努めた) beside work under way toward a named activity: not done yet
            when weak_done and ongoing and toward then 'ongoing'
            when weak_done then 'done'
            when ongoing then 'ongoing'
            when caveat or weak_short then 'caveat'
            when number then 'number'
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
    -- work under way beside the activity it is for (実施に向けた準備を進めている)
    signal = 'ongoing' and toward as toward,
    -- a success that states the whole aim met (a `complete` match: 目標を達成, 全24講座実施, 計画値を上回った);
    -- in report_status it outweighs weak shortfalls in other sentences of the report
    signal = 'done' and complete_at is not null as aim_met,
    -- an obstacle overcome: only a part short (a strong partly, nothing missed) before a contrast that a
    -- success follows (受入れ体制が十分でない時期もあったが、日程調整で対応した); beside a statement of the
    -- aim met elsewhere in the report it is how the aim was met, not a shortfall of its own
    signal = 'partly' and partly and not (not_done or cancelled) and contrast
        and short_at < contrast_at and contrast_at < done_at as overcome,
    -- decided by a weak rule alone, or a success with a caveat beside it
    case
        when signal = 'done' and (not_done or cancelled or partly) then true
        when not_done or cancelled or partly then false
        when signal = 'partly' and done then false
        when short_w and not done then true
        when short_w and signal = 'done' then true
        when short_w then false
        when done then caveat or (weak_short and outlook)
        when weak_done then true
        when ongoing then false
        else true
    end as weak,
    case
        when signal = 'partly' and (not_done or cancelled) and scope and not (done or ongoing or partly) then
            coalesce(not_done_match, cancelled_match)
        when signal = 'partly' and not_done and not_done_cause and not attempt then coalesce(partly_match, weak_match)
        when signal = 'partly' then coalesce(
            case when not_done then not_done_match end,
            case when cancelled then cancelled_match end,
            partly_match,
            weak_match
        )
        when signal = 'not_done' then coalesce(not_done_match, weak_match)
        when signal = 'cancelled' then coalesce(cancelled_match, weak_match)
        when signal = 'done' then coalesce(done_match, weak_done_match)
        when signal = 'ongoing' then ongoing_match
        when signal = 'caveat' then coalesce(caveat_match, weak_match)
        when signal = 'number' then number_match
    end as match,
from decided
where signal is not null;
