"""The data page: sources with their manifest entries, and the full import report."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from .. import data
from ..i18n import t
from ..ui import literal
from .context import Context


def render(ctx: Context) -> None:
    lang = ctx.lang
    st.subheader(t("view_data", lang))
    sources = data.run("sources")
    st.markdown(f"#### {t('sources', lang)}")
    for s in sources.itertuples():
        with st.container(border=True):
            st.markdown(f"**{literal(s.title if isinstance(s.title, str) else s.file)}**")
            st.text(f"{s.municipality if isinstance(s.municipality, str) else '—'} · {s.file} · "
                    f"{s.plan_start}–{s.plan_end} · {t('as_of', lang, year=s.report_year, as_of=s.report_as_of)}")
            st.caption(f"{t('repairs_n', lang, n=s.repair_count)} · {t('warnings_n', lang, n=s.warning_count)} · "
                       f"sha256 {s.sha256[:16]}…")
    st.markdown(f"#### {t('import_report', lang)}")
    st.caption(t("import_intro", lang))
    report = data.run("import_report")
    columns = {key: t(f"report_{key}", lang) for key in ("line", "column", "level", "kind", "before", "after",
                                                         "message")}
    st.dataframe(
        pd.DataFrame({
            columns["line"]: report.source_line, columns["column"]: report.column_no,
            columns["level"]: [t(f"level_{v}", lang) for v in report.level], columns["kind"]: report.kind,
            columns["before"]: report.before.fillna(""), columns["after"]: report.after.fillna(""),
            columns["message"]: report.message,
        }),
        hide_index=True, width="stretch", key="import-report",
        column_config={columns["message"]: st.column_config.TextColumn(width="large")},
    )
    st.markdown(f"#### {t('corrections_title', lang)}")
    skipped = data.warnings()
    st.caption(literal(t("corrections_intro", lang, file=data.overrides_file(), n=data.corrections_in_force())))
    with st.container(key="corrections-warnings"):
        for line in skipped:
            st.text(line)
        if not skipped:
            st.text("—")
