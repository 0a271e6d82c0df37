-- One row per measure and fiscal year that has a report: its status from its sentences and the
-- sentence that decided it. partly, or not_done beside done, or cancelled beside done → partial;
-- not_done → not_achieved; cancelled → cancelled; done or ongoing → achieved. A report that no rule
-- matches is achieved, with evidence_rule 'none' so it can be found and checked.

create view report_status as
with reported as (
    select distinct source_id, measure_id, fiscal_year
    from items
    where kind = 'report'
),

signals as (
    select
        source_id,
        measure_id,
        fiscal_year,
        bool_or(signal = 'partly') as partly,
        bool_or(signal = 'not_done') as not_done,
        bool_or(signal in ('done', 'ongoing')) as done,
        bool_or(signal = 'cancelled') as cancelled,
    from sentence_status
    group by source_id, measure_id, fiscal_year
),

measure_year_status as (
    select
        r.*,
        case
            when s.partly or (s.not_done and s.done) or (s.cancelled and s.done) then 'partial'
            when s.not_done then 'not_achieved'
            when s.cancelled then 'cancelled'
            else 'achieved'
        end as status,
    from reported as r
    left join signals as s using (source_id, measure_id, fiscal_year)
),

-- The sentence that decided each status: the first of the most telling signal.
ranked as (
    select
        d.source_id,
        d.measure_id,
        d.fiscal_year,
        d.status,
        s.item_seq,
        s.sentence,
        s.sentence_start,
        s.match,
        row_number() over (
            partition by d.source_id, d.measure_id, d.fiscal_year
            order by
                case
                    when d.status = 'partial' then list_position(['partly', 'not_done', 'cancelled'], s.signal)
                    when d.status = 'not_achieved' then list_position(['not_done'], s.signal)
                    when d.status = 'cancelled' then list_position(['cancelled'], s.signal)
                    else list_position(['done', 'ongoing'], s.signal)
                end nulls last,
                s.item_seq,
                s.sentence_seq
        ) as rank,
    from measure_year_status as d
    left join sentence_status as s using (source_id, measure_id, fiscal_year)
),

first_sentence as (
    select source_id, measure_id, fiscal_year, item_seq, sentence, sentence_start,
    from report_sentences
    qualify row_number() over (partition by source_id, measure_id, fiscal_year order by item_seq, sentence_seq) = 1
)

select
    r.source_id,
    r.measure_id,
    r.fiscal_year,
    r.status,
    coalesce(r.sentence, f.sentence) as evidence,
    r.match.phrase as evidence_phrase,
    r.match.start as evidence_start,
    r.match.start + length(r.match.phrase) as evidence_end,
    coalesce(r.item_seq, f.item_seq) as evidence_item,
    coalesce(r.match.rule, 'none') as evidence_rule,
    'high' as confidence,
    coalesce(r.sentence_start, f.sentence_start) as evidence_sentence_start,
from ranked as r
left join first_sentence as f using (source_id, measure_id, fiscal_year)
where r.rank = 1;
