-- One row per fiscal year any source covers: whether a source reports progress on it.

select
    fiscal_year,
    bool_or(role = 'report') as reported,
from columns
where role in ('target', 'report')
group by fiscal_year
order by fiscal_year;
