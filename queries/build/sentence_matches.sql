-- One row per rule match in a report sentence, with the signal it gives and whether it counts. Number
-- rules (a `number_rule` signal of data/signals.csv: target_actual, actual_target, rate) give the signal
-- `number`, with the ratio of result to aim
-- and the status data/status_thresholds.csv gives that ratio. Rules of priority 50 and above always
-- count; lower ones are fallbacks, counted only in a sentence that no other rule of a status signal
-- matches. A weak match inside the phrase of a strong match (減少 in 行方不明者が減少) does not count. phrase_start is in the cleaned sentence; evidence_start/_end and evidence_phrase are the
-- same phrase in the original sentence (`original`).

create view sentence_matches as
with rule_hits as (
    select
        s.*,
        m.rule_id,
        r.signal as rule_signal,
        g.number_rule,
        r.strength,
        r.priority,
        m.phrase,
        m.phrase_start,
        m.planned,
        m.done_amount,
        m.unit,
    from rule_matches as m
    inner join status_rules as r using (rule_id)
    inner join signals as g on g.signal = r.signal
    inner join report_sentences as s using (source_id, measure_id, fiscal_year, item_seq, sentence_seq)
),

signalled as (
    select
        * exclude (rule_signal, number_rule),
        case
            when not number_rule then rule_signal
            when planned > 0 and done_amount is not null then 'number'
        end as signal,
        case when number_rule and planned > 0
            then done_amount / planned end as ratio,

    from rule_hits
),

placed as (
    select
        *,
        coalesce(starts[phrase_start + 1], phrase_start) as evidence_start,
        coalesce(ends[phrase_start + length(phrase)], phrase_start + length(phrase)) as evidence_end,
    from signalled
    where signal is not null
),

-- The classes of each signal (data/signals.csv) the rest asks about.
classed as (
    select
        p.*,
        g.shortfall,
        g.missed,
        g.decides,
        g.holds,
        g.holdable,
    from placed as p
    inner join signals as g using (signal)
),

-- A match inside the phrase of another (減少 in 行方不明者が減少, できていない in 全ての相談には対応できていない)
-- is read as part of it (a `holdable` match inside a `holds` one): a weak match inside any strong one, a strong one inside a longer strong one of
-- another signal (an attempt, 公募したが, holds its 行った), a ratio inside a longer ratio (目標の60% in
-- 目標の60%に対し58%) or inside a longer success phrase that says what the per cent is (目標の5% in
-- 目標の5%以下に抑えた: a ceiling met; 目標の40% in 受診率は目標の40%を上回った: the target's level), and a ratio that would meet the aim
-- inside a longer shortfall phrase (目標値の9割 in 目標値の9割に満たない: the result is under that share). A success that starts where a shortfall ends
-- (中止|となった, 8%の減|となった) is part of the shortfall, and a count that a cancellation follows
-- (計画6回のうち2|回を中止) is no result.
covered as (
    select
        p.*,
        exists (
            select 1
            from classed as q
            where q.source_id = p.source_id and q.measure_id = p.measure_id and q.fiscal_year = p.fiscal_year
                and q.item_seq = p.item_seq and q.sentence_seq = p.sentence_seq
                and q.rule_id <> p.rule_id
                and q.holds
                and p.holdable
                -- a success phrase does not hold the statement of the aim met inside it (率は目標の75%を上回
                -- holds no shortfall, and its 目標の75%を上回 still says the whole aim was met)
                and not (q.signal = 'done' and p.signal = 'complete')
                and (
                    (q.strength = 'strong' and q.phrase_start <= p.phrase_start
                        and q.phrase_start + length(q.phrase) >= p.phrase_start + length(p.phrase)
                        and (p.strength = 'weak' or (length(q.phrase) > length(p.phrase)
                            -- a context phrase (a `holds` signal that does not decide: a target for the whole
                            -- plan period, 計画期間中の整備目標120床に対し…) holds its numbers too
                            and case when p.signal = 'number' then q.signal in ('number', 'done') or (q.holds and not q.decides)
                                -- a share said not to be reached (目標値の9割に満たない) cannot read as the aim met
                                or (q.shortfall and p.ratio >= (select min(t.min_ratio) from status_thresholds as t
                                                                 where t.status = 'achieved'))
                            else q.signal <> p.signal end)))
                    or (p.signal = 'done' and q.shortfall
                        and q.phrase_start + length(q.phrase) = p.phrase_start)
                    -- a count followed by its cancellation (6回のうち2|回を中止) is the part called off, not
                    -- the part done
                    or (p.signal = 'number' and q.missed and q.strength = 'strong'
                        and q.phrase_start between p.phrase_start + length(p.phrase)
                            and p.phrase_start + length(p.phrase) + 4)
                )
        ) as covered,
    from classed as p
)

select
    p.* exclude (shortfall, missed, decides, holds, holdable),
    substr(p.original, p.evidence_start + 1, p.evidence_end - p.evidence_start) as evidence_phrase,
    (select arg_max(t.status, t.min_ratio) from status_thresholds as t where t.min_ratio <= p.ratio) as number_status,
    -- rules below priority 50 are fallbacks: they count only in a sentence no other rule (of a signal that
    -- `decides`) decides (work
    -- under way or a weak shortfall does not: 会議を開催し、協議を重ねている is done; 減少傾向にあるが、
    -- 補助を継続し、活動を支えた is decided by the sentence logic)
    not p.covered and (
        p.priority >= 50
        or (p.shortfall and not bool_or(p.priority >= 50 and not p.covered and p.decides)
            over (partition by p.source_id, p.measure_id, p.fiscal_year, p.item_seq, p.sentence_seq))
        or (not p.shortfall and not bool_or(p.priority >= 50 and not p.covered and p.decides
            and not (p.strength = 'weak' and p.shortfall))
            over (partition by p.source_id, p.measure_id, p.fiscal_year, p.item_seq, p.sentence_seq))
    ) as counts,
from covered as p;
