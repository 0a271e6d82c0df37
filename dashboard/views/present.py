"""Presentation mode: a deck of slides, one or more per domain of the filter (all by default) — the
domain's status chart on the left, its lagging measures on the right, a long list continuing on the
next slide. Keys: ← → PageUp PageDown Space Home End (what a clicker sends). The slide is the `slide`
URL parameter; the language can be switched without leaving the slide."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from .. import charts, chrome, data, pack
from ..controls import drill
from ..i18n import LANGS, t
from ..ui import badge, excerpt, highlighted, literal
from . import nothing
from .cards import as_int, domain_label, municipality_label
from .context import Context

PER_SLIDE = pack.PER_SLIDE  # lagging measures on a slide: the meeting pack's paging, so slide N is the same

CSS = """
<style>
[data-testid="stMainBlockContainer"] { padding-top: 0.6rem !important; padding-bottom: 0.5rem !important; }
[data-testid="stHeader"] { display: none; }
.st-key-presentation { font-size: 1.25rem; }
.st-key-presentation h1 { font-size: 2.3rem !important; padding: 0 !important; line-height: 1.2; }
.st-key-presentation p, .st-key-presentation li { font-size: 1.25rem !important; line-height: 1.4; }
.st-key-presentation .stMarkdownBadge { font-size: 1.05rem !important; }
.st-key-slide-nav button p { font-size: 1.05rem !important; white-space: nowrap; }
.st-key-slide-nav { gap: 0.4rem; }
.st-key-slide-items [data-testid="stVerticalBlockBorderWrapper"] > div { padding: 0.35rem 0.7rem 0.5rem 0.7rem !important; }
.st-key-slide-items [data-testid="stVerticalBlock"] { gap: 0.45rem; }
.st-key-slide-items .stMarkdown p { margin-bottom: 0; padding-bottom: 0.15rem; }
/* the measure and its evidence (Japanese as written) wrap between phrases, so a line or a cut never ends mid-word */
.slide-measure, .slide-evidence { word-break: auto-phrase; }
.slide-measure { display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; overflow: hidden; }
.slide-evidence { display: -webkit-box; -webkit-line-clamp: 3; -webkit-box-orient: vertical; overflow: hidden; }
.st-key-slide-list h3 { font-size: 1.5rem !important; padding: 0 0 0.3rem 0 !important; }
/* the title slide's figures: the number large, its label and share smaller */
.st-key-presentation [data-testid="stMetricValue"], .st-key-presentation [data-testid="stMetricValue"] * {
  font-size: 2.4rem !important; line-height: 1.15 !important; }
.st-key-presentation [data-testid="stMetricLabel"] p { font-size: 1.05rem !important; }
.st-key-presentation [data-testid="stMetricDelta"] p, .st-key-presentation [data-testid="stMetricDelta"] div {
  font-size: 0.95rem !important; }
.st-key-slide-keys { display: none !important; }
[data-testid="stElementContainer"]:has(> .st-key-slide-keys), [data-testid="stLayoutWrapper"]:has(> .st-key-slide-keys) {
  display: none !important; }
/* the chart takes the height the slide leaves it: 360 px at 1280×720, less on a short screen */
.st-key-slide-chart-box { --chart-h: clamp(160px, calc(100vh - 300px), 360px); }
.st-key-slide-chart-box { height: var(--chart-h) !important; max-height: var(--chart-h); min-height: 0; }
.st-key-slide-overview { --chart-h: clamp(200px, calc(100vh - 330px), 460px); }
.st-key-slide-overview { height: var(--chart-h) !important; max-height: var(--chart-h); min-height: 0; }
/* A short screen (1280×720 at 150 % zoom is 853×480, 1400×900 at 150 % is 933×600): a compact slide, so that the buttons, the title,
   the chart and the list are all in view without scrolling */
