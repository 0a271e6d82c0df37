-- One row per name of a domain or a municipality in another language: its kind (domain,
-- municipality), the canonical Japanese name, the language and the name in it (read into
-- dashboard/i18n.py's Names); one name each (build/names_chosen.sql).

select
    kind,
    name,
    lang,
    text,
from names_chosen()
order by kind, name, lang;
