"""The sidebar filters, the view switch and the URL: session state is the one source of truth."""

from __future__ import annotations

import streamlit as st

from .i18n import LANGS, STATUSES, status_badge, t
from .state import MAX_Q, Choices, ViewState, parse, to_params

KEYS = ("view", "year", "domains", "statuses", "measure", "lang", "q", "municipality")


def init(choices: Choices) -> None:
    """On a session's first run, restore the view from the URL; remember what had to be ignored."""
    ss = st.session_state
    ss["_several"] = bool(choices.municipalities)  # read by callbacks that open one municipality's detail
    if "view" in ss:
        # Widgets not drawn in a run (the sidebar in presentation mode) would lose their state:
        # re-assigning keeps it.
        for key in KEYS:
            ss[key] = ss[key]
        return
    state, bad = parse(st.query_params.to_dict(), choices)
    for key in KEYS:
        ss[key] = getattr(state, key)
    ss["notices"] = bad


def current() -> ViewState:
    ss = st.session_state
    return ViewState(**{key: ss[key] for key in KEYS})


def write_url(choices: Choices) -> None:
    """Write the view back to the URL, so the address bar always restores what is shown."""
    wanted = to_params(current(), choices)
    if st.query_params.to_dict() != wanted:
        st.query_params.from_dict(wanted)


def drill(**changes) -> None:
    """Jump to another view with other filters (a callback: runs before the widgets are built)."""
    ss = st.session_state
    for key, value in changes.items():
        ss[key] = value


def clear_filters() -> None:
    drill(domains=[], statuses=[], q="", measure=None, municipality=None)


def view_switch(choices: Choices, lang: str) -> None:
    """The views as tabs; the comparison only when there is more than one municipality to compare."""
    st.radio(t("view", lang), choices.views, key="view", horizontal=True, label_visibility="collapsed",
             format_func=lambda v: t(f"view_{v}", lang), on_change=lambda: drill(measure=None))


def sidebar(choices: Choices, domain_names: dict[str, str], lang: str) -> None:
    with st.sidebar:
        st.radio(t("language", lang), LANGS, key="lang", horizontal=True,
                 format_func=lambda code: t("language_name", code))
        st.subheader(t("filters", lang))
        if len(choices.municipalities) > 1:
            st.selectbox(t("municipality", lang), [None, *choices.municipalities], key="municipality",
                         format_func=lambda m: t("all_municipalities", lang) if m is None else m,
                         placeholder=t("all_municipalities", lang), on_change=lambda: drill(measure=None))
        st.selectbox(t("year", lang), choices.years, key="year",
                     format_func=lambda y: t("year_value", lang, year=y))
        st.multiselect(t("domain", lang), choices.domains, key="domains",
                       format_func=lambda d: domain_names.get(d, d), placeholder=t("domain_placeholder", lang))
        st.multiselect(t("status", lang), STATUSES, key="statuses",
                       format_func=lambda s: status_badge(s, lang), placeholder=t("status_placeholder", lang))
        st.text_input(t("search", lang), key="q", placeholder=t("search_placeholder", lang), max_chars=MAX_Q)
        st.button(t("reset", lang), on_click=clear_filters, width="stretch")
        st.caption(t("share", lang))
