"""Lagging measures (遅れている取組み): the year's partial, not_achieved and no_report, as cards."""

from __future__ import annotations

import streamlit as st

from .. import data
from ..i18n import t
from ..state import ViewState
from .cards import measure_card


def render(state: ViewState, lang: str, reported: set[int]) -> None:
    st.subheader(t("view_lagging", lang) + " · " + t("year_value", lang, year=state.year))
    with st.container(key="lagging-list"):
        if state.year not in reported:
            st.info(t("no_report_year", lang, year=state.year))
            return
        rows = data.run("lagging", municipality=state.municipality, year=state.year, domains=state.domains or None)
        if rows.empty:
            st.success(t("no_lagging", lang))
            return
        st.caption(t("lagging_intro", lang, n=len(rows)))
        for row in rows.itertuples():
            measure_card(row, lang, key=f"lag-{row.source_id}-{row.measure_id}")
