-- One row per status word of the file $path (data/status_words.csv): the columns SQL needs. The other
-- columns (symbol, colour, labels per language) are for the app and the exports.

insert into status_words
select
    status,
    cast(status_order as integer) as status_order,
    cast(lagging as boolean) as lagging,
    cast(nullif(severity, '') as integer) as severity,
    headline,
from read_csv($path, header = true, all_varchar = true);
