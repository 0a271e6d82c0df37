"""Presentation mode: one slide per domain (its status bar and lagging measures), large type."""

from __future__ import annotations

import streamlit as st

from .. import charts, data, pack
from ..controls import drill
from ..i18n import t
from ..state import ViewState
from ..ui import literal
from .cards import domain_label, measure_card
from .context import Context

SLIDE_CARDS = 12  # the most serious first; a slide is read, not scrolled

CSS = """
<style>
.st-key-presentation { font-size: 1.35rem; }
.st-key-presentation h1 { font-size: 3rem !important; }
.st-key-presentation p, .st-key-presentation li { font-size: 1.35rem !important; line-height: 1.7; }
.st-key-presentation [data-testid="stBaseButton-secondary"] p { font-size: 1.2rem !important; }
.st-key-presentation .stMarkdownBadge { font-size: 1.15rem !important; }
</style>
"""


def render(ctx: Context) -> None:
    state, lang = ctx.state, ctx.lang
    domains = data.run("domains")
    names = list(domains.domain)
    current = state.domains[0] if state.domains and state.domains[0] in names else names[0]
    if state.domains != [current]:
        st.session_state["domains"] = [current]
    i = names.index(current)
    row = domains.iloc[i]
    st.html(CSS)
    with st.container(key="presentation"):
        top = st.columns([1, 6, 1, 1, 2])
        top[0].button(t("prev", lang), key="slide-prev", disabled=i == 0,
                      on_click=drill, kwargs=dict(domains=[names[max(i - 1, 0)]]))
        top[1].markdown(f"<div style='text-align:center;font-size:1.6rem'>{t('slide_of', lang, i=i + 1, n=len(names))}"
                        f"</div>", unsafe_allow_html=True)
        top[2].button(t("next", lang), key="slide-next", disabled=i == len(names) - 1,
                      on_click=drill, kwargs=dict(domains=[names[min(i + 1, len(names) - 1)]]))
        with top[3].popover(t("pack_menu", lang), help=t("pack_menu_help", lang), key="pack-menu"):
            pack_downloads(state, lang, ctx.several)
        top[4].button(t("exit_present", lang), key="slide-exit", on_click=drill,
                      kwargs=dict(view="overview", domains=[]))
        st.title(literal(domain_label(row, lang)))
        st.caption(t("year_value", lang, year=state.year))
        counts = data.run("status_counts", **ctx.filters(domains=[current]))
        if not counts.empty:
            fig = charts.status_by_domain(counts, domains.iloc[[i]], lang, font_size=22, height=230)
            st.plotly_chart(fig, key="slide-chart", config={"displaylogo": False})
        st.markdown(f"## {t('lagging_in_domain', lang)}")
        if not ctx.year_reported:
            st.info(t("no_report_year", lang, year=state.year))
            return
        lagging = data.run("lagging", **ctx.filters(domains=[current]))
        if lagging.empty:
            st.success(t("no_lagging", lang))
        for r in lagging.head(SLIDE_CARDS).itertuples():
            measure_card(r, lang, key=f"slide-{r.source_id}-{r.measure_id}", details=False,
                         municipality=ctx.several and not state.municipality)
        if len(lagging) > SLIDE_CARDS:
            st.markdown(t("more_lagging", lang, n=len(lagging) - SLIDE_CARDS))


def _pack_file(kind: str, year: int, municipality: str | None, lang: str) -> bytes:
    model = pack.build(data.connection(data.data_dir(), data.overrides_file()), year=year, municipality=municipality)
    return pack.deck(model, lang) if kind == "pptx" else pack.handout(model, lang)


def pack_downloads(state: ViewState, lang: str, several: bool) -> None:
    """The meeting pack (every domain, the year, municipality and language in force), made on click."""
    blocked = several and not state.municipality
    if blocked:
        st.caption(t("pack_needs_municipality", lang))
    for kind, label, mime in (("pptx", "pack_download_deck",
                               "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
                              ("pdf", "pack_download_handout", "application/pdf")):
        params = dict(kind=kind, year=state.year, municipality=state.municipality, lang=lang)
        st.download_button(t(label, lang), lambda params=params: data.derived(_pack_file, **params),
                           file_name=f"careplan_{state.year}_{'slides' if kind == 'pptx' else 'handout'}.{kind}",
                           mime=mime, key=f"pack-{kind}", on_click="ignore", disabled=blocked)
