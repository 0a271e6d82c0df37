-- One row per other measure that shares re-listed （再掲） text with measure $measure_id of source $source_id:
-- a bullet or target of one, with the （再掲） mark removed, is the same text in the other.

with texts as (
    select source_id, measure_id, relisted, regexp_replace(coalesce(text, ''), '[（(]再掲[）)]|[。\s]', '', 'g') as bare,
    from items
    union all
    select source_id, measure_id, relisted, regexp_replace(text, '[（(]再掲[）)]|[。\s]', '', 'g') as bare,
    from targets
),

pairs as (
    select distinct
        b.source_id,
        b.measure_id,
    from texts as a
    inner join texts as b
        on a.source_id = b.source_id and a.bare = b.bare and a.measure_id <> b.measure_id
    where a.measure_id = $measure_id and a.source_id = $source_id and (a.relisted or b.relisted) and length(a.bare) >= 8
)

select
    m.source_id,
    m.measure_id,
    m.domain,
    m.number,
    m.text as measure,
from pairs as p
inner join measures as m using (source_id, measure_id)
order by m.domain_order, m.group_no, m.item_no;
