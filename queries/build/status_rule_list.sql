-- One row per status rule: what queries/match_rule.sql needs to apply it.

select
    rule_id,
    pattern,
    signal,
from status_rules
order by rule_id;
