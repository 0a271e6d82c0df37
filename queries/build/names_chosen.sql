-- One row per kind (domain, municipality), canonical name and language: the name in that language.
-- Where two sources name one thing differently, the first source's wins. A table macro on each reading
-- connection, read by names.sql and status_labelled.sql.

create macro names_chosen() as table
    select
        kind,
        name,
        lang,
        arg_min(text, source_id) as text,
    from names
    group by kind, name, lang;
