-- One word of data/rule_words.csv ($list, $word, $note), inserted on its own so that a row the schema
-- refuses (an unknown list, an empty word, a word twice) is named by its line.

insert into rule_words (list, word, note)
values ($list, $word, nullif($note, ''));
