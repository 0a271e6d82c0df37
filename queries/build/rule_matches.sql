-- One row per match of a status rule in a report sentence, with the phrase matched, where it starts
-- (0-based, in the cleaned sentence) and,
-- for a number rule, the amounts planned and done (and the unit of an amount done). Filled by running
-- match_rule.sql once per rule, so that DuckDB compiles each pattern once instead of once per sentence.

create table rule_matches (
    source_id varchar,
    measure_id varchar,
    fiscal_year integer,
    item_seq integer,
    sentence_seq integer,
    rule_id varchar,
    phrase varchar,
    phrase_start integer,
    planned double,
    done_amount double,
    unit varchar,
);
