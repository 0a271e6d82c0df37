"""Measures: the filtered table (select a row for its detail), a measure × year grid, downloads."""

from __future__ import annotations

import hashlib
import math

import pandas as pd
import streamlit as st

from .. import chrome, data, export
from ..controls import drill
from ..i18n import STATUSES, status_badge, t
from ..ui import CELL_PAD_PX, clipped, text_px
from . import detail, downloads, nothing, signin
from .context import Context

TABLE_KEY = "measure-table-df"
GRID_MAX = 3000  # measure-years; beyond that the grid is neither quick nor readable


SCROLLED_KEY = "_detail_scrolled"  # the measure whose detail was last brought into view
SCROLL = """<script>
(function () {{
  // Find the detail (drawn just before this), scroll it to the top, and keep it there for a moment while
  // the page above it settles (fonts, the table's height), unless the reader has scrolled meanwhile.
  var doc = document, tries = 0, done = 0, last = null;
  function main() {{ return doc.querySelector('[data-testid=stMain]'); }}
  function go() {{
    var el = doc.querySelector('.st-key-measure-detail'), m = main();
    if (!el || !m) {{ if (++tries < 100) setTimeout(go, 50); return; }}
    if (last !== null && Math.abs(m.scrollTop - last) > 2) return;  // the reader scrolled: leave it
    var top = el.getBoundingClientRect().top;
    if (top < 0 || top > 90) el.scrollIntoView({{block: 'start'}});
    last = m.scrollTop;
    if (++done < 30) setTimeout(go, 150);  // about 4.5 s: a loaded server settles the page later
  }}
  requestAnimationFrame(go);
}})(); // {tag}
</script>"""


def _bring_into_view(measure: str) -> None:
    """Scroll the page to the detail once when it opens (not again while the editor works in it)."""
    if st.session_state.get(SCROLLED_KEY) == measure:
        return
    st.session_state[SCROLLED_KEY] = measure
    tag = hashlib.sha1(measure.encode()).hexdigest()[:12]  # a new element for each measure; no source text in it
    st.html(SCROLL.format(tag=tag), unsafe_allow_javascript=True)


def _row_selected() -> None:
    rows = ((st.session_state.get(TABLE_KEY) or {}).get("selection") or {}).get("rows") or []
    ids = st.session_state.get("_table_ids") or []
    if rows and rows[0] < len(ids):
        measure, municipality = ids[rows[0]]
        drill(measure=measure, municipality=municipality if st.session_state.get("_several") else None)


LINES = 4  # lines a row shows (ROW_HEIGHT); longer text is cut with … and read in full in the detail
ROW_HEIGHT = 78


def widths(lang: str, several: bool = False, marked: bool = False) -> dict[str, int]:
    """Column widths in pixels: narrow enough that status and evidence stay in view without scrolling
    sideways; the status column as wide as its longest label in `lang` (never cut) — with `marked`, and
    訂正済み / 確認済み after it —, evidence giving way, then the measure; with several municipalities a
    column naming each, the measure giving way."""
    said = max(text_px(" · " + t(k, lang)) for k in ("status_corrected", "status_confirmed")) if marked else 0
    status = max(96, max(math.ceil(text_px(status_badge(s, lang)) + said + CELL_PAD_PX) for s in STATUSES))
    evidence = max(160, 230 - (status - 96))
    # Sized for the narrowest main area asked for: 1280 px wide with the sidebar open (about 818 px).
    place = 84 if several else 0
    over = max(0, 48 + 96 + 196 + 112 + status + evidence - COLUMNS_PX)
    return {**({"municipality": place} if several else {}), "number": 48, "domain": 96,
            "measure": 196 - place - over, "target": 112, "status": status, "evidence": evidence}


COLUMNS_PX = 778  # the columns' room in the main area at 1280 px with the sidebar open (818), beside the row selector


def _said(row, lang: str) -> str:
    """訂正済み / 確認済み for a status a planner corrected or confirmed, as the cards say it; else empty."""
    if row.status_source != "confirmed":
        return ""
    return t("status_corrected" if row.correction_action == "correct" else "status_confirmed", lang)


