-- One row per status word the queries name themselves ('achieved' in report_status.sql, 'no_report' in
-- status_base.sql, …): data/status_words.csv must have a row for each (dashboard/reference.py refuses it
-- otherwise, naming that file). tests/test_status.py checks that every status word a query writes is here.

select status
from (values ('achieved'), ('partial'), ('not_achieved'), ('cancelled'), ('no_report'), ('unclear'),
             ('target_only'), ('no_target')) as t(status);
