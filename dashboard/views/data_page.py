"""The data page: sources with their manifest entries, and the full import report."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from .. import chrome, data
from ..i18n import DEFAULT_LANG, TEXT, t
from ..ui import literal
from .context import Context


def _cell(value) -> str:
    """A line or column number; none (a repair of a whole page or of the file, line 0) as —."""
    return "—" if value is None or pd.isna(value) or int(value) == 0 else str(int(value))


def _said(key: str, lang: str, otherwise: str) -> str:
    return t(key, lang) if key in TEXT[DEFAULT_LANG] else otherwise


def _message(row, lang: str) -> str:
    """What a repair did, in the UI language (the import's own record where the kind is not known)."""
    key = f"repair_msg_{row.kind}"
    if key not in TEXT[DEFAULT_LANG]:
        return row.message
    text = lambda v: v if isinstance(v, str) else ""  # noqa: E731
    return t(key, lang, before=text(row.before), after=text(row.after), message=text(row.message))


REPORT_WIDTHS = {"line": 40, "column": 52, "level": 64, "kind": 120, "kind_code": 150, "before": 110, "after": 110,
                 "message": 280}  # pixels: 926 in all, within the main area at 1400 px with the sidebar open
REPORT_ROW_HEIGHT = 68  # three lines; above 4rem (64 px) the table wraps text


def render(ctx: Context) -> None:
    lang = ctx.lang
    st.subheader(t("view_data", lang))
    sources = data.run("sources")
    st.markdown(f"#### {t('sources', lang)}")
    for s in sources.itertuples():
        with st.container(border=True):
            st.markdown(f"**{literal(s.title if isinstance(s.title, str) else s.file)}**")
            as_of = chrome.as_of_text(s.report_as_of, lang)
            place = data.names().name("municipality", s.municipality, lang) if isinstance(s.municipality, str) else "—"
            st.text(f"{place} · {s.file} · "
                    f"{s.plan_start}–{s.plan_end} · {t('as_of', lang, year=s.report_year, as_of=as_of)}")
            st.caption(f"{t('repairs_n', lang, n=s.repair_count)} · {t('warnings_n', lang, n=s.warning_count)} · "
                       f"sha256 {s.sha256[:16]}…")
    st.markdown(f"#### {t('import_report', lang)}")
    st.caption(t("import_intro", lang))
    report = data.run("import_report")
    columns = {key: t(f"report_{key}", lang) for key in ("line", "column", "level", "kind", "kind_code", "before",
                                                         "after", "message")}
    st.dataframe(
        pd.DataFrame({
            columns["line"]: [_cell(v) for v in report.source_line],
            columns["column"]: [_cell(v) for v in report.column_no],
            columns["level"]: [t(f"level_{v}", lang) for v in report.level],
            columns["kind"]: [_said(f"repair_kind_{k}", lang, k) for k in report.kind],
            columns["kind_code"]: report.kind,
            columns["before"]: report.before.fillna(""), columns["after"]: report.after.fillna(""),
            columns["message"]: [_message(r, lang) for r in report.itertuples()],
        }),
        hide_index=True, width="stretch", key="import-report", row_height=REPORT_ROW_HEIGHT,
        # narrow codes and numbers, so that what was done (wrapping over up to three lines) stays in view
        column_config={columns[key]: st.column_config.TextColumn(width=px) for key, px in REPORT_WIDTHS.items()},
    )
    st.markdown(f"#### {t('corrections_title', lang)}")
    skipped = data.warnings()
    st.caption(literal(t("corrections_intro", lang, file=data.shown_file(), n=data.corrections_in_force())))
    with st.container(key="corrections-warnings"):
        for line in skipped:
            st.text(chrome.warning_text(line, lang))
        if not skipped:
            st.text("—")
