"""Lagging measures (遅れている取組み): the year's partial, not_achieved and no_report as compact cards,
most serious first, with a filter on whether next year's plan takes the shortfall up, downloads of
exactly the list shown, and beside it the measures to check again (要確認 / maybe lagging)."""

from __future__ import annotations

import streamlit as st

from .. import data, export
from ..controls import drill
from ..i18n import t
from ..state import CARRY_OVER
from ..ui import badge
from . import downloads, nothing, signin
from .cards import CSS, measure_card
from .context import Context

PAGE = 50  # cards per page: a page of a national data set is still quick to draw and to read
CARRY_KEY = "carry-choice"
ALL = "all"


def _carry_chosen() -> None:
    choice = st.session_state[CARRY_KEY]
    drill(carry=None if choice == ALL else choice, page=1)


def _rows(ctx: Context):
    return data.run("lagging", **ctx.filters(), carry_over=ctx.state.carry)


def _download_table(municipality, domains, year, statuses, q, carry_over, lang, several, names):
    rows = data.run("lagging", municipality=municipality, domains=domains, year=year, statuses=statuses, q=q,
                    carry_over=carry_over)
    return export.view_table(rows, "lagging", lang, several, names, data.names())


def review(ctx: Context) -> None:
    """The measures to look at again, beside the list (above it when there are any): unclear ones and
    achieved ones decided with low confidence."""
    lang, state = ctx.lang, ctx.state
    rows = data.run("review_candidates", **ctx.filters())
    with st.container(key="review-list"):
        said = t("review_none", lang) if rows.empty else t("review_intro", lang)
        st.markdown(f"**{badge('unclear', lang)} {t('review_title', lang, n=len(rows))}**  \n:gray[{said}]")
        for row in rows.itertuples():
            measure_card(row, lang, key=f"review-{row.source_id}-{row.measure_id}",
                         municipality=ctx.several and not state.municipality,
                         extra=f":gray[{t('review_reason_' + row.review_reason, lang)}]")


def render(ctx: Context) -> None:
    state, lang = ctx.state, ctx.lang
    st.subheader(t("view_lagging", lang) + " · " + t("year_value", lang, year=state.year))
    st.html(CSS)
    if nothing.shown(ctx):
        return
    with st.container(key="lagging-list"):
        if not ctx.year_reported:
            st.info(t("no_report_year", lang, year=state.year))
            return
        # The radio has an option of its own for "all" (a radio showing None shows nothing selected), set
        # from the view state on every run, so that Back and Forward show the choice they restore.
        st.session_state[CARRY_KEY] = state.carry or ALL
        st.radio(t("carry_filter", lang), [ALL, *CARRY_OVER], key=CARRY_KEY, horizontal=True,
                 label_visibility="collapsed", format_func=lambda v: t(f"carry_option_{v}", lang),
                 on_change=_carry_chosen)
        rows = _rows(ctx)
        if rows.empty:  # with a filter in force, say how many measures it selects: none of them is lagging
            if state.in_force():
                n = int(data.run("selected_count", **ctx.filters()).measures.iloc[0])
                st.info(t("no_lagging_among", lang, n=n))
            else:
                st.success(t("no_lagging", lang))
        else:
            table = data.derived(_download_table, **ctx.filters(), carry_over=state.carry, lang=lang,
                                 several=ctx.several, names=signin.current_editor() is not None)
            bar = st.container(horizontal=True, vertical_alignment="center")
            bar.markdown(t("lagging_intro", lang, n=len(rows)), width="content")
            with bar:
                downloads.buttons(ctx, table, f"careplan_lagging_{state.year}", "sheet_lagging", "order_lagging",
                                  "lagging")
            pages = (len(rows) - 1) // PAGE + 1
            page = min(state.page, pages)
            if page != state.page:
                st.warning(t("notice_past_end", lang, name="page", last=pages), icon="⚠️")
                st.session_state["page"] = page
            with st.container(key="cards"):
                for row in rows.iloc[(page - 1) * PAGE:page * PAGE].itertuples():
                    measure_card(row, lang, key=f"lag-{row.source_id}-{row.measure_id}",
                                 municipality=ctx.several and not state.municipality)
            if pages > 1:
                nav = st.container(horizontal=True)
                nav.button(t("prev", lang), key="lagging-prev", disabled=page == 1, on_click=drill,
                           kwargs=dict(page=page - 1))
                nav.markdown(t("rows_of", lang, first=(page - 1) * PAGE + 1, last=min(page * PAGE, len(rows)),
                               n=len(rows)))
                nav.button(t("next", lang), key="lagging-next", disabled=page == pages, on_click=drill,
                           kwargs=dict(page=page + 1))
        with st.container(key="cards-review"):  # below the list: what the rules could not decide firmly
            review(ctx)
