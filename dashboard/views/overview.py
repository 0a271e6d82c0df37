"""Overview: headline figures for the year, status by domain (worst first), and the domain × year grid."""

from __future__ import annotations

import streamlit as st

from .. import charts, chrome, data
from ..controls import drill
from ..i18n import STATUS_SYMBOL, status_label, t
from . import nothing
from .context import Context
from .review import counts

BAR_KEY = "domain-chart-plot"
GRID_KEY = "status-grid-plot"


def _points(key: str) -> list[dict]:
    event = st.session_state.get(key) or {}
    return (event.get("selection") or {}).get("points") or []


def _bar_clicked() -> None:
    for point in _points(BAR_KEY):
        domain, status = point["customdata"]
        drill(view="measures", domains=[domain], statuses=[status], measure=None)
        return


def _grid_clicked() -> None:
    for point in _points(GRID_KEY):
        domain, year = point["customdata"]
        drill(view="measures", domains=[domain], year=int(year), statuses=[], measure=None)
        return


def headline(ctx: Context) -> None:
    lang, reported = ctx.lang, ctx.year_reported
    totals = data.run("status_totals", **ctx.filters())
    shown = totals[totals.shown]
    total = int(totals.total.iloc[0]) if len(totals) else 0
    lagging = int(totals.lagging_measures.iloc[0]) if len(totals) else 0
    with st.container(horizontal=True, key="headline", gap="medium"):
        st.metric(t("measures_count", lang), total, width="content")
        if reported:
            st.metric(t("lagging_count", lang), lagging, width="content",
                      delta=t("share_of", lang, share=totals.lagging_share.iloc[0]) if total else None,
                      delta_color="off", delta_arrow="off")
        else:  # a year with targets only: nothing is known about lagging yet, so no "0 / 0%"
            st.metric(t("lagging_count", lang), "—", delta=t("no_report_yet_metric", lang), width="content",
                      delta_color="off", delta_arrow="off", help=t("no_report_year", lang, year=ctx.state.year))
        for row in shown.itertuples():
            st.metric(f"{STATUS_SYMBOL[row.status]} {status_label(row.status, lang)}", int(row.measures),
                      delta=t("share_of", lang, share=row.share), delta_color="off", delta_arrow="off",
                      width="content")


def review_line(ctx: Context) -> None:
    """How many statuses wait for a planner's look, with the way to the review view."""
    n, m = counts(ctx)
    with st.container(horizontal=True, vertical_alignment="center", key="review-counts"):
        st.markdown(t("review_counts", ctx.lang, n=n, m=m), width="content")
        st.button(t("open_review", ctx.lang), key="open-review", type="tertiary", icon=":material/arrow_forward:",
                  on_click=drill, kwargs=dict(view="review", measure=None))


def _bar(municipality, domains, year, statuses, q, lang, reported):
    counts = data.run("status_by_domain", municipality=municipality, domains=domains, year=year, statuses=statuses, q=q)
    if counts.empty:
        return None
    return charts.status_by_domain(counts, lang, data.names(), reported=reported)


def _grid(municipality, domains, year, statuses, q, years, lang):
    grid = data.run("status_grid", municipality=municipality, domains=domains, year=year, statuses=statuses, q=q)
    return None if grid.empty else charts.status_grid(grid, years, lang, data.names())


def render(ctx: Context) -> None:
    state, lang = ctx.state, ctx.lang
    st.subheader(t("view_overview", lang) + " · " + t("year_value", lang, year=state.year))
    if nothing.shown(ctx):
        return
    if not ctx.year_reported:
        st.info(t("no_report_year", lang, year=state.year))
    headline(ctx)
    if ctx.year_reported:
        review_line(ctx)

    with st.container(key="domain-chart"):
        title = "by_domain_ranked" if ctx.year_reported else "by_domain_plan_order"
        st.markdown("#### " + t(title, lang, year=state.year))
        fig = data.derived(_bar, **ctx.filters(), lang=lang, reported=ctx.year_reported)
        if fig is None:
            st.warning(t("nothing_found", lang))
        else:
            st.plotly_chart(fig, key=BAR_KEY, on_select=_bar_clicked, selection_mode="points",
                            config={"displaylogo": False})
            chrome.hint(t("bar_help", lang), "bar")

    with st.container(key="status-grid"):
        st.markdown("#### " + t("grid_title", lang))
        fig = data.derived(_grid, **ctx.filters(), years=list(ctx.choices.years), lang=lang)
        if fig is not None:
            st.plotly_chart(fig, key=GRID_KEY, on_select=_grid_clicked, selection_mode="points",
                            config={"displaylogo": False, "displayModeBar": False})
            st.caption(t("grid_shading", lang))
            chrome.hint(t("grid_help", lang), "grid")
