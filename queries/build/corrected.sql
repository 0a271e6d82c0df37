-- The status shown everywhere (run on each reading connection, after the cached automatic statuses
-- are attached): the planners' corrections, as read from the corrections file by
-- dashboard/corrections.py (the latest entry per measure and year, withdrawals left out), are loaded
-- into status_corrections; a confirmation or correction replaces the automatic status, which stays
-- beside it with its evidence; correction_action says which of the two. correction_stale: the automatic status has changed since the planner's
-- entry (it was made against another automatic reading).

create table status_corrections (
    municipality varchar not null,
    measure_id varchar not null,
    fiscal_year integer not null,
    action varchar not null check (action in ('confirm', 'correct')),
    status varchar not null,        -- a status word
    automatic_status varchar,       -- the automatic status when the entry was made; empty when not recorded
    reason varchar not null,
    confirmed_on varchar not null,  -- 'YYYY-MM-DD' of recorded_at
    confirmed_by varchar,
    primary key (municipality, measure_id, fiscal_year)
);

create view measure_status as
select
    a.* exclude (status, carry_over, carry_over_terms),
    coalesce(c.status, a.status) as status,
    a.status as automatic_status,
    case when c.status is null then 'automatic' else 'confirmed' end as status_source,
    c.action as correction_action,  -- confirm (the automatic status is right) or correct (another status)
    c.reason as confirmed_reason,
    c.confirmed_on,
    c.confirmed_by,
    w.lagging,
    case when w.lagging then a.carry_over end as carry_over,
    case when w.lagging then a.carry_over_terms end as carry_over_terms,
    coalesce(c.automatic_status is not null and c.automatic_status <> a.status, false) as correction_stale,
from status_automatic as a
left join status_corrections as c
    on c.municipality = a.municipality and c.measure_id = a.measure_id and c.fiscal_year = a.fiscal_year
inner join status_words as w on w.status = coalesce(c.status, a.status);
