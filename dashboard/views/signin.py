"""Signing in to edit statuses: the only module that reads the app's secrets (`st.secrets`).

Editing is off unless editors are configured (dashboard/auth.py decides from the secrets). When it is
on, the sidebar offers a sign-in: a form for local accounts (user name and password, checked against
the argon2 hash; the editor is then kept in the session's state, on the server) and, where an `[auth]`
provider is configured, a button that signs in through it with `st.login()`; such an identity edits
only when its e-mail address is listed. `current_editor()` is asked again on every run and by every
write, so removing an account or an address from the secrets takes the right away.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Mapping

import streamlit as st

from .. import auth
from ..i18n import t
from ..ui import literal

EDITOR_KEY = "_careplan_editor"  # the local account signed in (auth.Editor), in the session's state
FAILS_KEY = "_careplan_signin_fails"
FREE_TRIES = 3  # failed sign-ins in a row before each further try waits
DELAY = 1.0  # seconds of the first wait; doubled with each further failure, up to MAX_DELAY
MAX_DELAY = 30.0

_sleep = time.sleep  # (tests watch it)
_fails: dict[str, int] = {}  # user name → failed sign-ins in a row, across sessions
_fails_lock = threading.Lock()


def _secrets() -> Mapping:
    try:
        return st.secrets if st.secrets.load_if_toml_exists() else {}
    except Exception:  # noqa: BLE001 - an unreadable secrets file: editing stays off
        return {}


def config() -> auth.AuthConfig:
    """Who may edit, from the secrets as they are now."""
    return auth.config(_secrets())


def _user() -> Mapping:
    try:
        return st.user.to_dict()
    except Exception:  # noqa: BLE001 - no provider configured or outside a run
        return {}


def current_editor(cfg: auth.AuthConfig | None = None) -> auth.Editor | None:
    """The editor this session is signed in as, or None: an identity from the provider whose e-mail is
    listed (and not marked unverified), or a local account that still exists."""
    cfg = cfg or config()
    if not cfg.editing:
        return None
    if cfg.oidc:
        user = _user()
        if user.get("is_logged_in") and user.get("email_verified") is not False:
            editor = auth.oidc_editor(cfg, user.get("email"), user.get("name"))
            if editor is not None:
                return editor
    editor = st.session_state.get(EDITOR_KEY)
    if isinstance(editor, auth.Editor) and editor.via == "password" and editor.id in cfg.accounts:
        return auth.Editor(editor.id, cfg.accounts[editor.id][0], "password")  # the name as configured now
    return None


def _wait_before_checking(user: str) -> None:
    """After FREE_TRIES failures in a row (for this user name, or in this session) each try waits longer."""
    with _fails_lock:
        failed = _fails.get(user, 0)
    failed = max(failed, int(st.session_state.get(FAILS_KEY, 0)))
    if failed >= FREE_TRIES:
        _sleep(min(DELAY * 2 ** (failed - FREE_TRIES), MAX_DELAY))


def sign_in(cfg: auth.AuthConfig, user: str, password: str) -> auth.Editor | None:
    """Check a local account's password; on success keep the editor in the session's state."""
    user = (user or "").strip()
    _wait_before_checking(user)
    editor = auth.check_password(cfg, user, password or "")
    with _fails_lock:
        if editor is None:
            _fails[user] = _fails.get(user, 0) + 1
        else:
            _fails.pop(user, None)
    if editor is None:
        st.session_state[FAILS_KEY] = int(st.session_state.get(FAILS_KEY, 0)) + 1
        return None
    st.session_state[FAILS_KEY] = 0
    st.session_state[EDITOR_KEY] = editor
    return editor


def _sign_out_local() -> None:
    st.session_state.pop(EDITOR_KEY, None)


def _providers() -> list[str | None]:
    """The providers st.login can use: None for a provider written directly in [auth], else their names."""
    section = _secrets().get("auth") or {}
    if "client_id" in section or "server_metadata_url" in section:
        return [None]
    return [name for name, value in section.items() if isinstance(value, Mapping) and "client_id" in value]


def sidebar(lang: str) -> None:
    """The sign-in block of the sidebar (nothing when editing is off)."""
    cfg = config()
    if not cfg.editing:
        return
    with st.sidebar, st.container(key="signin"):
        editor = current_editor(cfg)
        st.subheader(t("signin_title" if editor is None else "editor_title", lang))
        user = _user() if cfg.oidc else {}
        if editor is not None:
            st.markdown(t("signed_in_as", lang, name=literal(editor.name)))
            if editor.via != "oidc":
                st.caption(t("signin_tab_only", lang))
            st.text(editor.id)  # plain text: an address is not made a link
            if editor.via == "oidc":
                if st.button(t("sign_out", lang), key="sign-out"):
                    st.logout()
            else:
                st.button(t("sign_out", lang), key="sign-out", on_click=_sign_out_local)
            return
        if user.get("is_logged_in"):  # signed in with the provider, but not as an editor
            st.caption(t("not_an_editor", lang, email=literal(str(user.get("email") or user.get("sub") or ""))))
            if st.button(t("sign_out", lang), key="sign-out"):
                st.logout()
        elif cfg.oidc and cfg.editor_emails:
            for provider in _providers():
                label = t("signin_oidc", lang) if provider is None else t("signin_oidc_named", lang, provider=provider)
                if st.button(label, key=f"signin-oidc-{provider or 'default'}", width="stretch"):
                    if provider:
                        st.login(provider)
                    else:
                        st.login()
        if cfg.accounts:
            failed = st.empty()  # above the fields, where it is seen
            with st.form("signin-form", clear_on_submit=True, border=False):
                name = st.text_input(t("signin_user", lang), key="signin-user", max_chars=64)
                password = st.text_input(t("signin_password", lang), type="password", key="signin-password",
                                         max_chars=1024)
                submitted = st.form_submit_button(t("signin_submit", lang))
            if submitted:
                if sign_in(cfg, name, password) is not None:
                    st.rerun()
                failed.error(t("signin_failed", lang))
