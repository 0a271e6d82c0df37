"""What frames every view: the page title, the line naming the data (municipality, plan period, report
year, as-of date), the line naming the filters in force, the link to the view, and the print stylesheet."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from .i18n import DEFAULT_LANG, TEXT, Names, month_name, status_label, t
from .state import ViewState, field_of
from .ui import literal

# Printing: no sidebar, toolbar or buttons; the page scrolls as one document; charts are scaled to the
# page width (the script gives each Plotly SVG a viewBox while printing, so it scales instead of being
# cut); a slide fits one A4 landscape page.
PRINT = """
<style>
[data-testid="stMainBlockContainer"] { padding-top: 2rem; }
@media (max-width: 640px) { [data-testid="stMainBlockContainer"] { padding-top: 3.75rem; } }
[data-testid="stMainBlockContainer"] h1 { font-size: 1.7rem; padding: 0.25rem 0 0 0; }
[data-testid="stMainBlockContainer"] h3 { padding: 0.25rem 0 0 0; }
.st-key-filter-line p { margin-bottom: 0; }
/* the deciding phrase, highlighted inside a sentence: no gap left around it in Japanese text */
.stMarkdownColoredBackground { padding: 2px 0 !important; }
.st-key-measure-detail { scroll-margin-top: 3.75rem; }  /* below the fixed header when scrolled to */
@media print {
  @page { size: A4 landscape; margin: 8mm; }
  [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
  [data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stStatusWidget"],
  [data-testid="stBottom"], .stButton, .stDownloadButton, [data-testid="stPopover"],
  .st-key-view-switch, .st-key-no-print, [class*="st-key-hint-"], .st-key-link-local, .modebar-container,
  [data-testid="stElementToolbar"],
  [data-testid="stAlertContentWarning"] { display: none !important; }
  html, body, .stApp, [data-testid="stAppViewContainer"], [data-testid="stMain"] {
    height: auto !important; min-height: 0 !important; overflow: visible !important; position: static !important; }
  [data-testid="stMainBlockContainer"] { max-width: 100% !important; padding: 0 !important; }
  [data-testid="stHorizontalBlock"] { display: flex !important; flex-wrap: nowrap !important; }
  [data-testid="stColumn"]:has(.stButton):not(:has(.stMarkdown)) { display: none !important; }
  [data-testid="stColumn"]:has(.stPlotlyChart), [data-testid="stColumn"]:has(.st-key-slide-list) {
    width: auto !important; min-width: 0 !important; display: flex !important; }
  [data-testid="stColumn"]:has(.stPlotlyChart) { flex: 5 1 0 !important; }
  [data-testid="stColumn"]:has(.st-key-slide-list) { flex: 7 1 0 !important; }
  [data-testid="stElementContainer"]:has(.stPlotlyChart), [data-testid="stFullScreenFrame"]:has(.stPlotlyChart),
  .stPlotlyChart, .stPlotlyChart > div, .js-plotly-plot, .js-plotly-plot .plot-container {
    width: 100% !important; height: auto !important; }
  .js-plotly-plot .svg-container { width: 100% !important; height: auto !important; position: relative !important; }
  .js-plotly-plot svg.main-svg { width: 100% !important; height: auto !important; max-height: 105mm; }
  [data-testid="stElementContainer"]:has(h4), [data-testid="stElementContainer"]:has(h1) { break-after: avoid; }
  .js-plotly-plot svg.main-svg:first-of-type { position: relative !important; }
  [data-testid="stVerticalBlockBorderWrapper"], .stPlotlyChart, [data-testid="stMetric"] { break-inside: avoid; }
  .st-key-presentation { break-inside: avoid; }
  [class*="st-key-lag-"], [class*="st-key-review-"] { break-inside: avoid; page-break-inside: avoid; }
  .st-key-lagging-list [data-testid="stRadio"] { display: none !important; }
}
</style>
<script>
(function () {
  if (window.__careplanPrint) return;
  window.__careplanPrint = true;
  var printing = false;
  function box(svg) {
    svg.setAttribute('viewBox', '0 0 ' + svg.getAttribute('width') + ' ' + svg.getAttribute('height'));
    svg.setAttribute('preserveAspectRatio', 'xMinYMin meet');
  }
  // Plotly may redraw a chart at another size while the page is printed: keep its viewBox in step.
  var watch = new MutationObserver(function (changes) {
    if (!printing) return;
    changes.forEach(function (c) {
      if (c.target.classList && c.target.classList.contains('main-svg')) box(c.target);
      if (c.addedNodes) document.querySelectorAll('.js-plotly-plot svg.main-svg:not([viewBox])').forEach(box);
    });
  });
  watch.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['width', 'height'] });
  function fit(on) {
    printing = on;
    document.querySelectorAll('.js-plotly-plot svg.main-svg').forEach(function (svg) {
      if (on) box(svg); else svg.removeAttribute('viewBox');
    });
  }
  window.addEventListener('beforeprint', function () { fit(true); });
  window.addEventListener('afterprint', function () { fit(false); });
  window.matchMedia('print').addEventListener('change', function (e) { fit(e.matches); });
})();
</script>
"""


def print_stylesheet() -> None:
    st.html(PRINT, unsafe_allow_javascript=True)


def hint(text: str, key: str) -> None:
    """A hint about what to click or select: shown on screen, left out when the page is printed."""
    with st.container(key=f"hint-{key}"):
        st.caption(text)


def as_of_text(as_of: str | None, lang: str) -> str:
    """"2020-01" → 2020年1月 / Jan 2020."""
    if not isinstance(as_of, str) or len(as_of) < 7 or not as_of[:4].isdigit() or not as_of[5:7].isdigit():
        return as_of or "—"
    year, month = int(as_of[:4]), int(as_of[5:7])
    return t("month_value", lang, year=year, month=month, month_name=month_name(month, lang, short=True))


def about(sources: pd.DataFrame, names: Names, state: ViewState, lang: str, ignored: tuple[str, ...] = ()) -> dict:
    """The municipality (its name in `lang`), plan period, report year and as-of date of what is shown
    (every municipality when the view does not use the municipality filter: `ignored`)."""
    shown = sources
    if state.municipality and not {"municipality", "all"} & set(ignored):
        shown = sources[sources.municipality == state.municipality]
    if shown.empty:
        shown = sources
    named = shown.municipality.where(shown.municipality.notna(), shown.source_id)  # a source without one: its id
    if named.nunique() == 1:
        first = shown.iloc[0]
        place = names.name("municipality", first.municipality, lang) if isinstance(first.municipality, str) \
            else first.source_id  # its name in `lang` where the manifest gives one
    else:
        place = t("n_municipalities", lang, n=named.nunique())
    latest = shown.sort_values("report_year").iloc[-1]
    return dict(place=place, start=int(shown.plan_start.min()), end=int(shown.plan_end.max()),
                report_year=int(latest.report_year), as_of=as_of_text(latest.report_as_of, lang), year=state.year)


def warning_text(warning: str, lang: str) -> str:
    """A warning in `lang` where it can say itself so (corrections.Skipped), else as written."""
    return warning.said(lang) if hasattr(warning, "said") else str(warning)


def page_title(view_name: str, info: dict, lang: str) -> str:
    return t("page_title", lang, view=view_name, **info)


def context_line(info: dict, reported: bool, lang: str) -> str:
    """One line: municipality · plan period · report year (as of) · the year shown, or that it has no report."""
    line = t("context_line", lang, **info)
    if not reported:
        line += " · " + t("no_report_yet_short", lang, year=info["year"])
    return line


def filter_items(state: ViewState, domain_names: dict[str, str], lang: str,
                 municipality_names: dict[str, str] | None = None, ignored: tuple[str, ...] = ()) -> list[str]:
    """The filters in force (ViewState.in_force), each as the filter line names it (names: canonical → in `lang`)."""
    sep = t("list_separator", lang)

    def item(name: str) -> str:
        if name == "municipality":
            return f"{t('municipality', lang)}: {(municipality_names or {}).get(state.municipality, state.municipality)}"
        if name == "domain":
            return f"{t('domain', lang)}: {sep.join(domain_names.get(d, d) for d in state.domains)}"
        if name == "status":
            return f"{t('status', lang)}: {sep.join(status_label(s, lang) for s in state.statuses)}"
        if name == "q":
            return t("keyword_value", lang, q=state.q)
        # a view's own filter: its text for the value (carry_filter_addressed), else one with {value}
        value = getattr(state, field_of(name))
        key = f"{name}_filter_{value}"
        return t(key, lang) if key in TEXT[DEFAULT_LANG] else t(f"{name}_filter", lang, value=value)
    return [item(name) for name in state.in_force() if name not in ignored and ignored != ("all",)]


def filter_line(state: ViewState, domain_names: dict[str, str], lang: str, ignored: tuple[str, ...] = (),
                municipality_names: dict[str, str] | None = None) -> str:
    """Markdown: the filters in force (source text such as the keyword shown literally), and any this
    view does not use."""
    items = filter_items(state, domain_names, lang, municipality_names)
    line = (t("filters_line", lang, items=literal(" · ".join(items))) if items else t("filters_none", lang))
    if ignored == ("all",):
        line += " " + t("filters_ignored_all", lang)
    elif ignored:
        line += " " + t("filters_ignored", lang, names=t("list_separator", lang).join(t(n, lang) for n in ignored))
    return line
