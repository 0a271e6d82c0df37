"""The Streamlit app: `streamlit run dashboard/app.py` (data: $CAREPLAN_DATA or data/normalized/)."""

from __future__ import annotations

import streamlit as st

from dashboard import controls, data
from dashboard.errors import InputError
from dashboard.i18n import t
from dashboard.state import Choices
from dashboard.ui import literal
from dashboard.views import compare, data_page, lagging, measures, overview, present

FIX = "python -m dashboard normalize"

presenting = st.session_state.get("view", st.query_params.get("view")) == "present"  # before any output
st.set_page_config(
    page_title="careplan-dashboard",
    page_icon="📋",
    layout="wide",
    initial_sidebar_state="collapsed" if presenting else "auto",
)

try:
    data.begin_run()  # the data this run shows: re-read when the tables or the corrections file changed
    years_table = data.run("fiscal_years")
    domain_table = data.run("domains")
    measure_ids = data.run("measure_ids").measure_id
    municipality_table = data.run("municipalities")
except InputError as e:
    lang = "en" if st.query_params.get("lang") == "en" else "ja"
    st.error(t("no_data", lang, error=e.one_line(), fix=FIX))
    st.stop()

years = [int(y) for y in years_table.fiscal_year]
reported = {int(y) for y, r in zip(years_table.fiscal_year, years_table.reported) if r}
choices = Choices(
    years=tuple(years),
    default_year=max(reported) if reported else years[-1],
    domains=tuple(domain_table.domain),
    measures=frozenset(measure_ids),
    municipalities=tuple(municipality_table.municipality) if len(municipality_table) > 1 else (),
)
controls.init(choices)
lang = st.session_state["lang"]
names = {r.domain: (r.domain_en if lang == "en" and isinstance(r.domain_en, str) else r.domain)
         for r in domain_table.itertuples()}

if skipped := data.warnings():  # bad rows of the corrections file: shown, never an exception
    st.warning(t("corrections_skipped", lang, n=len(skipped)) + "  \n"
               + "  \n".join(literal(w) for w in skipped[:5]) + ("  \n…" if len(skipped) > 5 else ""), icon="⚠️")

for name, value in st.session_state.pop("notices", []):
    st.warning(t("notice_bad_param", lang, name=name, value=value), icon="⚠️")

if not presenting:
    st.title(t("app_title", lang))
    controls.sidebar(choices, names, lang)
    controls.view_switch(choices, lang)

state = controls.current()
if state.view == "overview":
    overview.render(state, lang, years, reported)
elif state.view == "lagging":
    lagging.render(state, lang, reported, several=bool(choices.municipalities))
elif state.view == "measures":
    measures.render(state, lang)
elif state.view == "present":
    present.render(state, lang, reported, several=bool(choices.municipalities))
elif state.view == "compare":
    compare.render(state, lang)
else:
    data_page.render(lang)

controls.write_url(choices)
