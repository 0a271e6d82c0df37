-- One row per status rule whose signal is not one data/signals.csv lets a rule give, and per signal whose
-- evidence_of names a status that data/status_words.csv does not have: each with what is wrong.

select 'rule' as kind, rule_id as name, signal as wrong,
from status_rules
where signal not in (select signal from signals where in_rules)

union all

select 'signal' as kind, s.signal as name, e.status as wrong,
from signals as s, unnest(string_split(s.evidence_of, ' ')) as e(status)
where e.status <> '' and e.status not in (select status from status_words)
order by kind, name;
