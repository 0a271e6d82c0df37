-- One row per report or plan bullet of measure $measure_id (in $municipality, or any when NULL), in
-- source order, with where the status evidence sits in it (0-based character offsets of the deciding
-- phrase within the bullet). Reports come from the source each year's status was taken from; plans
-- from every report of the plan.

with shown as (
    select *
    from measure_status
    where measure_id = $measure_id and ($municipality is null or municipality = $municipality)
)

select
    i.source_id,
    i.kind,
    i.fiscal_year,
    i.seq,
    i.marker,
    i.text,
    i.relisted,
    i.is_note,
    case when sh.evidence_item = i.seq then sh.evidence_sentence_start + sh.evidence_start end as highlight_start,
    case when sh.evidence_item = i.seq then sh.evidence_sentence_start + sh.evidence_end end as highlight_end,
from items as i
left join shown as sh
    on sh.source_id = i.source_id and sh.measure_id = i.measure_id and sh.fiscal_year = i.fiscal_year
where
    i.measure_id = $measure_id
    and i.source_id in (select source_id from shown)
    and (i.kind = 'plan' or sh.source_id is not null)
order by i.kind desc, i.fiscal_year, i.source_id, i.seq;
