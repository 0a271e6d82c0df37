"""The sidebar filters, the view switch and the URL.

The URL leads: every run first compares the address bar with the one the app last wrote or read. When
it differs (the first run, Back or Forward, a pasted link) the view is restored from it, whatever the
widgets held. Otherwise the widgets and callbacks of this run lead, and the URL is written at the end,
only when the view really changed: one user step, one history entry.
"""

from __future__ import annotations

import json
from dataclasses import fields
from urllib.parse import urlencode, urlsplit

import streamlit as st

from .i18n import LANGS, STATUSES, status_badge, t
from .state import MAX_Q, NOTICED, PAGING, Choices, ViewState, clean_q, cleared, parse, repeated, shown, to_params

KEYS = tuple(f.name for f in fields(ViewState))  # session-state keys, one per view-state field


def init(choices: Choices) -> bool:
    """Restore the view from the URL when the URL changed outside the app; True when it did."""
    ss = st.session_state
    ss["_several"] = bool(choices.municipalities)  # read by callbacks that open one municipality's detail
    url = st.query_params.to_dict()
    # A run started by a step in the app (a callback, see drill) is no Back or Forward: an address that
    # differs is one the browser sent before it had the last run's (keys pressed quickly), never to restore.
    stepped = ss.pop("_stepped", False)
    if "view" in ss and (url in (ss.get("_url"), ss.get("_shown")) or stepped):
        # Widgets not drawn in a run (the sidebar in presentation mode) would lose their state:
        # re-assigning keeps it.
        for key in KEYS:
            ss[key] = ss[key]
        ss["_from_url"] = False
        return False
    state, bad = parse(url, choices)
    for key in KEYS:
        ss[key] = getattr(state, key)
    ss["_url"] = url
    ss["_shown"] = to_params(state, choices)
    ss["_from_url"] = True
    twice = repeated({name: st.query_params.get_all(name) for name in st.query_params})
    ss["notices"] = [("notice_repeated_param", name, ",".join(shown(v) for v in values[:NOTICED]), len(values))
                     for name, values in twice] + [("notice_bad_param", name, value, 0) for name, value in bad]
    if (q := url.get("q")) and clean_q(q) != q:  # cut or cleaned: said, as every other corrected value
        ss["notices"].append(("notice_q_cleaned", "q", shown(q), 0))
    return True


def current() -> ViewState:
    ss = st.session_state
    state = ViewState(**{key: ss[key] for key in KEYS})
    state.q = clean_q(state.q or "")
    return state


def write_url(choices: Choices) -> None:
    """Write the view to the URL when this run changed it: one step, one history entry. A run that
    restored the view from the URL adds no entry (Back would otherwise be undone): it only completes the
    address in place (the year, a corrected value), so that what the address bar shows is a full link."""
    ss = st.session_state
    wanted = to_params(current(), choices)
    if ss.pop("_from_url", False):
        if wanted != st.query_params.to_dict():
            query = json.dumps(urlencode(wanted))
            st.html(f"<script>history.replaceState(history.state, '', location.pathname + '?' + {query} "
                    f"+ location.hash);</script>", unsafe_allow_javascript=True)
        ss["_shown"] = wanted
        return
    if wanted == ss.get("_shown"):
        return
    st.query_params.from_dict(wanted)
    ss["_url"] = st.query_params.to_dict()
    ss["_shown"] = wanted


def link(choices: Choices) -> str:
    """The absolute link to what is shown (the year always included)."""
    base = (st.context.url or "http://localhost:8501/").split("?")[0].split("#")[0]
    if base.count("/") < 3:  # scheme://host without a path
        base += "/"
    return base + "?" + urlencode(to_params(current(), choices))


LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1", "0.0.0.0")


def only_this_machine(link_: str) -> bool:
    """A link to the app as served on this machine only (localhost, 127.x, ::1): it opens nowhere else."""
    host = (urlsplit(link_).hostname or "").lower()
    return host in LOCAL_HOSTS or host.startswith("127.") or host.endswith(".localhost")


def drill(**changes) -> None:
    """Jump to another view with other filters (a callback: runs before the widgets are built)."""
    ss = st.session_state
    ss["_stepped"] = True  # this run follows the app, whatever address the browser sent with it (init)
    if changes.keys() - {"lang", "measure", *PAGING}:  # what is listed changed: back to the first page
        for key in PAGING:
            if key not in changes:
                ss[key] = 1
    for key, value in changes.items():
        ss[key] = value


def clear_filters() -> None:
    drill(**cleared(), measure=None)


def _filter_changed() -> None:
    for key in PAGING:
        st.session_state[key] = 1


def view_switch(choices: Choices, lang: str) -> None:
    """The views as tabs; the comparison only when there is more than one municipality to compare."""
    st.radio(t("view", lang), choices.views, key="view", horizontal=True, label_visibility="collapsed",
             format_func=lambda v: t(f"view_{v}", lang), on_change=lambda: drill(measure=None, page=1, slide=1))


def sidebar(choices: Choices, domain_names: dict[str, str], lang: str,
            municipality_names: dict[str, str] | None = None) -> None:
    with st.sidebar:
        st.radio(t("language", lang), LANGS, key="lang", horizontal=True,
                 format_func=lambda code: t("language_name", code))
        st.subheader(t("filters", lang))
        if len(choices.municipalities) > 1:
            st.selectbox(t("municipality", lang), [None, *choices.municipalities], key="municipality",
                         format_func=lambda m: t("all_municipalities", lang) if m is None else (municipality_names or {}).get(m, m),
                         placeholder=t("all_municipalities", lang), on_change=lambda: drill(measure=None))
        st.selectbox(t("year", lang), choices.years, key="year",
                     format_func=lambda y: t("year_value", lang, year=y), on_change=_filter_changed)
        st.multiselect(t("domain", lang), choices.domains, key="domains", on_change=_filter_changed,
                       format_func=lambda d: domain_names.get(d, d), placeholder=t("domain_placeholder", lang),
                       select_all=False)  # none chosen is every one; Streamlit's own "Select all" is English only
        st.multiselect(t("status", lang), STATUSES, key="statuses", on_change=_filter_changed,
                       format_func=lambda s: status_badge(s, lang), placeholder=t("status_placeholder", lang),
                       select_all=False)
        st.text_input(t("search", lang), key="q", placeholder=t("search_placeholder", lang), max_chars=MAX_Q,
                      on_change=_filter_changed)
        st.button(t("reset", lang), on_click=clear_filters, width="stretch")
        st.caption(t("share", lang))
