-- Turns the status_automatic view into a table of the same name and columns, so that every question
-- query reads stored rows instead of re-deciding every status (run once when the cache is built;
-- the planners' corrections are laid over it at read time by corrected.sql).

create table status_automatic_stored as select * from status_automatic;
drop view status_automatic;
alter table status_automatic_stored rename to status_automatic;