def _table(municipality, year, domains, statuses, q, lang, names):
    """The rows shown, their (measure, municipality) ids, and the download table: built once per filter.
    Long cells are cut to what a row shows, ending in … (the detail and the downloads give the whole text)."""
    rows = data.run("status", municipality=municipality, year=year, domains=domains, statuses=statuses, q=q)
    badges = {s: status_badge(s, lang) for s in STATUSES}
    other_names = data.names()
    domain = [other_names.name("domain", d, lang) for d in rows.domain]
    several = rows.municipality.nunique() > 1
    marked = bool((rows.status_source == "confirmed").any())
    w = widths(lang, several, marked)

    def fit(values, column):
        return [clipped(v, w[column], LINES) for v in values]

    shown = pd.DataFrame({
        **({t("municipality", lang): fit([other_names.name("municipality", m, lang) for m in rows.municipality],
                                         "municipality")} if several else {}),
        t("number", lang): rows.number,
        t("domain", lang): fit(domain, "domain"),
        t("measure", lang): fit(rows.measure, "measure"),
        t("target", lang): fit(rows.target, "target"),
        t("status", lang): [badges[word] + (f" · {said}" if (said := _said(row, lang)) else "")
                            for word, row in zip(rows.status, rows.itertuples())],
        t("evidence", lang): fit(rows.evidence, "evidence"),
    }).fillna("")
    table = export.view_table(rows, "measures", lang, several, names, other_names)
    return shown, list(zip(rows.measure_id, rows.municipality)), table, w


def _grid(municipality, domains, year, statuses, q, lang):
    """Measure × year statuses of the selected measures (one row per municipality and measure when
    there are several)."""
    rows = data.run("measure_years", municipality=municipality, domains=domains, year=year, statuses=statuses, q=q)
    if rows.empty or len(rows) > GRID_MAX:
        return len(rows)
    keys = (["municipality"] if rows.municipality.nunique() > 1 else []) + ["number", "measure"]
    wide = rows.pivot_table(index=["domain_order", "group_no", "item_no", *keys], columns="fiscal_year",
                            values="status", aggfunc="first", sort=True)
    badges = {s: status_badge(s, lang) for s in STATUSES}
    wide = wide.map(badges.get).reset_index()
    if "municipality" in keys:
        wide["municipality"] = [data.names().name("municipality", m, lang) for m in wide.municipality]
    wide = wide.drop(columns=["domain_order", "group_no", "item_no"])
    names = {"municipality": t("municipality", lang), "number": t("number", lang), "measure": t("measure", lang)}
    wide.columns = [names[k] for k in keys] + [t("year_value", lang, year=y) for y in wide.columns[len(keys):]]
    return wide


def render(ctx: Context) -> None:
    state, lang = ctx.state, ctx.lang
    st.subheader(t("view_measures", lang) + " · " + t("year_value", lang, year=state.year))
    if nothing.shown(ctx):
        if state.measure:  # a measure's detail asked for by a link still opens
            detail.render(state.measure, state.municipality, lang, reported=ctx.reported, several=ctx.several)
        return
    if state.measure:  # the detail first, brought into view when it opens (on a phone the table is long)
        detail.render(state.measure, state.municipality, lang, reported=ctx.reported, several=ctx.several)
        _bring_into_view(state.measure)
    else:
        st.session_state.pop(SCROLLED_KEY, None)
    shown, ids, table, w = data.derived(_table, **ctx.filters(), lang=lang, names=signin.current_editor() is not None)
    with st.container(key="measure-table"):
        if shown.empty:
            st.warning(t("nothing_found", lang))
        else:
            with st.container(horizontal=True, gap="small", key="table-caption"):
                st.caption(t("rows_found", lang, n=len(shown)), width="content")
                chrome.hint(t("table_hint", lang) + " " + t("table_clipped", lang), "table")
            st.session_state["_table_ids"] = ids
            # Narrow columns and wrapped text: status and evidence stay in view without scrolling sideways.
            st.dataframe(shown, key=TABLE_KEY, on_select=_row_selected, selection_mode="single-row",
                         hide_index=True, width="stretch", row_height=ROW_HEIGHT,
                         column_config={t(name, lang): st.column_config.TextColumn(width=width) for name, width in w.items()})
            downloads.buttons(ctx, table, f"careplan_measures_{state.year}", "sheet_measures", "order_measures",
                              "download")

    wide = data.derived(_grid, **ctx.filters(), lang=lang)
    with st.expander(t("measure_grid", lang)):
        if isinstance(wide, int):
            if wide:
                st.info(t("grid_too_large", lang, n=wide))
        else:
            st.dataframe(wide, hide_index=True, width="stretch")
