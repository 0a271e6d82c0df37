-- One row per sentence of a progress report (items of kind 'report'), as the rules read it: split from
-- the item's cleaned text (report_text; the text itself when hygiene changed nothing). Each row keeps
-- the original sentence (`original`, what the evidence shows) and the map from cleaned offsets in the
-- sentence to offsets in the original sentence (`starts`, `ends`, 1-based lists; NULL when identical).
-- Materialized: every status rule is matched against these rows (match_rule.sql).

create table report_sentences as
with report as (
    select
        i.source_id,
        i.measure_id,
        i.fiscal_year,
        i.seq as item_seq,
        coalesce(i.text, '') as item_text,
        t.starts as item_starts,
        t.ends as item_ends,
        regexp_extract_all(coalesce(t.clean, i.text, ''), '[^。！？!?]*[。！？!?]+|[^。！？!?]+') as sentences,
    from items as i
    left join report_text as t
        on t.source_id = i.source_id and t.measure_id = i.measure_id and t.fiscal_year = i.fiscal_year
        and t.item_seq = i.seq
    where i.kind = 'report'
),

split as (
    select
        * exclude (sentences),
        unnest(sentences) as sentence,
        generate_subscripts(sentences, 1) as sentence_seq,
    from report
),

placed as (
    select
        *,
        cast(coalesce(sum(length(sentence)) over (
            partition by source_id, measure_id, fiscal_year, item_seq
            order by sentence_seq
            rows between unbounded preceding and 1 preceding
        ), 0) as bigint) as clean_start,
    from split
),

mapped as (
    select
        * exclude (item_starts, item_ends),
        coalesce(item_starts[clean_start + 1], clean_start) as sentence_start,
        coalesce(item_ends[clean_start + length(sentence)], clean_start + length(sentence)) as sentence_end,
        item_starts[clean_start + 1:clean_start + length(sentence)] as abs_starts,
        item_ends[clean_start + 1:clean_start + length(sentence)] as abs_ends,
    from placed
)

select
    source_id,
    measure_id,
    fiscal_year,
    item_seq,
    sentence_seq,
    sentence,
    substr(item_text, sentence_start + 1, sentence_end - sentence_start) as original,
    sentence_start,
    list_transform(abs_starts, lambda x: x - sentence_start) as starts,
    list_transform(abs_ends, lambda x: x - sentence_start) as ends,
from mapped;
