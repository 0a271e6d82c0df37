-- One row per measure in a reported year whose source has a plan for the next year: would that plan
-- address a shortfall? For a lagging status the shortfall is the clause of the evidence that holds the
-- deciding phrase (after the last contrast marker before it: the `contrast` rules), or the year's target when there is no
-- report; for any other status (a planner may correct it to a lagging one) the year's target and the
-- evidence sentence. Its key terms (runs of kanji or katakana, two or more, with a number before them, minus the generic words of
-- data/carry_over_stopwords.csv) that the plan's text contains are the shared terms: addressed when one
-- of them has three or more characters or two or more are shared, otherwise not_addressed. Only
-- lagging rows show it (corrected.sql).

create view carry_over as
with contrast as (
    -- the contrast markers are the `contrast` rules of data/status_rules.csv (が、, ものの, 一方, しかし …)
    select '(' || string_agg(pattern, '|' order by rule_id) || ')' as markers,
    from status_rules
    where signal = 'contrast'
),

shortfalls as (
    select
        st.source_id,
        st.measure_id,
        st.fiscal_year,
        case
            when st.evidence is null then coalesce(t.text, '')
            when st.status in (select status from status_words where lagging)
                then list_last(regexp_split_to_array(
                    substr(st.evidence, 1, coalesce(st.evidence_start, 0)), c.markers || '、?'))
                || regexp_extract(substr(st.evidence, coalesce(st.evidence_start, 0) + 1),
                    '^(.*?)(' || c.markers || '|$)', 1)
            else concat_ws(' ', t.text, st.evidence)
        end as shortfall,
    from status_base as st
    cross join contrast as c
    left join targets as t using (source_id, measure_id, fiscal_year)
    where st.reported
),

next_plans as (
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
            -- a number before a kanji run belongs to it (2025年問題, never 年問題)
            regexp_extract_all(l.shortfall, '[0-9０-９]*[\p{Han}\p{Katakana}ー]{2,}'),
            lambda term: not list_contains(stop.terms, term)
        )) as key_terms,
    from shortfalls as l
    cross join (select list(term) as terms from carry_over_stopwords) as stop
    inner join columns as c on c.source_id = l.source_id and c.role = 'plan' and c.fiscal_year = l.fiscal_year + 1
    left join next_plans as p
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
