-- Views that apply data/status_rules.csv to the progress reports (items of kind 'report'),
-- ending in measure_status: one row per measure and fiscal year. Every query that shows a status
-- reads measure_status or report_status, so `status`, `classify`, exports and the app agree.
--
-- Rules of priority 50 and above always count; lower ones are fallbacks, counted only in a sentence
-- that no other rule matches. A quantity rule compares the amount planned with the amount done.
-- A sentence's signal: not_done beside done or ongoing across a contrast (が、/ものの/一方) is partly;
-- cancelled beside done is partly; otherwise not_done, cancelled, partly, done, ongoing, in that order.
-- A measure-year's status from its sentences: partly, or not_done beside done, or cancelled beside
-- done → partial; not_done → not_achieved; cancelled → cancelled; done or ongoing → achieved.
-- A report that no rule matches is achieved, with evidence_rule 'none' so it can be found and checked.

-- Report sentences, materialized: every rule is matched against them (queries/match_rule.sql).
create table report_sentences as
with report as (
    select
        source_id,
        measure_id,
        fiscal_year,
        seq as item_seq,
        regexp_extract_all(coalesce(text, ''), '[^。！？!?]*[。！？!?]+|[^。！？!?]+') as sentences,
    from items
    where kind = 'report'
),

split as (
    select
        source_id,
        measure_id,
        fiscal_year,
        item_seq,
        unnest(sentences) as sentence,
        generate_subscripts(sentences, 1) as sentence_seq,
    from report
)

select
    *,
    coalesce(sum(length(sentence)) over (
        partition by source_id, measure_id, fiscal_year, item_seq
        order by sentence_seq
        rows between unbounded preceding and 1 preceding
    ), 0) as sentence_start,
from split;


-- What each rule matched: filled by running queries/match_rule.sql once per rule, so that DuckDB
-- compiles each pattern once instead of once per sentence.
create table rule_matches (
    source_id varchar,
    measure_id varchar,
    fiscal_year integer,
    item_seq integer,
    sentence_seq integer,
    rule_id varchar,
    phrase varchar,
    planned double,
    done_amount double,
);


