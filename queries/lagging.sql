-- One row per lagging measure (partial, not_achieved, no_report) in $year, most serious first (the
-- severity of data/status_words.csv: not achieved, then no report, then partly achieved); within each,
-- in source order. The filters ($municipality, $domains, $statuses, $q; NULL keeps all) choose the
-- measures; $carry_over ('addressed' or 'not_addressed'; NULL keeps all) keeps those whose shortfall
-- next year's plan does or does not take up.

select ms.*
from measure_status as ms
semi join selected_measures($municipality, $domains, $year, $statuses, $q) as sel
    using (source_id, measure_id)
inner join status_words as w using (status)
where
    w.lagging
    and ms.fiscal_year = $year
    and ($carry_over is null or ms.carry_over = $carry_over)
order by
    w.severity,
    ms.source_id,
    ms.domain_order,
    ms.group_no,
    ms.item_no;
