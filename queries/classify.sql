-- One row per input line given to `python -m dashboard classify`: its status, evidence and confidence.
-- The lines are report items of source 'classify', measure_id = line number; report_status
-- applies the same rules as `status` (without a measure's own target). A line with no text has no
-- report: no_report.

select
    line.n as line,
    coalesce(rs.status, 'no_report') as status,
    coalesce(rs.evidence, '') as evidence,
    rs.evidence_phrase,
    rs.evidence_start,
    rs.evidence_end,
    rs.evidence_rule,
    rs.evidence_ratio,
    coalesce(rs.confidence, 'high') as confidence,
from range(1, $lines + 1) as line(n)
left join report_status as rs
    on rs.source_id = 'classify' and rs.measure_id = cast(line.n as varchar)
order by line.n;
