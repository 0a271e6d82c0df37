"""The view state and the URL: parsing query parameters (never raising) and writing them back."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Mapping

from .i18n import LANGS, STATUSES

CARRY_OVER = ("not_addressed", "addressed")  # values of the lagging list's `carry` filter

SHOWN = 60  # characters of a rejected value quoted in a notice
NOTICED = 3  # rejected values quoted per parameter; the rest are counted
MAX_Q = 200  # characters of search text, from the URL or typed


def shown(value: str) -> str:
    """A URL value as a notice quotes it: cut short, and control or direction-changing characters
    (NUL, U+202E RIGHT-TO-LEFT OVERRIDE, …) written as \\uXXXX so that they show instead of acting."""
    cut = value[:SHOWN]
    text = "".join(f"\\u{ord(c):04x}" if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") else c for c in cut)
    return text + ("…" if len(value) > SHOWN else "")


@dataclass
class ViewState:
    view: str = "overview"
    year: int | None = None
    domains: list[str] = field(default_factory=list)
    statuses: list[str] = field(default_factory=list)
    measure: str | None = None
    lang: str = "ja"
    q: str = ""
    municipality: str | None = None
    slide: int = 1  # the presentation's slide, 1-based
    carry: str | None = None  # the lagging list: only measures next year's plan does (not) take up
    page: int = 1  # the lagging list's page, 1-based


@dataclass(frozen=True)
class Choices:
    """What the data offers: the values a parameter may take."""

    years: tuple[int, ...]
    default_year: int
    domains: tuple[str, ...]
    measures: frozenset[str]
    municipalities: tuple[str, ...] = ()
    views: tuple[str, ...] = ()  # the view registry's names the data allows (app.py gives them)


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
        if value.isdigit() and 1 <= int(value) <= 100000:
            return int(value)
        bad.append((name, shown(value)))
        return 1

    state.view = one("view", choices.views) or state.view
    state.lang = one("lang", LANGS) or state.lang
    year = one("year", {str(y) for y in choices.years})
    state.year = int(year) if year else choices.default_year
    state.domains = many("domain", choices.domains)
    state.statuses = many("status", STATUSES)
    state.measure = one("measure", choices.measures)
    if state.measure and "view" not in params:
        state.view = "measures"
    state.q = "".join(c for c in (params.get("q") or "")[:MAX_Q] if unicodedata.category(c) != "Cc")
    state.municipality = one("municipality", choices.municipalities)
    state.slide = number("slide")
    state.carry = one("carry", CARRY_OVER)
    state.page = number("page")
    return state, bad


def to_params(state: ViewState, choices: Choices) -> dict[str, str]:
    """State → query parameters. The year is always written (a link means the same once a later report
    arrives); the rest is left out where it is the default. `slide` only on the presentation, `carry`
    and `page` only on the lagging list."""
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
    if state.lang != "ja":
        out["lang"] = state.lang
    if state.q:
        out["q"] = state.q
    if state.municipality:
        out["municipality"] = state.municipality
    if state.view == "present" and state.slide > 1:
        out["slide"] = str(state.slide)
    if state.view == "lagging" and state.carry:
        out["carry"] = state.carry
    if state.view == "lagging" and state.page > 1:
        out["page"] = str(state.page)
    return out
