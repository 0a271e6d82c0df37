"""Lagging measures (遅れている取組み): the year's partial, not_achieved and no_report, as cards."""

from __future__ import annotations

import streamlit as st

from .. import data
from ..i18n import t
from .cards import measure_card
from .context import Context

PAGE = 50  # cards per page: a page of a national data set is still quick to draw and to read


def _page(step: int) -> None:
    st.session_state["lagging_page"] = max(0, st.session_state.get("lagging_page", 0) + step)


def render(ctx: Context) -> None:
    state, lang = ctx.state, ctx.lang
    st.subheader(t("view_lagging", lang) + " · " + t("year_value", lang, year=state.year))
    with st.container(key="lagging-list"):
        if not ctx.year_reported:
            st.info(t("no_report_year", lang, year=state.year))
            return
        rows = data.run("lagging", **ctx.filters())
        if rows.empty:
            st.success(t("no_lagging", lang))
            return
        st.caption(t("lagging_intro", lang, n=len(rows)))
        pages = (len(rows) - 1) // PAGE + 1
        page = min(st.session_state.get("lagging_page", 0), pages - 1)
        for row in rows.iloc[page * PAGE:(page + 1) * PAGE].itertuples():
            measure_card(row, lang, key=f"lag-{row.source_id}-{row.measure_id}",
                         municipality=ctx.several and not state.municipality)
        if pages > 1:
            nav = st.container(horizontal=True)
            nav.button(t("prev", lang), key="lagging-prev", disabled=page == 0, on_click=_page, args=(-1,))
            nav.markdown(t("rows_of", lang, first=page * PAGE + 1, last=min((page + 1) * PAGE, len(rows)),
                           n=len(rows)))
            nav.button(t("next", lang), key="lagging-next", disabled=page == pages - 1, on_click=_page, args=(1,))
