-- One row per measure and fiscal year that has a report: its status, the sentence (or the numbers)
-- that decided it, and how firmly (confidence high or low).
-- Numbers first: a ratio of result to aim in the report (目標24人に対し5人, 達成率85%, 目標の8割), or
-- else an amount done in the unit of the measure's own target for the year (target 年4回, report 3回),
-- gets the status data/status_thresholds.csv gives it (the lowest ratio when there are several); a
-- ratio that reaches the aim beside a sentence saying something was not done or was cancelled is
-- partial (a `missed` signal of data/signals.csv). Otherwise the sentences decide: partly, or not_done beside done or ongoing, or cancelled
-- beside done → partial; not_done → not_achieved; cancelled → cancelled; done → achieved; work only
-- under way → achieved, weakly, when the year's target is itself to discuss or prepare; not_achieved,
-- weakly, when the year has another target or the report names the activity the work is for (導入に
-- 向けて検討中); otherwise unclear. Only a caveat → partial, weakly. A report no rule finds evidence in is unclear, with evidence_rule 'none'.

create view report_status as
with reported as (
    select distinct source_id, measure_id, fiscal_year
    from items
    where kind = 'report'
),

-- What the sentences of each report say, signal by signal.
said as (
    select
        source_id,
        measure_id,
        fiscal_year,
        bool_or(signal = 'partly') as partly,
        bool_or(signal = 'not_done') as not_done,
        bool_or(signal = 'done') as done,
        bool_or(signal = 'ongoing') as ongoing,
        bool_or(toward) as toward,
        bool_or(signal = 'cancelled') as cancelled,
        bool_or(signal = 'caveat') as caveat,
        bool_or(g.missed and not weak) as strong_shortfall,
        -- a sentence stating the whole aim met, and whether any shortfall sentence is firm (not decided by a
        -- weak rule alone): a statement of the aim met outweighs shortfalls that are only weak elsewhere in
        -- the report (…前年度の11件から減少した。目標（5件以下）を達成している。 is achieved)
        bool_or(aim_met) as aim_met,
        bool_or(g.shortfall and not weak and not overcome) as firm_shortfall,
    from sentence_status
    left join signals as g using (signal)
    group by source_id, measure_id, fiscal_year
),

-- Ratios stated in the report: the lowest decides.
stated_numbers as (
    select
        source_id,
        measure_id,
        fiscal_year,
        item_seq,
        original as sentence,
        sentence_start,
        {'phrase': evidence_phrase, 'start': evidence_start, 'rule': rule_id} as match,
        ratio,
        number_status,
    from sentence_matches
    where signal = 'number' and counts and number_status is not null
    qualify row_number() over (
        partition by source_id, measure_id, fiscal_year order by ratio, item_seq, sentence_seq, phrase_start
    ) = 1
),

-- The measure's own target for the year as an amount in a unit of data/rule_words.csv (年4回 → 4, 回).
target_amounts as (
    select
        source_id,
        measure_id,
        fiscal_year,
        amount(regexp_extract(text, '([0-9０-９][0-9０-９,，]*)\s*' || words('unit'), 1)) as planned,
        regexp_extract(text, '([0-9０-９][0-9０-９,，]*)\s*' || words('unit'), 2) as unit,
    from targets
    where regexp_matches(text, '[0-9０-９]\s*' || words('unit'))
),

target_numbers as (
    select
        m.source_id,
        m.measure_id,
        m.fiscal_year,
        m.item_seq,
        m.original as sentence,
        m.sentence_start,
        {'phrase': m.evidence_phrase, 'start': m.evidence_start, 'rule': m.rule_id} as match,
        m.done_amount / t.planned as ratio,
        (select arg_max(th.status, th.min_ratio) from status_thresholds as th
            where th.min_ratio <= m.done_amount / t.planned) as number_status,
    from sentence_matches as m
    inner join target_amounts as t
        on t.source_id = m.source_id and t.measure_id = m.measure_id and t.fiscal_year = m.fiscal_year
        and t.unit = m.unit and t.planned > 0
    where m.signal = 'actual'
    qualify row_number() over (
        partition by m.source_id, m.measure_id, m.fiscal_year order by m.item_seq, m.sentence_seq, m.phrase_start
    ) = 1
),

numbers as (
    select * from stated_numbers
    union all by name
    select * from target_numbers as tn
    where not exists (
        select 1 from stated_numbers as sn
        where sn.source_id = tn.source_id and sn.measure_id = tn.measure_id and sn.fiscal_year = tn.fiscal_year
    )
),

