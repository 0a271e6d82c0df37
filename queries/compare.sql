-- One row per municipality and domain in $year: measures, lagging measures and their share, with the
-- municipality's overall lagging share (for sorting). The filters ($domains, $statuses, $q; NULL keeps
-- all) choose the measures; every municipality is compared, so there is no municipality filter.

with chosen as (
    select ms.*
    from measure_status as ms
    semi join selected_measures(null, $domains, $year, $statuses, $q) as sel
        using (source_id, measure_id)
    where ms.fiscal_year = $year
)

select
    municipality,
    domain_order,
    domain,
    count(*) as measures,
    count(*) filter (where lagging) as lagging,
    share(count(*) filter (where lagging), count(*)) as lagging_share,
    share(sum(count(*) filter (where lagging)) over (partition by municipality),
          sum(count(*)) over (partition by municipality)) as municipality_lagging_share,
from chosen
group by municipality, domain_order, domain
order by municipality_lagging_share desc, municipality, domain_order;
