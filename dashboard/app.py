"""The Streamlit app: `streamlit run dashboard/app.py` (data: $CAREPLAN_DATA or data/normalized/).

Each run: read what the data offers, restore the view from the URL when the URL changed (controls),
name the page, draw the chrome, hand the page to the chosen view from the registry, and write the URL
when the view changed.
"""

from __future__ import annotations

import streamlit as st

from dashboard.errors import InputError

try:
    from dashboard import chrome, controls, data
    from dashboard.i18n import lang_or_default, t
    from dashboard.state import Choices
    from dashboard.ui import literal
    from dashboard.views import signin
    from dashboard.views.context import Context
    from dashboard.views.registry import REGISTRY
except InputError as e:  # a reference table read when the modules load (data/status_words.csv)
    st.error(e.one_line())
    st.stop()

try:
    data.begin_run()  # the data this run shows: re-read when the tables or the corrections file changed
    years_table = data.run("fiscal_years")
    domain_table = data.run("domains")
    measure_ids = data.run("measure_ids").measure_id
    municipality_table = data.run("municipalities")
    sources = data.run("sources")
    other_names = data.names()  # domains and municipalities in other languages
except InputError as e:  # the command line's line; the command that fixes it only when there is one
    st.set_page_config(page_title="careplan-dashboard", page_icon="📋", layout="wide")
    lang = lang_or_default(st.query_params.get("lang"))
    if e.fix:
        st.error(t("no_data", lang, error=literal(e.one_line(with_fix=False)), fix=e.fix))
    else:
        st.error(t("input_error", lang, error=literal(e.one_line())))
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
    domain_aliases=other_names.aliases("domain"),
)
controls.init(choices)  # the URL first
state = controls.current()
lang = state.lang
info = chrome.about(sources, other_names, state, lang, REGISTRY[state.view].ignores)
st.set_page_config(  # before any output
    page_title=chrome.page_title(t(f"view_{state.view}", lang), info, lang),
    page_icon="📋",
    layout="wide",
    initial_sidebar_state="auto" if REGISTRY[state.view].chrome else "collapsed",
)
chrome.print_stylesheet()
names = other_names.domains(domain_table.domain, lang)
places = {m: other_names.name("municipality", m, lang) for m in choices.municipalities}

for key, name, value, n in st.session_state.pop("notices", []):  # values from the URL: literal text, never Markdown
    notice = t(key, lang, name=literal(name), value=literal(value), n=n)
    # on a slide a notice would push the slide past the window: a toast that passes instead
    if state.view == "present":
        st.toast(notice, icon="⚠️")
    else:
        st.warning(notice, icon="⚠️")

view = REGISTRY[state.view]
# Bad rows of the corrections file: shown, never an exception; not on a slide in a meeting (the data page
# lists them in full).
if (skipped := data.warnings()) and view.chrome:
    st.warning(t("corrections_skipped", lang, n=len(skipped)) + "  \n"
               + "  \n".join(literal(chrome.warning_text(w, lang)) for w in skipped[:5])
               + ("  \n…" if len(skipped) > 5 else ""), icon="⚠️")

if view.chrome:
    controls.sidebar(choices, names, lang, places)
    state = controls.current()
    lang = state.lang
    signin.sidebar(lang)  # only when editors are configured
    names = other_names.domains(domain_table.domain, lang)
    places = {m: other_names.name("municipality", m, lang) for m in choices.municipalities}
    st.title(t("app_title", lang))
    info = chrome.about(sources, other_names, state, lang, REGISTRY[state.view].ignores)
    with st.container(key="context-line"):
        st.caption(chrome.context_line(info, state.year in reported, lang))
    with st.container(key="view-switch"):
        controls.view_switch(choices, lang)
    state = controls.current()
    view = REGISTRY[state.view]
    line = st.container(horizontal=True, vertical_alignment="center", key="filter-line")
    line.markdown(chrome.filter_line(state, names, lang, view.ignores, places))
    if state.in_force():
        line.button(t("reset_short", lang), key="filter-reset", type="tertiary", on_click=controls.clear_filters)
    local = controls.only_this_machine(controls.link(choices))
    with line.popover(t("copy_link", lang), icon=":material/link:", key="copy-link"):
        st.code(controls.link(choices), language=None, wrap_lines=True)
        st.caption(t("link_help", lang))
        if local:
            st.caption(t("link_local_help", lang))
    if local:  # a link to localhost opens only on this computer: say so where the link is taken
        with line.container(key="link-local", width="content"):
            st.caption(t("link_local", lang))

view.render(Context(state=state, lang=lang, choices=choices, reported=reported, domain_names=names,
                    municipality_names=places, info=info, link=controls.link(choices), ignored=view.ignores))
controls.write_url(choices)
