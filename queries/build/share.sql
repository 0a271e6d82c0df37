-- A part's share of a whole, 0 for an empty whole: every question's lagging share is this one formula.
-- Created on each reading connection, beside the shared filter (selected_measures.sql).

create macro share(part, whole) as
    coalesce(part / nullif(whole, 0), 0);
