"""Who may edit: editors from the secrets, argon2 passwords, identities from a provider."""

from __future__ import annotations

import os
import tomllib

import pytest

from dashboard import auth
from dashboard.errors import InputError


def _cfg(path):
    return auth.config(tomllib.loads(path.read_text(encoding="utf-8")))


def test_editing_is_off_without_editors():
    assert not auth.config({}).editing
    assert not auth.config({"auth": {"redirect_uri": "http://x/oauth2callback"}}).editing  # a provider, no editor listed


def test_an_added_editor_signs_in_with_the_password_only(tmp_path):
    secrets = tmp_path / "secrets.toml"
    auth.add_editor(secrets, "yamada", "山田 花子", "correct horse battery")
    cfg = _cfg(secrets)
    assert cfg.editing
    assert auth.check_password(cfg, "yamada", "correct horse battery") == auth.Editor("yamada", "山田 花子", "password")
    assert auth.check_password(cfg, "yamada", "wrong password!!") is None
    assert auth.check_password(cfg, "nobody", "correct horse battery") is None
    assert "correct horse" not in secrets.read_text(encoding="utf-8")  # only the hash is stored
    assert os.stat(secrets).st_mode & 0o077 == 0


def test_adding_an_editor_keeps_the_rest_of_the_secrets_file(tmp_path):
    secrets = tmp_path / "secrets.toml"
    secrets.write_text('# our provider\n[auth]\nredirect_uri = "http://localhost:8501/oauth2callback"\n'
                       'cookie_secret = "s"\n', encoding="utf-8")
    auth.add_editor(secrets, "sato", "佐藤", "another long password")
    text = secrets.read_text(encoding="utf-8")
    assert text.startswith("# our provider\n[auth]") and "cookie_secret" in text
    auth.add_editor(secrets, "sato", "佐藤 一郎", "a changed long password")
    cfg = _cfg(secrets)
    assert cfg.accounts["sato"][0] == "佐藤 一郎"
    assert auth.check_password(cfg, "sato", "another long password") is None


@pytest.mark.parametrize(
    ("user", "name", "password", "message"),
    [
        ("a b", "A", "long enough pw", "user name"),
        ("ok", "A", "short", "at least"),
        ("ok", " ", "long enough pw", "--name"),
    ],
)
def test_bad_editor_accounts_are_refused_and_nothing_is_written(tmp_path, user, name, password, message):
    secrets = tmp_path / "secrets.toml"
    with pytest.raises(InputError, match=message):
        auth.add_editor(secrets, user, name, password)
    assert not secrets.exists()


def test_a_broken_secrets_file_is_not_overwritten(tmp_path):
    secrets = tmp_path / "secrets.toml"
    secrets.write_text("[careplan\nbroken", encoding="utf-8")
    with pytest.raises(InputError, match="nothing was changed"):
        auth.add_editor(secrets, "yamada", "山田", "correct horse battery")
    assert secrets.read_text(encoding="utf-8") == "[careplan\nbroken"


def test_a_provider_identity_edits_only_when_its_address_is_listed():
    cfg = auth.config({"auth": {"redirect_uri": "http://x/oauth2callback", "cookie_secret": "s"},
                       "careplan": {"editor_emails": ["Planner@City.example.jp"]}})
    assert cfg.editing
    assert auth.oidc_editor(cfg, "planner@city.example.jp", "計画 担当") == auth.Editor(
        "planner@city.example.jp", "計画 担当", "oidc")
    assert auth.oidc_editor(cfg, "someone@else.example", "x") is None
    assert auth.oidc_editor(cfg, None, None) is None


def test_malformed_accounts_are_not_trusted():
    cfg = auth.config({"careplan": {"editors": {"x": {"name": "X", "hash": "plain"}, "bad name": {"hash": "$argon2id$"}}}})
    assert not cfg.editing
