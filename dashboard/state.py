"""The view state and the URL: parsing query parameters (never raising) and writing them back."""

from __future__ import annotations

import unicodedata
from dataclasses import MISSING, dataclass, field, fields
from typing import Mapping

from .i18n import DEFAULT_LANG, LANGS, STATUSES

CARRY_OVER = ("not_addressed", "addressed")  # values of the lagging list's `carry` filter

# URL parameters by name. FIELD: the ViewState field of a parameter whose name differs (or cannot be a
# Python name). SHARED: the sidebar's filters, which every question takes (build/selected_measures.sql).
# FILTERS: everything that narrows what is listed, in the order the filter line names them; clearing
# resets them all. VIEW_PARAMS: parameters that belong to one view, in the link (and in force) only there.
FIELD = {"domain": "domains", "status": "statuses"}
SHARED = ("municipality", "domain", "status", "q")
FILTERS = (*SHARED, "carry")
VIEW_PARAMS = {"slide": "present", "carry": "lagging", "page": "lagging"}
PAGING = ("slide", "page")  # back to the first when what is listed changes


def field_of(param: str) -> str:
    """The ViewState field that holds a URL parameter."""
    return FIELD.get(param, param)

SHOWN = 60  # characters of a rejected value quoted in a notice
NOTICED = 3  # rejected values quoted per parameter; the rest are counted
MAX_Q = 200  # characters of search text, from the URL or typed
PAST_ANY_END = 100_000  # a page or slide number larger than any list or deck


def shown(value: str) -> str:
    """A URL value as a notice quotes it: cut short, and control or direction-changing characters
    (NUL, U+202E RIGHT-TO-LEFT OVERRIDE, …) written as \\uXXXX so that they show instead of acting."""
    cut = value[:SHOWN]
    text = "".join(f"\\u{ord(c):04x}" if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") else c for c in cut)
    return text + ("…" if len(value) > SHOWN else "")


def clean_q(text: str) -> str:
    """Search text as it is used and shown: at most MAX_Q characters, without control or invisible format
    characters (NUL, U+202E RIGHT-TO-LEFT OVERRIDE, zero-width spaces …), which would only hide or reorder
    what the filter line says."""
    return "".join(c for c in text[:MAX_Q] if unicodedata.category(c) not in ("Cc", "Cf"))


def repeated(params: Mapping[str, list[str]]) -> list[tuple[str, list[str]]]:
    """Parameters given more than once (the last one counts), with their values as given."""
    return [(name, values) for name, values in params.items() if len(values) > 1]


@dataclass
class ViewState:
    view: str = "overview"
    year: int | None = None
    domains: list[str] = field(default_factory=list)
    statuses: list[str] = field(default_factory=list)
    measure: str | None = None
    lang: str = DEFAULT_LANG
    q: str = ""
    municipality: str | None = None
    slide: int = 1  # the presentation's slide, 1-based
    carry: str | None = None  # the lagging list: only measures next year's plan does (not) take up
    page: int = 1  # the lagging list's page, 1-based

    def in_force(self) -> list[str]:
        """The filters (FILTERS) that narrow what this view shows, by parameter name, in the filter line's
        order: the sidebar's, and a view's own (carry on the lagging list) only on that view."""
        return [name for name in FILTERS
                if getattr(self, field_of(name)) and VIEW_PARAMS.get(name, self.view) == self.view]

    def narrowed(self) -> bool:
        """Whether a shared filter (SHARED) is in force: the questions then select fewer measures."""
        return any(name in SHARED for name in self.in_force())


def cleared() -> dict:
    """Every filter (FILTERS) at its default, as ViewState fields: what the clear button sets."""
    blank = ViewState()
    return {field_of(name): getattr(blank, field_of(name)) for name in FILTERS}


@dataclass(frozen=True)
class Choices:
    """What the data offers: the values a parameter may take."""

    years: tuple[int, ...]
    default_year: int
    domains: tuple[str, ...]
    measures: frozenset[str]
    municipalities: tuple[str, ...] = ()
    views: tuple[str, ...] = ()  # the view registry's names the data allows (app.py gives them)
    domain_aliases: Mapping[str, str] = field(default_factory=dict)  # a name in another language → canonical


def parse(params: Mapping[str, str], choices: Choices) -> tuple[ViewState, list[tuple[str, str]]]:
    """Query parameters → state. Unknown or malformed values are dropped and returned as notices."""
    state = ViewState(year=choices.default_year)
    bad: list[tuple[str, str]] = []

    def one(name: str, allowed) -> str | None:
        value = params.get(name)
        if value is None or value == "":
            return None
        if value in allowed:
            return value
        bad.append((name, shown(value)))
        return None

    def many(name: str, allowed) -> list[str]:
        value = params.get(name) or ""
        chosen, wrong = {}, {}  # (dicts: ordered sets)
        for part in (p.strip() for p in value.split(",")):
            if part and part not in chosen and part not in wrong:  # a repeated value is merged, not a mistake
                (chosen if part in allowed else wrong)[part] = None
        chosen, wrong = list(chosen), list(wrong)
        if wrong:
            quoted = ",".join(shown(w) for w in wrong[:NOTICED])
            bad.append((name, quoted + (f",…(+{len(wrong) - NOTICED})" if len(wrong) > NOTICED else "")))
        return chosen

    def number(name: str) -> int:
        value = params.get(name)
        if value is None or value == "":
            return 1
        digits = value.lstrip("0")
        if value.isascii() and value.isdigit() and digits:
            # past the last: the view shows the last and says so (int() would refuse 4,300 digits)
            return PAST_ANY_END if len(digits) > 6 else min(int(digits), PAST_ANY_END)
        bad.append((name, shown(value)))
        return 1

    state.view = one("view", choices.views) or state.view
    state.lang = one("lang", LANGS) or state.lang
    year = one("year", {str(y) for y in choices.years})
    state.year = int(year) if year else choices.default_year
    aliases = {a: c for a, c in choices.domain_aliases.items() if c in choices.domains}
    # a domain by its name in another language is read as its canonical name (the link then says that)
    state.domains = list(dict.fromkeys(aliases.get(d, d) for d in many("domain", {*choices.domains, *aliases})))
    state.statuses = many("status", STATUSES)
    state.measure = one("measure", choices.measures)
    if state.measure and "view" not in params:
        state.view = "measures"
    state.q = clean_q(params.get("q") or "")
    state.municipality = one("municipality", choices.municipalities)
    state.slide = number("slide")
    state.carry = one("carry", CARRY_OVER)
    state.page = number("page")
    return state, bad


def to_params(state: ViewState, choices: Choices) -> dict[str, str]:
    """State → query parameters. The year is always written (a link means the same once a later report
    arrives); the rest is left out where it is the default, and a view's own parameters (VIEW_PARAMS)
    on other views."""
    out: dict[str, str] = {}
    if state.view != "overview":
        out["view"] = state.view
    out["year"] = str(state.year if state.year is not None else choices.default_year)
    if state.domains:
        out["domain"] = ",".join(state.domains)
    if state.statuses:
        out["status"] = ",".join(state.statuses)
    if state.measure:
        out["measure"] = state.measure
    if state.lang != DEFAULT_LANG:
        out["lang"] = state.lang
    if state.q:
        out["q"] = state.q
    if state.municipality:
        out["municipality"] = state.municipality
    for name, view in VIEW_PARAMS.items():
        value = getattr(state, field_of(name))
        if state.view == view and value != DEFAULTS[field_of(name)]:
            out[name] = str(value)
    return out


DEFAULTS = {f.name: f.default for f in fields(ViewState) if f.default_factory is MISSING}
