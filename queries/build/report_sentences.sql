-- One row per sentence of a progress report (items of kind 'report'), with its offset in the item's
-- text. Materialized: every status rule is matched against these rows (match_rule.sql).

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
