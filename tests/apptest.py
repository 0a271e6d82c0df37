"""Helpers for driving the app with Streamlit's AppTest: a new session, and the text a page shows."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from .conftest import ROOT

APP = str(ROOT / "dashboard" / "app.py")


def new_session(params: dict | None = None, secrets: dict | None = None, user: dict | None = None,
                run: bool = True) -> AppTest:
    """A new browser session on the app (its own session state), run once unless run=False; never with
    the developer's own secrets file."""
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in (secrets or {"careplan": {}}).items():
        at.secrets[key] = value
    if user is not None:
        at.user = user
    for key, value in (params or {}).items():
        at.query_params[key] = value
    if run:
        at.run()
        assert not at.exception, [e.message for e in at.exception]
    return at


def page_text(at: AppTest) -> str:
    """Everything the page says in text elements: markdown, headings, captions, text, notices."""
    parts = [*at.markdown, *at.subheader, *at.caption, *at.text, *at.info, *at.warning, *at.error, *at.success]
    return "\n".join(str(p.value) for p in parts)
