-- The normalized tables: one file each in data/normalized/ (CSV, or Parquet at scale).
-- This file is their only definition: `normalize` writes these columns in this order,
-- and the loader reads the files back into these tables.

-- One row per source table read.
create table sources (
    source_id varchar primary key,
    file varchar not null,          -- file name as read
    sha256 varchar not null,
    municipality varchar,           -- from data/raw/manifest.csv; empty when not listed (other languages: names)
    title varchar,
    plan_start integer not null,    -- plan period, from the header (2018-2020年度)
    plan_end integer not null,
    report_year integer not null,   -- the year the progress column reports on
    report_as_of varchar,           -- 'YYYY-MM', from the header (2020年1月時点)
    plan_year integer,              -- the year of the plan column
    plan_label varchar,             -- what most page headers call the plan column (計画案)
    pages integer not null
);

-- One row per column role, read from the header most pages agree on.
create table columns (
    source_id varchar not null,
    column_no integer not null,     -- 1-based, as in the source
    role varchar not null,          -- domain, number, measure, target, report, plan
    fiscal_year integer,
    header varchar,
    primary key (source_id, column_no)
);

-- Every header cell of every page, as written.
create table headers (
    source_id varchar not null,
    page integer not null,
    source_line integer not null,
    column_no integer not null,
    text varchar not null
);

-- One row per domain (領域), in order of first appearance.
create table domains (
    source_id varchar not null,
    domain_order integer not null,
    domain varchar not null,        -- canonical Japanese name (other languages: names)
    first_line integer not null,
    primary key (source_id, domain_order)
);

-- One row per name of a domain or a municipality in another language than the source's (Japanese):
-- from data/domain_names.csv (a column domain_<lang> per language) and the manifest (a column
-- municipality_<lang> per language). An empty cell gives no row; a new language is a new column there.
create table names (
    source_id varchar not null,
    kind varchar not null check (kind in ('domain', 'municipality')),
    name varchar not null,          -- the canonical Japanese name: domains.domain, sources.municipality
    lang varchar not null,          -- a language code, as in dashboard/ui_text.csv (en)
    text varchar not null,          -- the name in that language
    primary key (source_id, kind, name, lang)
);

-- One row per measure (取組み).
create table measures (
    source_id varchar not null,
    measure_id varchar not null,    -- <domain order>-<group>-<item>
    domain_order integer not null,
    domain varchar not null,
    number varchar not null,        -- as written: 2-④
    group_no integer not null,
    item_no integer not null,
    text varchar,
    domain_label varchar,           -- the label cell on this row, as written
    relisted boolean not null,      -- （再掲）
    source_line integer not null,
    page integer not null,
    primary key (source_id, measure_id)
);

-- One row per measure and fiscal year that has a target.
create table targets (
    source_id varchar not null,
    measure_id varchar not null,
    fiscal_year integer not null,
    text varchar not null,
    relisted boolean not null,
    source_line integer not null,
    primary key (source_id, measure_id, fiscal_year)
);

-- The parts of a target, split on '/'.
create table target_parts (
    source_id varchar not null,
    measure_id varchar not null,
    fiscal_year integer not null,
    seq integer not null,
    text varchar not null,
    primary key (source_id, measure_id, fiscal_year, seq)
);

-- One row per bullet of a progress report or a plan.
create table items (
    source_id varchar not null,
    measure_id varchar not null,
    kind varchar not null,          -- report, plan
    fiscal_year integer not null,
    seq integer not null,
    marker varchar,                 -- ● ○ ※ … exactly as written; empty when none
    text varchar,
    relisted boolean not null,
    is_note boolean not null,       -- a ※ note
    source_line integer not null,
    primary key (source_id, measure_id, kind, seq)
);

-- The import report: every repair and warning, against its source line.
create table repairs (
    source_id varchar not null,
    source_line integer not null,   -- 0: the file as a whole
    column_no integer,
    level varchar not null,         -- repair, warning
    kind varchar not null,
    before varchar,
    after varchar,
    message varchar not null
);