-- A target that is itself to discuss or prepare (a `preparing` word of data/rule_words.csv: 検討, 協議 …)
-- is met by work under way; any other target is not.
year_targets as (
    select source_id, measure_id, fiscal_year, bool_or(regexp_matches(text, words('preparing'))) as preparing
    from targets
    where nullif(trim(text), '') is not null
    group by source_id, measure_id, fiscal_year
),

measure_year_status as (
    select
        r.*,
        n.number_status,
        case
            when n.number_status = 'achieved' and s.strong_shortfall then 'partial'
            when n.number_status is not null then n.number_status
            when s.aim_met and not s.firm_shortfall then 'achieved'
            when s.partly or (s.not_done and (s.done or s.ongoing)) or (s.cancelled and (s.done or s.ongoing))
                then 'partial'
            when s.not_done then 'not_achieved'
            when s.cancelled then 'cancelled'
            when s.done then 'achieved'
            when s.ongoing and p.preparing then 'achieved'
            when s.ongoing and (p.measure_id is not null or s.toward) then 'not_achieved'
            when s.ongoing then 'unclear'
            when s.caveat then 'partial'
            else 'unclear'
        end as status,
        -- a success that outweighed a weak shortfall is read with low confidence, as one beside a caveat
        coalesce(s.caveat, false) or coalesce(s.aim_met and not s.firm_shortfall
            and (s.partly or s.not_done or s.cancelled), false) as caveat,
    from reported as r
    left join said as s using (source_id, measure_id, fiscal_year)
    left join numbers as n using (source_id, measure_id, fiscal_year)
    left join year_targets as p using (source_id, measure_id, fiscal_year)
),

-- The sentence that decided each status: the first strong one of the most telling signal (of the signals
-- data/signals.csv says can be the evidence of that status, the one of the lowest evidence_rank).
ranked as (
    select
        d.source_id,
        d.measure_id,
        d.fiscal_year,
        d.status,
        d.caveat,
        s.item_seq,
        s.sentence,
        s.sentence_start,
        s.match,
        s.weak,
        row_number() over (
            partition by d.source_id, d.measure_id, d.fiscal_year
            order by
                case when list_contains(string_split(g.evidence_of, ' '), d.status) then g.evidence_rank end nulls last,
                s.weak,
                s.item_seq,
                s.sentence_seq
        ) as rank,
    from measure_year_status as d
    left join sentence_status as s using (source_id, measure_id, fiscal_year)
    left join signals as g on g.signal = s.signal
    where d.number_status is null
),

worded as (
    select * from ranked where rank = 1
),

first_sentence as (
    select source_id, measure_id, fiscal_year, item_seq, original as sentence, sentence_start,
    from report_sentences
    qualify row_number() over (partition by source_id, measure_id, fiscal_year order by item_seq, sentence_seq) = 1
),

decided as (
    select
        d.source_id,
        d.measure_id,
        d.fiscal_year,
        d.status,
        n.sentence,
        n.sentence_start,
        n.item_seq,
        n.match,
        n.ratio,
        'high' as confidence,
    from measure_year_status as d
    inner join numbers as n using (source_id, measure_id, fiscal_year)
    where d.number_status is not null

    union all

    select
        w.source_id,
        w.measure_id,
        w.fiscal_year,
        w.status,
        case when w.status <> 'unclear' or w.match is not null then w.sentence end as sentence,
        case when w.status <> 'unclear' or w.match is not null then w.sentence_start end as sentence_start,
        case when w.status <> 'unclear' or w.match is not null then w.item_seq end as item_seq,
        case when w.status <> 'unclear' or w.match is not null then w.match end as match,
        null as ratio,
        case
            when w.status = 'unclear' or w.match is null or w.weak then 'low'
            when w.status = 'achieved' and w.caveat then 'low'
            when (select r.signal from status_rules as r where r.rule_id = w.match.rule) = 'ongoing' then 'low'
            else 'high'
        end as confidence,
    from worded as w
)

select
    d.source_id,
    d.measure_id,
    d.fiscal_year,
    d.status,
    coalesce(d.sentence, f.sentence) as evidence,
    d.match.phrase as evidence_phrase,
    d.match.start as evidence_start,
    d.match.start + length(d.match.phrase) as evidence_end,
    coalesce(d.item_seq, f.item_seq) as evidence_item,
    coalesce(d.match.rule, 'none') as evidence_rule,
    round(d.ratio, 3) as evidence_ratio,
    d.confidence,
    coalesce(d.sentence_start, f.sentence_start) as evidence_sentence_start,
from decided as d
left join first_sentence as f using (source_id, measure_id, fiscal_year);
