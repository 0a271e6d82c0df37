-- One row per measure to look at again in $year ("maybe lagging"): its status is unclear (要確認), or it
-- is achieved but the rules decided it with low confidence and no planner has confirmed it yet (a planner
-- who sets a status to unclear keeps it on the list). The filters ($municipality, $domains,
-- $statuses, $q; NULL keeps all) choose the measures. Unclear ones first, then in source order.

select
    ms.*,
    case when ms.status = 'unclear' then 'unclear' else 'low_confidence' end as review_reason,
from measure_status as ms
semi join selected_measures($municipality, $domains, $year, $statuses, $q) as sel
    using (source_id, measure_id)
where
    ms.fiscal_year = $year
    and (ms.status = 'unclear' or (ms.status = 'achieved' and ms.confidence = 'low' and ms.status_source = 'automatic'))
order by
    ms.status = 'unclear' desc,
    ms.source_id,
    ms.domain_order,
    ms.group_no,
    ms.item_no;