create view sentence_matches as
with matched as (
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
    from matched
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


create view sentence_status as
with matches as (
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
    from matches
    group by source_id, measure_id, fiscal_year, item_seq, sentence_seq
),

decided as (
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
from decided
where signal is not null;


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

decided as (
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
    from decided as d
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
    coalesce(r.sentence_start, f.sentence_start) as evidence_sentence_start,
from ranked as r
left join first_sentence as f using (source_id, measure_id, fiscal_year)
where r.rank = 1;


-- One row per measure and fiscal year of every source: its status, the evidence that decided it,
-- the year's target, the report and the plan. Years are the source's target years and its report
-- year. A year without a report column is target_only or no_target; a reported year with a target
-- and an empty report is no_report. Lagging (遅れ) = partial, not_achieved, no_report.
create view status_base as
with years as (
    select
        source_id,
        fiscal_year,
        bool_or(role = 'report') as reported,
    from columns
    where role in ('target', 'report')
    group by source_id, fiscal_year
),

reports as (
    select
        source_id,
        measure_id,
        fiscal_year,
        string_agg(coalesce(marker, '') || coalesce(text, ''), ' ' order by seq) as report,
    from items
    where kind = 'report'
    group by source_id, measure_id, fiscal_year
),

plans as (
    select
        source_id,
        measure_id,
        string_agg(coalesce(marker, '') || coalesce(text, ''), ' ' order by seq) as plan,
    from items
    where kind = 'plan'
    group by source_id, measure_id
),

decided as (
    select
        coalesce(s.municipality, m.source_id) as municipality,
        s.municipality_en,
        s.plan_start,
        s.plan_end,
        s.report_year as source_report_year,
        m.source_id,
        m.measure_id,
        m.domain_order,
        m.domain,
        d.domain_en,
        m.number,
        m.group_no,
        m.item_no,
        m.text as measure,
        y.fiscal_year,
        y.reported,
        t.text as target,
        case
            when rs.status is not null then rs.status
            when y.reported and t.text is not null then 'no_report'
            when y.reported then 'no_target'
            when t.text is not null then 'target_only'
            else 'no_target'
        end as status,
        'automatic' as status_source,
        rs.evidence,
        rs.evidence_phrase,
        rs.evidence_start,
        rs.evidence_end,
        rs.evidence_rule,
        rs.evidence_item,
        rs.evidence_sentence_start,
        r.report,
        p.plan,
    from measures as m
    inner join years as y on y.source_id = m.source_id
    inner join sources as s on s.source_id = m.source_id
    inner join domains as d on d.source_id = m.source_id and d.domain_order = m.domain_order
    left join targets as t
        on t.source_id = m.source_id and t.measure_id = m.measure_id and t.fiscal_year = y.fiscal_year
    left join report_status as rs
        on rs.source_id = m.source_id and rs.measure_id = m.measure_id and rs.fiscal_year = y.fiscal_year
    left join reports as r
        on r.source_id = m.source_id and r.measure_id = m.measure_id and r.fiscal_year = y.fiscal_year
    left join plans as p
        on p.source_id = m.source_id and p.measure_id = m.measure_id
)

select * from decided;


-- One row per measure lagging in a reported year whose source has a plan for the next year:
-- does that plan address the shortfall? The shortfall is the clause of the evidence that holds the
-- deciding phrase (after the last contrast marker before it), or the year's target when there is
-- no report. Its key terms (runs of kanji or katakana, two or more, minus generic words) that the
-- plan's text contains are the shared terms: addressed when one of them has three or more characters
-- or two or more are shared, otherwise not_addressed.
create view carry_over as
with lagging as (
    select
        st.source_id,
        st.measure_id,
        st.fiscal_year,
        case
            when st.evidence is null then coalesce(t.text, '')
            else list_last(regexp_split_to_array(
                    substr(st.evidence, 1, coalesce(st.evidence_start, 0)), 'が、|ものの、?|一方、?|しかし、?'))
                || regexp_extract(substr(st.evidence, coalesce(st.evidence_start, 0) + 1),
                    '^(.*?)(が、|ものの|一方|しかし|$)', 1)
        end as shortfall,
    from status_base as st
    left join targets as t using (source_id, measure_id, fiscal_year)
    where st.status in (select status from status_words where lagging)
),

plans as (
    select
        source_id,
        measure_id,
        fiscal_year,
        string_agg(coalesce(text, ''), ' ' order by seq) as plan_text,
    from items
    where kind = 'plan'
    group by source_id, measure_id, fiscal_year
),

terms as (
    select
        l.source_id,
        l.measure_id,
        l.fiscal_year,
        l.shortfall,
        p.plan_text,
        list_distinct(list_filter(
            regexp_extract_all(l.shortfall, '[\p{Han}\p{Katakana}ー]{2,}'),
            lambda term: not list_contains(
                ['年度', '本年度', '今年度', '次年度', '来年度', '実施', '検討', '開催', '十分', '必要', '対応',
                 '取組', '取組み', '取り組み', '事業', '状況', '予定', '全体', '一部', '現在', '方法'],
                term
            )
        )) as key_terms,
    from lagging as l
    inner join columns as c on c.source_id = l.source_id and c.role = 'plan' and c.fiscal_year = l.fiscal_year + 1
    left join plans as p
        on p.source_id = l.source_id and p.measure_id = l.measure_id and p.fiscal_year = c.fiscal_year
),

shared as (
    select
        *,
        list_filter(key_terms, lambda term: plan_text is not null and contains(plan_text, term)) as shared_terms,
    from terms
)

select
    source_id,
    measure_id,
    fiscal_year,
    shortfall,
    shared_terms,
    case
        when len(shared_terms) >= 2 or list_max(list_transform(shared_terms, lambda term: length(term))) >= 3
            then 'addressed'
        else 'not_addressed'
    end as carry_over,
from shared;


-- The automatic status of each measure and fiscal year, as shown everywhere unless a planner has
-- confirmed or corrected it: queries/corrected.sql lays the corrections over these rows (at read
-- time, so a correction never rebuilds the cached statuses). The carry-over check is added to lagging rows.
-- `municipality` is the manifest's name, or the source id when the manifest does not name it.
create view status_automatic as
-- Several reports of one plan (same municipality and plan period) are matched measure by measure on
-- domain and number: each year's row comes from the report on that year, else from the latest report.
with matched as (
    select * exclude (status_source)
    from status_base
    qualify row_number() over (
        partition by municipality, plan_start, plan_end, domain, number, fiscal_year
        order by (fiscal_year = source_report_year) desc, source_report_year desc, source_id
    ) = 1
)

select
    m.*,
    co.carry_over,
    array_to_string(co.shared_terms, '、') as carry_over_terms,
from matched as m
left join carry_over as co using (source_id, measure_id, fiscal_year);
