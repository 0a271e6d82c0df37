"""Review (要確認): in one place, the statuses to look at again for the year and the filters — the ones the
rules could not decide (unclear) or decided with low confidence, and the confirmations or corrections
whose automatic reading has changed since — each as a card with its evidence and a link to the
measure's detail, where a signed-in editor confirms or corrects it."""

from __future__ import annotations

import streamlit as st

from .. import data, export
from ..i18n import t
from ..ui import badge
from . import downloads, nothing, signin
from .cards import CSS, measure_card
from .context import Context


def counts(ctx: Context) -> tuple[int, int]:
    """(statuses to review, corrections gone stale) for the year and the filters."""
    return (len(data.run("review_candidates", **ctx.filters())), len(data.run("stale_corrections", **ctx.filters())))


def _download_table(municipality, domains, year, statuses, q, lang, several, names):
    rows = data.run("review_candidates", municipality=municipality, domains=domains, year=year, statuses=statuses,
                    q=q)
    return export.view_table(rows, "review", lang, several, names, data.names())


def render(ctx: Context) -> None:
    state, lang = ctx.state, ctx.lang
    st.subheader(t("view_review", lang) + " · " + t("year_value", lang, year=state.year))
    if nothing.shown(ctx):
        return
    st.html(CSS)
    several = ctx.several and not state.municipality
    candidates = data.run("review_candidates", **ctx.filters())
    stale = data.run("stale_corrections", **ctx.filters())
    st.caption(t("review_view_intro", lang))
    with st.container(key="review-candidates"):
        st.markdown(f"#### {badge('unclear', lang)} " + t("review_candidates_title", lang, n=len(candidates)))
        if not candidates.empty:
            table = data.derived(_download_table, **ctx.filters(), lang=lang, several=ctx.several,
                                 names=signin.current_editor() is not None)
            downloads.buttons(ctx, table, f"careplan_review_{state.year}", "sheet_review", "order_review", "review")
        if not ctx.year_reported:
            st.info(t("no_report_year", lang, year=state.year))
        elif candidates.empty:
            st.success(t("review_none", lang))
        with st.container(key="cards-review-view"):
            for row in candidates.itertuples():
                measure_card(row, lang, key=f"rv-{row.source_id}-{row.measure_id}", municipality=several,
                             extra=f":gray[{t('review_reason_' + row.review_reason, lang)}]")
    with st.container(key="review-stale"):
        st.markdown("#### " + t("stale_title", lang, n=len(stale)))
        if stale.empty:
            st.success(t("stale_none", lang))
        with st.container(key="cards-stale"):
            for row in stale.itertuples():
                then = badge(row.recorded_automatic_status, lang) if isinstance(row.recorded_automatic_status, str) \
                    else "—"
                measure_card(row, lang, key=f"rs-{row.source_id}-{row.measure_id}", municipality=several,
                             extra=t("stale_reason", lang, then=then, now=badge(row.automatic_status, lang)))
