"""When the sidebar's filters select no measure at all: one clear message, the same on every view that
uses them, saying how to widen them, with the button that clears them."""

from __future__ import annotations

import streamlit as st

from .. import controls, data
from ..i18n import t
from .context import Context


def selects_nothing(ctx: Context) -> bool:
    """Whether the filters in force leave no measure (with none in force, the data has measures)."""
    if not ctx.state.narrowed():
        return False
    return int(data.run("selected_count", **ctx.filters()).measures.iloc[0]) == 0


def shown(ctx: Context, exit_button: bool = False) -> bool:
    """The message, when the filters select nothing; True then (the view shows nothing else)."""
    if not selects_nothing(ctx):
        return False
    lang = ctx.lang
    with st.container(key="nothing-found"):
        st.info(f"**{t('nothing_found', lang)}**  \n{t('nothing_found_widen', lang)}", icon=":material/filter_alt_off:")
        with st.container(horizontal=True):
            st.button(t("reset", lang), key="nothing-reset", on_click=controls.clear_filters, type="primary")
            if exit_button:
                st.button(t("exit_present", lang), key="nothing-exit", on_click=controls.drill,
                          kwargs=dict(view="overview"))
    return True
