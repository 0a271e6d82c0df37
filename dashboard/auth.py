"""Who may edit statuses in the app. Viewing is open; editing is off unless editors are configured.

Two ways, both in `.streamlit/secrets.toml` (never committed):

- An identity provider (OpenID Connect) through Streamlit's `st.login`: an `[auth]` table as
  Streamlit documents it, and the editors' e-mail addresses in `[careplan] editor_emails = [...]`.
- For an office without one, local accounts with argon2 password hashes, added by
  `python -m dashboard add-editor USER`: `[careplan.editors.USER] name = "…", hash = "$argon2id$…"`.

Nothing here touches Streamlit: the app (dashboard/views/signin.py) reads the secrets and the
signed-in identity and asks this module whether that is an editor.
"""

from __future__ import annotations

import fcntl
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

import tomlkit
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from .errors import InputError

SECTION = "careplan"
SECRETS = Path(".streamlit") / "secrets.toml"
USER_ID = re.compile(r"^[A-Za-z0-9_.@-]{1,64}$")
MIN_PASSWORD = 10

_hasher = PasswordHasher()
# Verified when the user is unknown, so a wrong user name costs as long as a wrong password.
_DUMMY = _hasher.hash("not a password of anyone")


@dataclass(frozen=True)
class Editor:
    id: str  # the account or the e-mail address
    name: str  # shown on each correction
    via: str  # "password" or "oidc"


@dataclass(frozen=True)
class AuthConfig:
    accounts: dict[str, tuple[str, str]]  # user → (name, argon2 hash)
    oidc: bool  # an [auth] table for st.login
    editor_emails: frozenset[str]

    @property
    def editing(self) -> bool:
        """Editing is on only when someone can sign in as an editor."""
        return bool(self.accounts) or (self.oidc and bool(self.editor_emails))


def config(secrets: Mapping) -> AuthConfig:
    """The editors configured in the secrets (the app's secrets, or a parsed secrets.toml); malformed entries
    are left out rather than trusted."""
    section = secrets.get(SECTION) or {}
    accounts = {}
    for user, entry in dict(section.get("editors") or {}).items():
        entry = dict(entry) if isinstance(entry, Mapping) else {}
        hashed = entry.get("hash")
        if USER_ID.match(str(user)) and isinstance(hashed, str) and hashed.startswith("$argon2"):
            accounts[str(user)] = (str(entry.get("name") or user), hashed)
    emails = section.get("editor_emails") or []
    emails = frozenset(str(e).strip().lower() for e in emails if isinstance(e, str) and "@" in e)
    auth = secrets.get("auth") or {}
    return AuthConfig(accounts=accounts, oidc=bool(auth) and "redirect_uri" in auth, editor_emails=emails)


def check_password(cfg: AuthConfig, user: str, password: str) -> Editor | None:
    """The editor, if `password` is theirs; None otherwise (the same work either way)."""
    name, hashed = cfg.accounts.get(user.strip(), ("", _DUMMY))
    try:
        _hasher.verify(hashed, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return None
    if hashed is _DUMMY:
        return None
    return Editor(id=user.strip(), name=name, via="password")


def oidc_editor(cfg: AuthConfig, email: str | None, name: str | None) -> Editor | None:
    """A signed-in identity from the provider is an editor when its e-mail address is listed."""
    if not cfg.oidc or not email or email.strip().lower() not in cfg.editor_emails:
        return None
    return Editor(id=email.strip().lower(), name=(name or email).strip(), via="oidc")


def add_editor(path: Path, user: str, name: str, password: str) -> None:
    """Add or replace a local editor account in the secrets file, keeping everything else in it
    (comments included). The file is rewritten atomically under a lock and left readable by its owner only."""
    if not USER_ID.match(user):
        raise InputError(user, "a user name is 1–64 letters, digits or . _ @ -")
    if len(password) < MIN_PASSWORD:
        raise InputError(user, f"the password must have at least {MIN_PASSWORD} characters")
    if not name.strip():
        raise InputError(user, "--name must not be empty")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_name(path.name + ".lock"), "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            doc = tomlkit.parse(path.read_text(encoding="utf-8")) if path.exists() else tomlkit.document()
        except (tomlkit.exceptions.ParseError, UnicodeDecodeError) as e:
            raise InputError(path, f"not a readable TOML file ({e}); nothing was changed") from None
        section = doc.setdefault(SECTION, tomlkit.table())
        editors = section.setdefault("editors", tomlkit.table())
        entry = tomlkit.table()
        entry["name"] = name.strip()
        entry["hash"] = _hasher.hash(password)
        editors[user] = entry
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(tomlkit.dumps(doc))
            os.chmod(tmp, 0o600)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
