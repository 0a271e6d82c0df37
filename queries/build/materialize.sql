-- Turns the measure_status view into a table of the same name and columns, so that every question
-- query reads stored rows instead of re-deciding every status (run once when the data is loaded).

create table measure_status_stored as select * from measure_status;
drop view measure_status;
alter table measure_status_stored rename to measure_status;
