-- One view per table or view of the attached cache file (attach_cache.sql), under its own name, so
-- that the questions read them like local tables; measure_status (corrected.sql) is laid over
-- status_automatic. tests/test_reliability.py checks that the list covers every object of a cache.

create view cache_key as select * from cache.main.cache_key;
create view carry_over as select * from cache.main.carry_over;
create view carry_over_stopwords as select * from cache.main.carry_over_stopwords;
create view columns as select * from cache.main.columns;
create view domains as select * from cache.main.domains;
create view headers as select * from cache.main.headers;
create view items as select * from cache.main.items;
create view measures as select * from cache.main.measures;
create view names as select * from cache.main.names;
create view repairs as select * from cache.main.repairs;
create view report_sentences as select * from cache.main.report_sentences;
create view report_status as select * from cache.main.report_status;
create view report_text as select * from cache.main.report_text;
create view rule_matches as select * from cache.main.rule_matches;
create view rule_words as select * from cache.main.rule_words;
create view sentence_matches as select * from cache.main.sentence_matches;
create view sentence_status as select * from cache.main.sentence_status;
create view signals as select * from cache.main.signals;
create view sources as select * from cache.main.sources;
create view status_automatic as select * from cache.main.status_automatic;
create view status_base as select * from cache.main.status_base;
create view status_rules as select * from cache.main.status_rules;
create view status_thresholds as select * from cache.main.status_thresholds;
create view status_words as select * from cache.main.status_words;
create view target_parts as select * from cache.main.target_parts;
create view targets as select * from cache.main.targets;
