-- One row per measure (source_id, measure_id) that the sidebar's filters select: the one definition of
-- the filter every question query shares (`from selected_measures($municipality, $domains, $year,
-- $statuses, $q)`). A NULL argument keeps all. domains_: canonical (Japanese) names, or a name in
-- another language (the names table); statuses_: measures whose status in year_ (any year when year_ is
-- NULL) is one of them; q_: text in the measure's number, text, a target, a report, the plan or its
-- domain's name in any language, case-insensitive.

create macro selected_measures(municipality_, domains_, year_, statuses_, q_) as table
with domain_names as (
    select
        source_id,
        name as domain,
        list(text order by lang) as other_names,
    from names
    where kind = 'domain'
    group by source_id, name
)

select
    ms.source_id,
    ms.measure_id,
from measure_status as ms
left join domain_names as dn on dn.source_id = ms.source_id and dn.domain = ms.domain
where
    (municipality_ is null or ms.municipality = municipality_)
    and (domains_ is null or list_contains(domains_, ms.domain) or coalesce(list_has_any(domains_, dn.other_names), false))
group by ms.source_id, ms.measure_id
having
    (statuses_ is null or bool_or((year_ is null or ms.fiscal_year = year_) and list_contains(statuses_, ms.status)))
    and (q_ is null or bool_or(contains(lower(concat_ws(' ', ms.number, ms.measure, ms.target, ms.report, ms.plan,
                                                          ms.domain, array_to_string(dn.other_names, ' '))), lower(q_))));
