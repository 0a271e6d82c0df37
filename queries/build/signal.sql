-- One signal of data/signals.csv ($signal and its classes), inserted on its own so that a row the schema
-- refuses (a signal twice, a class that is not true or false) is named by its line.

insert into signals
values ($signal, $in_rules, $number_rule, $amount_groups, $shortfall, $missed, $decides, $holds, $holdable,
    nullif($evidence_of, ''), nullif($evidence_rank, ''), nullif($note, ''));
