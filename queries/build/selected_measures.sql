-- One row per measure (source_id, measure_id) that the sidebar's filters select: the one definition of
-- the filter every question query shares (`from selected_measures($municipality, $domains, $year,
-- $statuses, $q)`). A NULL argument keeps all. domains_: Japanese or English names; statuses_: measures
-- whose status in year_ (any year when year_ is NULL) is one of them; q_: text in the measure's
-- number, text, a target, a report, the plan or its domain's name (Japanese or English), case-insensitive.

create macro selected_measures(municipality_, domains_, year_, statuses_, q_) as table
select
    source_id,
    measure_id,
from measure_status
where
    (municipality_ is null or municipality = municipality_)
    and (domains_ is null or list_contains(domains_, domain) or list_contains(domains_, domain_en))
group by source_id, measure_id
having
    (statuses_ is null or bool_or((year_ is null or fiscal_year = year_) and list_contains(statuses_, status)))
    and (q_ is null or bool_or(contains(lower(concat_ws(' ', number, measure, target, report, plan, domain, domain_en)), lower(q_))));
