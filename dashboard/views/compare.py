"""Compare municipalities: share of lagging measures by municipality and domain, sortable, with
drill-down to a municipality's own overview."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from .. import data
from ..controls import drill
from ..i18n import t
from . import downloads
from .context import Context

TABLE_KEY = "compare-table-df"


def _row_selected() -> None:
    rows = ((st.session_state.get(TABLE_KEY) or {}).get("selection") or {}).get("rows") or []
    names = st.session_state.get("_compare_ids") or []
    if rows and rows[0] < len(names):
        drill(municipality=names[rows[0]], view="overview", measure=None)


def render(ctx: Context) -> None:
    state, lang = ctx.state, ctx.lang
    st.subheader(t("view_compare", lang) + " · " + t("year_value", lang, year=state.year))
    params = ctx.filters()
    params.pop("municipality")  # every municipality is compared
    params["statuses"] = None  # a share of lagging measures among measures of chosen statuses says nothing
    rows = data.run("compare", **params)
    with st.container(key="compare"):
        if rows.empty:
            st.warning(t("nothing_found", lang))
            return
        st.caption(t("compare_intro", lang, year=state.year))
        domains = rows.drop_duplicates("domain_order").sort_values("domain_order")
        names = data.names().domains(domains.domain, lang)
        wide = rows.pivot(index="municipality", columns="domain", values="lagging_share")[list(names)]
        totals = rows.drop_duplicates("municipality").set_index("municipality").municipality_lagging_share
        order = list(rows.drop_duplicates("municipality").municipality)  # the query's order: worst first
        named = [data.names().name("municipality", m, lang) for m in order]
        # shares as whole per cents, as the overview and the cards give them (the download holds the same)
        table = pd.DataFrame({t("municipality", lang): named,
                              t("lagging_share", lang): (totals.loc[order].values * 100).round().astype(int)})
        for domain, label in names.items():
            table[label] = (wide.loc[order, domain] * 100).round().astype("Int64").to_numpy()
        st.session_state["_compare_ids"] = order
        # the municipality stays in view when the table scrolls sideways; narrow share columns, each
        # domain's whole name on hover
        config = {table.columns[0]: st.column_config.TextColumn(pinned=True)}
        config |= {c: st.column_config.ProgressColumn(c, format="%d%%", min_value=0, max_value=100, width="small",
                                                      help=c) for c in table.columns[1:]}
        st.dataframe(table, key=TABLE_KEY, on_select=_row_selected, selection_mode="single-row",
                     hide_index=True, width="stretch", column_config=config, height=min(38 + 35 * len(table), 640))
        downloads.buttons(ctx, table, f"careplan_compare_{state.year}", "sheet_compare", "order_compare", "compare")
