"""Measures: the filtered table (select a row for its detail), a measure × year grid, downloads."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from .. import data, export
from ..controls import drill
from ..i18n import status_badge, t
from ..state import ViewState
from . import detail
from .cards import domain_label

TABLE_KEY = "measure-table-df"


def _row_selected() -> None:
    rows = ((st.session_state.get(TABLE_KEY) or {}).get("selection") or {}).get("rows") or []
    ids = st.session_state.get("_table_ids") or []
    if rows and rows[0] < len(ids):
        measure, municipality = ids[rows[0]]
        drill(measure=measure, municipality=municipality if st.session_state.get("municipality") else None)


def render(state: ViewState, lang: str) -> None:
    st.subheader(t("view_measures", lang) + " · " + t("year_value", lang, year=state.year))
    rows = data.run("status", municipality=state.municipality, year=state.year, domains=state.domains or None,
                    statuses=state.statuses or None, q=state.q or None)
    with st.container(key="measure-table"):
        if rows.empty:
            st.warning(t("nothing_found", lang))
        else:
            st.caption(t("rows_found", lang, n=len(rows)) + " · " + t("table_hint", lang))
            st.session_state["_table_ids"] = list(zip(rows.measure_id, rows.municipality))
            shown = pd.DataFrame({
                t("number", lang): rows.number,
                t("domain", lang): [domain_label(r, lang) for r in rows.itertuples()],
                t("measure", lang): rows.measure,
                t("target", lang): rows.target,
                t("status", lang): [status_badge(s, lang) for s in rows.status],
                t("evidence", lang): rows.evidence,
            }).fillna("")
            st.dataframe(shown, key=TABLE_KEY, on_select=_row_selected, selection_mode="single-row",
                         hide_index=True, width="stretch",
                         column_config={t("measure", lang): st.column_config.TextColumn(width="large"),
                                        t("evidence", lang): st.column_config.TextColumn(width="large")})
            table = export.table(rows, lang)
            name = f"careplan_{state.year}"
            buttons = st.container(horizontal=True)
            buttons.download_button(t("download_csv", lang), export.to_csv(table), file_name=f"{name}.csv",
                                 mime="text/csv", key="download-csv", on_click="ignore")
            buttons.download_button(t("download_xlsx", lang), export.to_xlsx(table), file_name=f"{name}.xlsx",
                                  mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                                  key="download-xlsx", on_click="ignore")

    if state.measure:
        detail.render(state.measure, state.municipality, lang)

    grid = data.run("status", municipality=state.municipality, year=None, domains=state.domains or None,
                    statuses=None, q=state.q or None)
    if not grid.empty:
        with st.expander(t("measure_grid", lang)):
            wide = grid.pivot_table(index=["domain_order", "group_no", "item_no", "number", "measure"],
                                    columns="fiscal_year", values="status", aggfunc="first", sort=True)
            wide = wide.map(lambda s: status_badge(s, lang)).reset_index()
            wide = wide.drop(columns=["domain_order", "group_no", "item_no"])
            wide.columns = [t("number", lang), t("measure", lang)] + [
                t("year_value", lang, year=y) for y in wide.columns[2:]]
            st.dataframe(wide, hide_index=True, width="stretch")
