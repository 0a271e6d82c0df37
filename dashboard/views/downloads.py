"""Download buttons for a view's rows: CSV (a plain table) and Excel (a first sheet stating the
conditions, then the table). The files are made when a button is clicked, not on every rerun."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from .. import chrome, corrections, export
from ..i18n import t
from .context import Context


def conditions(ctx: Context, rows: int, order: str) -> list[tuple[str, str]]:
    lang, state = ctx.lang, ctx.state
    items = chrome.filter_items(state, ctx.domain_names, lang, ctx.municipality_names, ctx.ignored)  # those applied
    return [
        (t("cond_data", lang), chrome.context_line(ctx.info, ctx.year_reported, lang) if ctx.info else ""),
        (t("cond_year", lang), t("year_value", lang, year=state.year)),
        (t("cond_filters", lang), " · ".join(items) if items else t("cond_filters_none", lang)),
        (t("cond_order", lang), t(order, lang)),
        (t("cond_rows", lang), str(rows)),
        (t("cond_link", lang), ctx.link),
        (t("cond_made", lang), corrections.now().strftime("%Y-%m-%d %H:%M %Z")),
    ]


def buttons(ctx: Context, frame: pd.DataFrame, name: str, sheet: str, order: str, key: str) -> None:
    lang = ctx.lang
    about = conditions(ctx, len(frame), order)
    row = st.container(horizontal=True, key=f"{key}-downloads")
    row.download_button(t("download_csv", lang), lambda: export.to_csv(frame), file_name=f"{name}.csv",
                        mime="text/csv", key=f"{key}-csv", on_click="ignore")
    row.download_button(t("download_xlsx", lang),
                        lambda: export.to_xlsx_with_conditions(frame, about, t(sheet, lang), t("sheet_conditions", lang)),
                        file_name=f"{name}.xlsx", key=f"{key}-xlsx", on_click="ignore",
                        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