@media (max-height: 640px) {
  [data-testid="stMainBlockContainer"] { padding-top: 0.25rem !important; padding-bottom: 0.2rem !important; }
  .st-key-presentation { gap: 0.5rem !important; }
  .st-key-slide-nav button { min-height: 2.1rem; padding-top: 0.1rem; padding-bottom: 0.1rem; }
  .st-key-slide-nav button p { font-size: 0.95rem !important; }
  .st-key-presentation h1 { font-size: 1.55rem !important; }
  .st-key-presentation [data-testid="stMetricValue"], .st-key-presentation [data-testid="stMetricValue"] * {
    font-size: 1.6rem !important; }
  /* the figures on one row: labels may take two lines, never a second row of figures */
  .st-key-presentation .st-key-headline { flex-wrap: nowrap !important; gap: 0.8rem !important; }
  .st-key-presentation .st-key-headline [data-testid="stMetricLabel"] p { font-size: 0.88rem !important; white-space: normal; }
  .st-key-presentation [data-testid="stElementContainer"]:has(h1) { margin-bottom: 0.6rem; }
  .st-key-slide-context p { font-size: 0.78rem !important; line-height: 1.25 !important; white-space: nowrap;
                            overflow: hidden; text-overflow: ellipsis; }
  .st-key-slide-list h3 { font-size: 1.15rem !important; padding: 0 0 0.1rem 0 !important; }
  .st-key-presentation .st-key-slide-items p { font-size: 1.02rem !important; line-height: 1.25 !important; }
  .st-key-slide-items [data-testid="stVerticalBlockBorderWrapper"] > div { padding: 0.2rem 0.55rem 0.3rem 0.55rem !important; }
  .st-key-slide-items [data-testid="stVerticalBlock"] { gap: 0.3rem; }
  .st-key-slide-list [data-testid="stCaptionContainer"] p { font-size: 0.85rem !important; }
  .slide-evidence { -webkit-line-clamp: 2; }
  .st-key-slide-chart-box { --chart-h: clamp(150px, calc(100vh - 180px), 360px); }
  .st-key-slide-overview { --chart-h: clamp(150px, calc(100vh - 258px), 360px); }
}
.st-key-slide-context p, .st-key-slide-left-out p { font-size: 0.95rem !important; color: #555; }
.st-key-slide-left-out p { line-height: 1.3 !important; }
.st-key-presentation:has(.st-key-slide-left-out) .st-key-slide-overview {
  --chart-h: clamp(160px, calc(100vh - 330px - 3.2rem), 460px); }
@media (max-height: 640px) {
  .st-key-slide-left-out p { font-size: 0.78rem !important; line-height: 1.25 !important; }
  .st-key-presentation:has(.st-key-slide-left-out) .st-key-slide-overview {
    --chart-h: clamp(120px, calc(100vh - 258px - 2.6rem), 360px); }
}
/* while the next slide is drawn, the last one's leftovers are hidden, never shown beside the new title */
.st-key-presentation [data-stale="true"] { visibility: hidden; }
</style>
"""


@dataclass(frozen=True)
class Slide:
    domain: pd.Series | None  # its row of domains.sql; None for the title slide
    part: int = 1  # 1-based, within the domain
    parts: int = 1
    rows: pd.DataFrame | None = None  # the lagging measures on this slide


def deck(domains: pd.DataFrame, lagging: pd.DataFrame, chosen: list[str], kept: set[str] | None = None) -> list[Slide]:
    """The meeting pack's slides (dashboard/pack.py): the title slide, then each domain of the filter (of
    `kept`, those the filters leave measures in, when given) with its lagging measures paged as the pack
    pages them (pack.parts), one slide when it has none."""
    slides = [Slide(None)]
    for _, domain in domains.iterrows():
        if (chosen and domain.domain not in chosen) or (kept is not None and domain.domain not in kept):
            continue
        rows = lagging[lagging.domain == domain.domain] if len(lagging) else lagging
        pages = pack.parts(len(rows))
        for k, part in enumerate(pages):
            slides.append(Slide(domain, k + 1, len(pages), rows.iloc[part.start:part.stop]))
    return slides


def _title_slide(ctx: Context, left_out: list[str]) -> None:
    """Slide 1, as in the pack: the municipality and the year, the headline figures, status by domain, and
    the domains the filters leave no slide for."""
    from .overview import headline

    lang = ctx.lang
    place = ctx.info["place"] if ctx.info else ""
    st.title(t("slide_title_page", lang, place=place, year=ctx.state.year), anchor=False)
    with st.container(key="slide-context"):
        st.markdown((literal(chrome.context_line(ctx.info, ctx.year_reported, lang)) if ctx.info else "")
                    + "  \n" + chrome.filter_line(ctx.state, ctx.domain_names, lang, municipality_names=ctx.municipality_names))
    if left_out:  # wrapped, never cut: the chart below leaves it room (CSS)
        with st.container(key="slide-left-out"):
            st.markdown(literal(pack.left_out_line([ctx.domain_names.get(d, d) for d in left_out], lang)))
    headline(ctx)
    counts = data.run("status_by_domain", **ctx.filters())
    if not counts.empty:
        (column,) = st.columns(1)
        with column, st.container(key="slide-overview"):  # as tall as the window leaves it (CSS): read without scrolling
            fig = charts.status_by_domain(counts, lang, data.names(), reported=ctx.year_reported, fit=True)
            st.plotly_chart(fig, key="slide-overview-chart", height="stretch",
                            config={"displaylogo": False, "displayModeBar": False, "responsive": True})


BEFORE, AFTER = 26, 40  # characters of evidence shown before and after the deciding phrase on a slide
WHOLE = 44  # evidence this short is shown whole: it fits the compact slide's two lines


def _item(row, lang: str, municipality: bool) -> str:
    where = f"{literal(municipality_label(row, lang))} · " if municipality else ""
    mark = ""  # a planner's status says so, as in the slides file
    if row.status_source == "confirmed":
        mark = " :gray[" + t("status_corrected" if row.correction_action == "correct" else "status_confirmed", lang) + "]"
    head = f"{badge(row.status, lang)}{mark} &nbsp; {where}**{literal(row.number)}**"
    text = f"<span class='slide-measure' lang='ja'>{literal(row.measure)}</span>"  # two lines at most
    if isinstance(row.evidence_phrase, str) and row.evidence_phrase:
        start, end = as_int(row.evidence_start) or 0, as_int(row.evidence_end) or 0
        # the deciding phrase with the words around it (about a line before it), cut where a phrase begins
        a, b = excerpt(row.evidence, start, end, BEFORE, AFTER, WHOLE)
        shown = highlighted(row.evidence[a:b], start - a, end - a)
        evidence = f"{t('evidence', lang)}: {'…' if a else ''}{shown}{'…' if b < len(row.evidence) else ''}"
    elif isinstance(row.evidence, str) and row.evidence:
        _, b = excerpt(row.evidence, 0, 0, 0, BEFORE + AFTER, WHOLE)
        evidence = f"{t('evidence', lang)}: {literal(row.evidence[:b])}{'…' if b < len(row.evidence) else ''}"
    else:
        evidence = f"{t('evidence', lang)}: *{t('no_text', lang)}*"
    return f"{head}{text}<span class='slide-evidence' lang='ja'>{evidence}</span>"


# The keys (what a clicker sends), counted in the browser: each press is logged with a number and the log is
# the component's state, so presses made while a run is still going are neither merged nor lost (Streamlit
# merges the triggers of buttons pressed before a rerun starts). The server steps through the presses it
# has not yet seen, in order. Caught before Streamlit's own shortcuts, so the buttons' hints do not step twice.
KEYS_JS = """
const STEPS = {ArrowRight: "next", PageDown: "next", " ": "next", ArrowLeft: "prev", PageUp: "prev",
               Home: "first", End: "last"};
