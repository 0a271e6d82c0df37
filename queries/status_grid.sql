-- One row per domain and fiscal year (every year, for the measures the filters select): how many
-- measures there are, how many have each status (`counts`, a map from status word to number, in the
-- order of data/status_words.csv) and the lagging share. The filters ($municipality, $domains,
-- $statuses in $year, $q; NULL keeps all) choose the measures; their other years are shown too.

with counted as (
    select
        ms.domain_order,
        ms.domain,
        ms.fiscal_year,
        ms.status,
        count(*) as measures,
    from measure_status as ms
    semi join selected_measures($municipality, $domains, $year, $statuses, $q) as sel
        using (source_id, measure_id)
    group by ms.domain_order, ms.domain, ms.fiscal_year, ms.status
)

select
    c.domain_order,
    c.domain,
    c.fiscal_year,
    sum(c.measures)::integer as total,
    map_from_entries(list({'k': c.status, 'v': c.measures} order by w.status_order)) as counts,
    coalesce(sum(c.measures) filter (where w.lagging), 0)::integer as lagging,
    share(coalesce(sum(c.measures) filter (where w.lagging), 0), sum(c.measures)) as lagging_share,
from counted as c
inner join status_words as w using (status)
group by c.domain_order, c.domain, c.fiscal_year
order by c.domain_order, c.fiscal_year;
