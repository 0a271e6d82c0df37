"""The Streamlit app: `streamlit run dashboard/app.py` (data: $CAREPLAN_DATA or data/normalized/).

Each run: read what the data offers, restore the view from the URL (controls), draw the chrome, hand
the page to the chosen view from the registry, and write the URL back.
"""

from __future__ import annotations

import streamlit as st

from dashboard import controls, data
from dashboard.errors import InputError
from dashboard.i18n import lang_or_default, row_domain, t
from dashboard.state import Choices
from dashboard.ui import literal
from dashboard.views.context import Context
from dashboard.views.registry import REGISTRY

FIX = "python -m dashboard normalize"

asked = st.session_state.get("view", st.query_params.get("view"))
chrome = REGISTRY[asked].chrome if asked in REGISTRY else True
st.set_page_config(  # before any output
    page_title="careplan-dashboard",
    page_icon="📋",
    layout="wide",
    initial_sidebar_state="auto" if chrome else "collapsed",
)

try:
    years_table = data.run("fiscal_years")
    domain_table = data.run("domains")
    measure_ids = data.run("measure_ids").measure_id
    municipality_table = data.run("municipalities")
except InputError as e:
    lang = lang_or_default(st.query_params.get("lang"))
    st.error(t("no_data", lang, error=literal(e.one_line()), fix=FIX))
    st.stop()

years = [int(y) for y in years_table.fiscal_year]
reported = frozenset(int(y) for y, r in zip(years_table.fiscal_year, years_table.reported) if r)
several = len(municipality_table) > 1
choices = Choices(
    years=tuple(years),
    default_year=max(reported) if reported else years[-1],
    domains=tuple(domain_table.domain),
    measures=frozenset(measure_ids),
    municipalities=tuple(municipality_table.municipality) if several else (),
    views=tuple(name for name, v in REGISTRY.items() if several or not v.several_only),
)
controls.init(choices)
lang = st.session_state["lang"]
names = {r.domain: row_domain(r, lang) for r in domain_table.itertuples()}

for name, value in st.session_state.pop("notices", []):  # values from the URL: literal text, never Markdown
    st.warning(t("notice_bad_param", lang, name=literal(name), value=literal(value)), icon="⚠️")

state = controls.current()
view = REGISTRY[state.view]
if view.chrome:
    st.title(t("app_title", lang))
    controls.sidebar(choices, names, lang)
    controls.view_switch(choices, lang)
    state = controls.current()
    view = REGISTRY[state.view]

view.render(Context(state=state, lang=lang, choices=choices, reported=reported, domain_names=names))
controls.write_url(choices)