export default function ({ data, setStateValue }) {
  const k = (window.__slideKeys ||= { id: 0, log: [] });
  k.send = setStateValue;
  k.log = k.log.filter(([id]) => id > data.done);
  if (k.listening) return;
  k.listening = true;
  window.addEventListener("keydown", (e) => {
    const step = STEPS[e.key], t = e.target;
    if (!step || e.repeat || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
    if (!document.querySelector(".st-key-presentation")) return;
    if (t && (t.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(t.tagName))) return;
    e.preventDefault();
    e.stopImmediatePropagation();
    k.log.push([++k.id, step]);
    k.log = k.log.slice(-100);
    k.send("log", k.log);
  }, true);
}
"""
_keys = st.components.v2.component("slide_keys", js=KEYS_JS)


def stepped(slide: int, n: int, steps: list[str]) -> int:
    """The slide after the steps (next, prev, first, last) taken in order from `slide`, in 1..n."""
    for step in steps:
        slide = 1 if step == "first" else n if step == "last" else slide + (1 if step == "next" else -1)
        slide = min(max(slide, 1), n)
    return slide


def _go(step: str) -> None:
    """A button's step, from the slide shown when its click is handled (not when it was drawn)."""
    ss = st.session_state
    drill(slide=stepped(ss["slide"], ss.get("_slides", ss["slide"]), [step]))


def _keys_pressed() -> None:
    ss = st.session_state
    log = (ss.get("slide-keys") or {}).get("log") or []
    done = ss.get("_slide_keys_done", 0)
    steps = [step for n, step in log if n > done]
    if steps:
        ss["_slide_keys_done"] = max(n for n, _ in log)
        drill(slide=stepped(ss["slide"], ss.get("_slides", ss["slide"]), steps))


def _nav(i: int, n: int, ctx: Context) -> None:
    lang = ctx.lang
    nav = st.container(horizontal=True, key="slide-nav", vertical_alignment="center", gap=None)
    nav.button(t("slide_first", lang), icon=":material/first_page:", key="slide-first", disabled=i == 1,
               on_click=_go, args=("first",), shortcut="Home", help=t("slide_first_help", lang))
    nav.button(t("prev", lang), key="slide-prev", disabled=i == 1, on_click=_go, args=("prev",), shortcut="Left")
    nav.markdown(f"**{t('slide_of', lang, i=i, n=n)}**", width="content")
    nav.button(t("next", lang), key="slide-next", disabled=i == n, on_click=_go, args=("next",), shortcut="Right",
               type="primary")
    nav.button(t("slide_last", lang), icon=":material/last_page:", icon_position="right", key="slide-last",
               disabled=i == n, on_click=_go, args=("last",), shortcut="End", help=t("slide_last_help", lang))
    nav.space("stretch")
    with nav.popover(t("pack_menu", lang), key="pack-menu"):  # no tooltip: it would cover the first item
        st.caption(t("pack_menu_help", lang))
        pack_downloads(ctx)
    for code in LANGS:
        nav.button(t("language_name", code), key=f"slide-lang-{code}", disabled=code == lang,
                   on_click=drill, kwargs=dict(lang=code), type="tertiary")
    nav.button(t("exit_present", lang), key="slide-exit", on_click=drill, kwargs=dict(view="overview"))
    # What a clicker sends (← → PageUp PageDown Space Home End), every press counted (see KEYS_JS)
    _keys(key="slide-keys", data={"done": st.session_state.get("_slide_keys_done", 0)}, default={"log": []},
          on_log_change=_keys_pressed, height=0)


def render(ctx: Context) -> None:
    state, lang = ctx.state, ctx.lang
    if nothing.selects_nothing(ctx):  # no deck: the message, the context and the ways out
        st.html(CSS)
        with st.container(key="presentation"):
            st.title(t("view_present", lang), anchor=False)
            with st.container(key="slide-context"):
                st.markdown((literal(chrome.context_line(ctx.info, ctx.year_reported, lang)) if ctx.info else "")
                            + "  \n" + chrome.filter_line(state, ctx.domain_names, lang, municipality_names=ctx.municipality_names))
            nothing.shown(ctx, exit_button=True)
        return
    domains = data.run("domains")
    lagging = data.run("lagging", **ctx.filters(), carry_over=None) if ctx.year_reported else pd.DataFrame()
    kept = left_out = None
    if state.statuses or state.q:  # a domain these filters leave no measure in gets no slide (the title says so)
        counts, left_out = pack.left_out(data.run, **ctx.filters())
        kept = set(counts.domain)
    slides = deck(domains, lagging, state.domains, kept)
    i = min(max(state.slide, 1), len(slides))
    if i != state.slide:
        st.toast(t("notice_past_end", lang, name="slide", last=len(slides)), icon="⚠️")  # the slide keeps its room
        st.session_state["slide"] = i
    st.session_state["_slides"] = len(slides)
    slide = slides[i - 1]
    st.html(CSS)
    with st.container(key="presentation"):
        _nav(i, len(slides), ctx)
        if slide.domain is None:
            _title_slide(ctx, left_out or [])
            return
        title = literal(domain_label(slide.domain, lang))  # the source's name: literal text
        if slide.parts > 1:
            title += " " + t("slide_part", lang, k=slide.part, n=slide.parts)
        st.title(title, anchor=False)
        with st.container(key="slide-context"):
            st.markdown((literal(chrome.context_line(ctx.info, ctx.year_reported, lang)) if ctx.info else "")
                        + "  \n" + chrome.filter_line(state, ctx.domain_names, lang, municipality_names=ctx.municipality_names))
        left, right = st.columns([5, 7], gap="medium")
        counts = data.run("status_by_domain", **ctx.filters(domains=[slide.domain.domain]))
        with left, st.container(key="slide-chart-box"):
            if not counts.empty:
                fig = charts.status_columns(counts, lang, font_size=18, height=None, reported=ctx.year_reported)
                st.plotly_chart(fig, key="slide-chart", height="stretch",
                                config={"displaylogo": False, "displayModeBar": False, "responsive": True})
        with right, st.container(key="slide-list"):
            st.markdown(f"### {t('lagging_in_domain', lang)}")
            if not ctx.year_reported:
                st.info(t("no_report_year", lang, year=state.year))
                return
            total = int((lagging.domain == slide.domain.domain).sum()) if len(lagging) else 0
            if total == 0:
                # a slide is one domain of one municipality: only the other filters narrow its list
                narrowed = set(state.in_force()) - {"domain", "municipality"}
                st.info(t("no_lagging_filtered", lang)) if narrowed else st.success(t("no_lagging", lang))
                return
            with st.container(key="slide-items"):
                for r in slide.rows.itertuples():
                    with st.container(border=True, key=f"slide-{r.source_id}-{r.measure_id}"):
                        st.markdown(_item(r, lang, ctx.several and not state.municipality), unsafe_allow_html=True)
            if slide.parts > 1:
                first = (slide.part - 1) * PER_SLIDE + 1
                last = first + len(slide.rows) - 1
                more = ("slide_items_of" if slide.part < slide.parts else
                        "slide_items_last" if last > first else "slide_items_one")  # as the files say it
                st.caption(t(more, lang, first=first, last=last, n=total))


def _pack_file(kind: str, year: int, municipality: str | None, lang: str, domains: list[str] = (),
               statuses: list[str] = (), q: str | None = None, filters: str | None = None) -> bytes:
    model = pack.build(data.current().opened.con, year=year, municipality=municipality, domains=domains or None,
                       statuses=statuses or None, q=q, filters=filters)
    return pack.deck(model, lang) if kind == "pptx" else pack.handout(model, lang)


def pack_downloads(ctx: Context) -> None:
    """The meeting pack as the deck on screen (the year, municipality, filters and language in force), made on
    click."""
    state, lang, several = ctx.state, ctx.lang, ctx.several
    blocked = several and not state.municipality
    st.caption(t("pack_scope", lang))
    if blocked:
        st.caption(t("pack_needs_municipality", lang))
    for kind, label, mime in (("pptx", "pack_download_deck",
                               "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
                              ("pdf", "pack_download_handout", "application/pdf")):
        items = chrome.filter_items(state, ctx.domain_names, lang, ctx.municipality_names, ignored=("municipality",))
        params = dict(kind=kind, year=state.year, municipality=state.municipality, lang=lang, domains=list(state.domains),
                      statuses=list(state.statuses), q=state.q or None,
                      filters=t("filters_line", lang, items=" · ".join(items)) if items else None)
        st.download_button(t(label, lang), lambda params=params: data.derived(_pack_file, **params),
                           file_name=f"careplan_{state.year}_{'slides' if kind == 'pptx' else 'handout'}_{lang}.{kind}",
                           mime=mime, key=f"pack-{kind}", on_click="ignore", disabled=blocked)