-- The signals a rule can give and the classes the status pipeline asks about, from data/signals.csv (one
-- row at a time, so a refused row is named by its line). A new signal is a row here; the SQL reads the
-- classes, never a list of signals.
create table signals (
    signal varchar primary key check (regexp_matches(signal, '^[a-z_]+$')),
    in_rules boolean not null,      -- a rule of data/status_rules.csv may give it (number comes from a number rule)
    number_rule boolean not null,   -- the rule reads a target and a result: its match gives the signal number
    amount_groups integer not null check (amount_groups between 0 and 2),  -- amounts read from the pattern's groups
    shortfall boolean not null,     -- says something was not done, called off or done only in part
    missed boolean not null,        -- a shortfall of a whole part (not done, called off): a met ratio beside it is partial
    decides boolean not null,       -- a counted rule of it at priority 50 or more leaves the sentence's fallbacks uncounted
    holds boolean not null,         -- a longer strong match of it holds the matches inside its phrase
    holdable boolean not null,      -- a match of it can be held inside another's phrase
    evidence_of varchar check (regexp_matches(coalesce(evidence_of, ''), '^[a-z_ ]*$')),  -- statuses a sentence of it can be the evidence of
    evidence_rank integer check (evidence_rank > 0 or evidence_of is null),  -- which comes first when several can
    note varchar
);

-- The status rules, from data/status_rules.csv (reference data, not normalized output):
-- a phrase pattern (RE2 regular expression) and what it signals in a progress report. The signal is one
-- of data/signals.csv that rules may give (dashboard/db.py refuses any other, naming the rule's line).
create table status_rules (
    rule_id varchar primary key,
    signal varchar not null,
    strength varchar not null check (strength in ('strong', 'weak')),  -- weak: decided by the sentence around it
    priority integer not null,      -- the highest match of a signal is its evidence; below 50: fallback only
    pattern varchar not null,
    example varchar,
    note varchar
);

-- The thresholds that turn a ratio of result to aim into a status, from data/status_thresholds.csv:
-- a ratio gets the status of the highest min_ratio it reaches.
create table status_thresholds (
    status varchar not null,
    min_ratio double not null,
    note varchar
);

-- Report items as the rules read them (filled by dashboard/db.py before the rules run, only for items
-- that hygiene changes): zero-width characters and soft hyphens removed, full-width ASCII and half-width
-- katakana made ordinary (NFKC), spelling variants unified (data/text_variants.csv). starts[i] and ends[i]
-- (1-based lists, 0-based offsets) give the span of the original text that cleaned character i comes from.
create table report_text (
    source_id varchar not null,
    measure_id varchar not null,
    fiscal_year integer not null,
    item_seq integer not null,
    clean varchar not null,
    starts integer[] not null,
    ends integer[] not null
);

-- A written amount as a number: full-width digits and thousands separators allowed (１，２００ → 1200).
create macro amount(text) as
    try_cast(replace(translate(text, '０１２３４５６７８９，', '0123456789,'), ',', '') as double);

-- A written amount with its unit made plain: 8割 → 80 (a rate in per cent), 82% → 82.
create macro rate_amount(number, phrase) as
    amount(number) * case when contains(phrase, '割') then 10 else 1 end;

-- The status words, from data/status_words.csv (the app reads the same file for labels, symbols and
-- colours): display order, whether a status is lagging (遅れ), how serious a lagging one is (1 = most),
-- and when the headline figures show it: always (in a year with reports, even at 0), plan (in a year of
-- targets only), if_any (where some measure has it).
create table status_words (
    status varchar primary key,
    status_order integer not null,
    lagging boolean not null,
    severity integer,
    headline varchar not null check (headline in ('always', 'plan', 'if_any'))
);

-- Word lists the status pipeline uses beside the phrase rules, from data/rule_words.csv: one row per word
-- (taken literally, not as a pattern). unit: the units an amount is counted in (回, 人, か所 …);
-- preparing: a year's target holding one is itself to study or prepare (検討, 協議 …); cause_ending: a
-- not-done phrase ending so is the cause of what follows it (ず, なく).
create table rule_words (
    list varchar not null check (list in ('unit', 'preparing', 'cause_ending')),
    word varchar not null check (word <> ''),
    note varchar,
    primary key (list, word)
);

-- The words of a list of rule_words as one group of a regular expression, each word literal, longer words
-- first (so 人日 would be tried before 人): words('unit') → (か所|地区|…|回|人).
create macro words(name) as (
    select '(' || string_agg(regexp_replace(word, '([.^$|()\[\]{}*+?\\])', '\\\1', 'g'), '|'
        order by length(word) desc, word) || ')'
    from rule_words
    where list = name
);

-- Generic words that the carry-over check ignores, from data/carry_over_stopwords.csv.
create table carry_over_stopwords (
    term varchar primary key
);

