-- One row per report or plan bullet of measure $measure_id, in source order, with where the
-- status evidence sits in it (0-based character offsets of the deciding phrase within the bullet).

select
    i.source_id,
    i.kind,
    i.fiscal_year,
    i.seq,
    i.marker,
    i.text,
    i.relisted,
    i.is_note,
    case when ms.evidence_item = i.seq and i.kind = 'report'
        then ms.evidence_sentence_start + ms.evidence_start end as highlight_start,
    case when ms.evidence_item = i.seq and i.kind = 'report'
        then ms.evidence_sentence_start + ms.evidence_end end as highlight_end,
from items as i
left join measure_status as ms
    on ms.source_id = i.source_id and ms.measure_id = i.measure_id and ms.fiscal_year = i.fiscal_year
where i.measure_id = $measure_id
order by i.source_id, i.kind desc, i.seq;
