-- One row per name of a domain or a municipality in another language: its kind (domain,
-- municipality), the canonical Japanese name, the language and the name in it (read into
-- dashboard/i18n.py's Names). Where two sources name one thing differently, the first source's wins.

select
    kind,
    name,
    lang,
    arg_min(text, source_id) as text,
from names
group by kind, name, lang
order by kind, name, lang;
