-- One row per fiscal year of measure $measure_id (in $municipality, or any when NULL): everything the drill-down shows for that year
-- (measure text, target, status, evidence, report, plan), from measure_status, with the signal of the
-- rule that decided it (evidence_signal: a signal of status_rules, e.g. not_done, partly, rate; NULL when no
-- rule matched), so the page can name the rule in words.

select
    ms.*,
    r.signal as evidence_signal,
from measure_status as ms
left join status_rules as r on r.rule_id = ms.evidence_rule
where ms.measure_id = $measure_id and ($municipality is null or ms.municipality = $municipality)
order by ms.source_id, ms.fiscal_year;
