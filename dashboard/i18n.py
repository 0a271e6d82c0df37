"""Every UI text and every status word, read from two tables; source text is never translated.

- `dashboard/ui_text.csv`: one row per text key, one column per language (`key, ja, en`). The
  columns after `key` are the languages, the first is the default: a third language is a new column.
- `data/status_words.csv`: one row per status word (order, lagging, severity, symbol, colour, and a
  `label_<lang>` column per language). SQL loads the same file (queries/build/status_words.sql), so the app,
  the command line and the queries agree on which words exist and which of them are lagging.

Names of domains and municipalities in other languages are data, not UI text: the `names` table
(from `domain_<lang>` columns of data/domain_names.csv and `municipality_<lang>` columns of the
manifest), read through queries/names.sql into `Names`.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError, project_path

ROOT = Path(__file__).resolve().parent.parent
TEXT_FILE = Path(__file__).resolve().parent / "ui_text.csv"
STATUS_WORDS_FILE = ROOT / "data" / "status_words.csv"


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _catalog(path: Path) -> dict[str, dict[str, str]]:
    rows = _read_csv(path)
    langs = [c for c in rows[0] if c != "key"]
    return {lang: {r["key"]: r[lang] for r in rows} for lang in langs}


TEXT: dict[str, dict[str, str]] = _catalog(TEXT_FILE)  # {lang: {key: text}}
LANGS: tuple[str, ...] = tuple(TEXT)
DEFAULT_LANG = LANGS[0]


@dataclass(frozen=True)
class StatusWord:
    word: str
    order: int
    lagging: bool
    severity: int | None  # 1 = the most serious lagging status
    shortfall: bool  # counts as a shortfall when the rules are measured (eval): the plan fell short
    symbol: str  # so that the status reads without colour
    colour: str  # Okabe–Ito, safe for colour-blind readers
    badge: str  # Streamlit Markdown badge colour
    labels: dict[str, str]


HEADLINES = ("always", "plan", "if_any")  # when the headline figures show a status (status_totals.sql)
BADGES = ("red", "orange", "yellow", "blue", "green", "violet", "gray", "grey", "primary")  # Streamlit's


def read_status_words(path: Path) -> tuple[StatusWord, ...]:
    """Read and check the status-word table. A bad row raises InputError naming the file, its line and
    the problem, so that SQL (which loads the same file after this) and Python never read it differently."""
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        needed = {"status", "status_order", "lagging", "severity", "shortfall", "symbol", "colour", "badge", "headline",
                  f"label_{DEFAULT_LANG}"}
        missing = sorted(needed - set(reader.fieldnames or ()))
        if missing:
            raise InputError(project_path(path), f"missing column(s): {', '.join(missing)}", line=1)
        words: list[StatusWord] = []
        for r in reader:
            words.append(_status_word(r, path, reader.line_num, words))
    if not words:
        raise InputError(project_path(path), "no status words")
    return tuple(sorted(words, key=lambda w: w.order))


def _status_word(r: dict[str, str], path: Path, line: int, before: list[StatusWord]) -> StatusWord:
    def bad(message: str):
        raise InputError(project_path(path), message, line=line)

    word = (r["status"] or "").strip()
    if not re.fullmatch(r"[a-z][a-z_]*", word):
        bad(f"status {word!r}: lower-case letters and _ only")
    if any(w.word == word for w in before):
        bad(f"status {word!r} is listed twice")
    if not (r["status_order"] or "").isdigit():
        bad(f"status_order {r['status_order']!r}: a whole number")
    order = int(r["status_order"])
    if any(w.order == order for w in before):
        bad(f"status_order {order} is also {next(w.word for w in before if w.order == order)}'s")
    if r["lagging"] not in ("true", "false"):
        bad(f"lagging {r['lagging']!r}: true or false")
    lagging = r["lagging"] == "true"
    severity = r["severity"] or ""
    if lagging and not severity.isdigit():
        bad(f"severity {severity!r}: a lagging status needs a whole number (1 = most serious)")
    if not lagging and severity:
        bad(f"severity {severity!r}: only a lagging status has one")
    if any(w.severity == int(severity) for w in before if severity and w.severity is not None):
        bad(f"severity {severity} is given twice")
    if r["shortfall"] not in ("true", "false"):
        bad(f"shortfall {r['shortfall']!r}: true or false")
    if not r["symbol"]:
        bad("symbol is empty")
    if not re.fullmatch(r"#[0-9A-Fa-f]{6}", r["colour"] or ""):
        bad(f"colour {r['colour']!r}: #RRGGBB")
    if r["badge"] not in BADGES:
        bad(f"badge {r['badge']!r}: one of {', '.join(BADGES)}")
    if r["headline"] not in HEADLINES:
        bad(f"headline {r['headline']!r}: one of {', '.join(HEADLINES)}")
    labels = {k[len("label_"):]: v for k, v in r.items() if k and k.startswith("label_") and v}
    if DEFAULT_LANG not in labels:
        bad(f"label_{DEFAULT_LANG} is empty")
    return StatusWord(word=word, order=order, lagging=lagging, severity=int(severity) if severity else None,
                      shortfall=r["shortfall"] == "true",
                      symbol=r["symbol"], colour=r["colour"], badge=r["badge"], labels=labels)


WORDS: dict[str, StatusWord] = {w.word: w for w in read_status_words(STATUS_WORDS_FILE)}
STATUSES: tuple[str, ...] = tuple(WORDS)  # display order, best first
LAGGING: tuple[str, ...] = tuple(sorted((w for w in WORDS.values() if w.lagging), key=lambda w: w.severity))
LAGGING = tuple(w.word for w in LAGGING)  # most serious first
STATUS_SYMBOL = {w: s.symbol for w, s in WORDS.items()}
STATUS_COLOR = {w: s.colour for w, s in WORDS.items()}
STATUS_BADGE = {w: s.badge for w, s in WORDS.items()}


def lang_or_default(lang: str | None) -> str:
    return lang if lang in LANGS else DEFAULT_LANG


def t(key: str, lang: str = DEFAULT_LANG, **values) -> str:
    """The text `key` in `lang` (the default language's where that cell is empty), filled with `values`.
    A count `n` the language names in its text plural_one (1 in English; 0 and 1 in French) takes the key's
    singular `<key>_one` where the table has one ("1 row", "2 rows"). A text may name {lagging_order}: the
    lagging status words, most serious first, from the status-word table."""
    if "n" in values and f"{key}_one" in TEXT[DEFAULT_LANG] and str(values["n"]) in t("plural_one", lang).split():
        key = f"{key}_one"
    text = TEXT[lang_or_default(lang)][key] or TEXT[DEFAULT_LANG][key]
    if "{lagging_order}" in text:
        values.setdefault("lagging_order", t("order_separator", lang).join(status_label(w, lang) for w in LAGGING))
    return text.format(**values) if values else text


def month_name(month: int, lang: str = DEFAULT_LANG, short: bool = False) -> str:
    """A month's name in `lang` (texts month_names / month_names_short: twelve, comma-separated)."""
    names = t("month_names_short" if short else "month_names", lang).split(",")
    return names[month - 1].strip() if 1 <= month <= len(names) else str(month)


def status_label(word: str, lang: str = DEFAULT_LANG) -> str:
    labels = WORDS[word].labels
    return labels.get(lang) or labels[DEFAULT_LANG]


def status_badge(word: str, lang: str = DEFAULT_LANG) -> str:
    """Symbol and label: the status reads without colour."""
    return f"{STATUS_SYMBOL[word]} {status_label(word, lang)}"


def in_language(canonical: str, names: dict[str, str], lang: str) -> str:
    """A domain's or a municipality's name in `lang`, from its names in other languages ({lang: name}): the
    canonical (the source's Japanese) name in the default language and wherever `names` has none."""
    if lang == DEFAULT_LANG:
        return canonical
    return names.get(lang) or canonical


@dataclass(frozen=True)
class Names:
    """The names of domains and municipalities in other languages (rows of queries/names.sql: kind,
    name, lang, text). The source's Japanese name is the canonical one: it is the name in the default
    language and wherever a language has none."""

    texts: dict[tuple[str, str], dict[str, str]] = field(default_factory=dict)  # (kind, canonical) → {lang: text}

    @classmethod
    def from_rows(cls, rows) -> Names:
        texts: dict[tuple[str, str], dict[str, str]] = {}
        for r in rows.itertuples():
            texts.setdefault((r.kind, r.name), {})[r.lang] = r.text
        return cls(texts)

    def name(self, kind: str, canonical: str, lang: str) -> str:
        """A domain's or a municipality's name in `lang`."""
        return in_language(canonical, self.texts.get((kind, canonical), {}), lang)

    def of(self, kind: str, canonical: str) -> dict[str, str]:
        """{lang: name} of a domain or a municipality, in the languages the data names it in."""
        return dict(self.texts.get((kind, canonical), {}))

    def aliases(self, kind: str) -> dict[str, str]:
        """Every name in another language → its canonical name (a name two things share is left out)."""
        seen: dict[str, set[str]] = {}
        for (k, canonical), names in self.texts.items():
            if k == kind:
                for text in names.values():
                    seen.setdefault(text, set()).add(canonical)
        return {text: next(iter(c)) for text, c in seen.items() if len(c) == 1}

    def domains(self, domains: Iterable[str], lang: str) -> dict[str, str]:
        """Canonical domain name → its name in `lang`."""
        return {d: self.name("domain", d, lang) for d in domains}
