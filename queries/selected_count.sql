-- One row: how many measures the sidebar's filters select ($municipality, $domains, $year, $statuses,
-- $q; NULL keeps all). None: every view says so, once, with how to widen the filters.

select count(*) as measures,
from selected_measures($municipality, $domains, $year, $statuses, $q);
