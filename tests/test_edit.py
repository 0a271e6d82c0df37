"""Planners' corrections in the app: sign-in, the detail's form, the review view (AppTest and Chromium)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from streamlit.testing.v1 import AppTest

from dashboard import auth
from dashboard.corrections import HEADER

from .apptest import new_session, page_text
from .conftest import ROOT

PASSWORD = "correct horse battery"
NAME = "山田 花子"
FORM = "fix-shiroi-2019-6-3-5-2019"  # the form of measure 6-3-5 (data set shiroi-2019), fiscal year 2019
DETAIL = {"view": "measures", "measure": "6-3-5"}


@pytest.fixture(scope="module")
def hashed() -> str:
    return PasswordHasher().hash(PASSWORD)


@pytest.fixture
def files(tmp_path):
    """A copy of the bundled tables and an empty corrections file's path, for the app to use."""
    data = tmp_path / "n"
    shutil.copytree(ROOT / "data" / "normalized", data)
    overrides = tmp_path / "corrections.csv"
    os.environ["CAREPLAN_DATA"], os.environ["CAREPLAN_OVERRIDES"] = str(data), str(overrides)
    yield data, overrides
    os.environ.pop("CAREPLAN_DATA", None)
    os.environ.pop("CAREPLAN_OVERRIDES", None)


def editors(hashed: str) -> dict:
    return {"careplan": {"editors": {"yamada": {"name": NAME, "hash": hashed}}}}


def session(secrets: dict | None = None, params: dict | None = None, user: dict | None = None) -> AppTest:
    return new_session(params, secrets, user)


texts = page_text


def button(at: AppTest, label: str):
    return next(b for b in at.button if b.label == label)


def sign_in(at: AppTest, user: str = "yamada", password: str = PASSWORD) -> AppTest:
    at.text_input(key="signin-user").input(user)
    at.text_input(key="signin-password").input(password)
    button(at, "サインイン").click().run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def submit(at: AppTest, action: str, reason: str, status: str | None = None, form: str = FORM) -> AppTest:
    at.radio(key=f"{form}-action").set_value(action)
    if status:
        at.selectbox(key=f"{form}-status").set_value(status)
    at.text_area(key=f"{form}-reason").input(reason)
    at.button(key=f"FormSubmitter:{form}-記録する").click().run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def rows(path: Path) -> list[dict]:
    import csv

    if not path.exists():
        return []
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def status_2019(at: AppTest) -> str:
    return next(m.value for m in at.markdown if m.value.startswith("2019年度:"))


# --- no editors, signing in ------------------------------------------------------------------------------


def test_without_editors_there_is_no_sign_in_and_no_form(files):
    """With no editor configured an anonymous session sees neither a sign-in nor a correction form."""
    at = session(params=DETAIL)
    assert "編集者のサインイン" not in texts(at)
    assert not [t for t in at.text_input if t.key in ("signin-user", "signin-password")]
    assert not [r for r in at.radio if r.key.startswith("fix-")] and "確認・訂正" not in texts(at)


def test_anonymous_session_with_editors_sees_the_sign_in_but_no_form(files, hashed):
    """Editors configured: the sidebar offers a sign-in (password masked); the detail offers no form yet."""
    at = session(editors(hashed), DETAIL)
    assert "編集者のサインイン" in texts(at)
    assert at.text_input(key="signin-password").proto.type == at.text_input(key="signin-password").proto.PASSWORD
    assert not [r for r in at.radio if r.key.startswith("fix-")]


def test_a_local_editor_signs_in_and_the_sidebar_says_who(files, hashed):
    """The right password signs the session in: the sidebar names the editor and offers a sign-out."""
    at = sign_in(session(editors(hashed), DETAIL))
    assert f"編集者: **{NAME}**" in texts(at) and "yamada" in [t.value for t in at.text]
    assert at.radio(key=f"{FORM}-action").options == ["確認（自動判定は正しい）", "訂正"]
    button(at, "サインアウト").click().run()
    assert "編集者: " not in texts(at) and not [r for r in at.radio if r.key.startswith("fix-")]


def test_a_wrong_password_does_not_sign_in(files, hashed):
    """A wrong password (or an unknown user) leaves the session anonymous, with an error."""
    at = sign_in(session(editors(hashed), DETAIL), password="not the password")
    assert "ユーザー名またはパスワードが違います。" in texts(at)
    assert "編集者: " not in texts(at) and not [r for r in at.radio if r.key.startswith("fix-")]
    at = sign_in(at, user="nobody")
    assert "編集者: " not in texts(at)


def test_failed_sign_ins_in_a_row_slow_down(files, hashed, monkeypatch):
    """After three failures in a row each further try waits, longer each time."""
    from dashboard.views import signin

    waits = []
    monkeypatch.setattr(signin, "_sleep", waits.append)
    at = session(editors(hashed), DETAIL)
    for _ in range(5):
        at = sign_in(at, user="slowpoke", password="wrong password")
    assert waits == [signin.DELAY, signin.DELAY * 2]


def test_a_provider_identity_edits_when_its_address_is_listed(files):
    """st.user from the provider, e-mail listed: signed in as that editor, the form shown."""
    secrets = {"auth": {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "x" * 32,
                        "client_id": "careplan", "client_secret": "s",
                        "server_metadata_url": "http://localhost:1/.well-known/openid-configuration"},
               "careplan": {"editor_emails": ["planner@city.example.jp"]}}
    at = session(secrets, DETAIL, user={"is_logged_in": True, "email": "Planner@City.example.jp", "name": "計画 担当"})
    assert "編集者: **計画 担当**" in texts(at) and "planner@city.example.jp" in [t.value for t in at.text]
    assert [r for r in at.radio if r.key == f"{FORM}-action"]
    at = session(secrets, DETAIL, user={"is_logged_in": True, "email": "someone@else.example", "name": "x"})
    assert "編集者として登録されていません" in texts(at) and not [r for r in at.radio if r.key.startswith("fix-")]
    at = session(secrets, DETAIL, user={"is_logged_in": False})
    assert "組織のアカウントでサインイン" in [b.label for b in at.button]


# --- the form ---------------------------------------------------------------------------------------------


def test_a_correction_is_recorded_with_the_signed_in_editors_name(files, hashed):
    """Correct 6-3-5 2019 to 未達成 with a reason: one entry, by the editor, and the detail shows it."""
    _, overrides = files
    at = sign_in(session(editors(hashed), DETAIL))
    assert "一部達成" in status_2019(at) and "済み" not in status_2019(at)
    at = submit(at, "correct", "ポイント交付は未実施", status="not_achieved")
    entries = rows(overrides)
    assert len(entries) == 1
    assert entries[0] | {"recorded_at": ""} == {
        "recorded_at": "", "municipality": "白井市", "measure_id": "6-3-5", "fiscal_year": "2019", "action": "correct",
        "status": "not_achieved", "automatic_status": "partial", "reason": "ポイント交付は未実施", "by": NAME}
    assert ":red-badge[✗ 未達成] :gray[訂正済み]" in status_2019(at)
    assert "2019年度の状況を訂正として記録しました（未達成）。" in texts(at)


def test_another_session_sees_the_correction_without_a_restart(files, hashed):
    """A second session (anonymous) opened after the correction shows the corrected status."""
    first = sign_in(session(editors(hashed), DETAIL))
    other = session(editors(hashed), DETAIL)  # open before the correction
    assert "済み" not in status_2019(other)
    submit(first, "correct", "ポイント交付は未実施", status="not_achieved")
    other.run()
    assert ":red-badge[✗ 未達成] :gray[訂正済み]" in status_2019(other)
    assert "ポイント交付は未実施" in texts(other)
    fresh = session(editors(hashed), DETAIL)
    assert ":red-badge[✗ 未達成] :gray[訂正済み]" in status_2019(fresh)


def test_a_confirmation_keeps_the_automatic_status(files, hashed):
    """確認 records the automatic status as confirmed (action confirm)."""
    _, overrides = files
    at = submit(sign_in(session(editors(hashed), DETAIL)), "confirm", "報告どおり")
    assert [(r["action"], r["status"], r["by"]) for r in rows(overrides)] == [("confirm", "partial", NAME)]
    assert ":orange-badge[◐ 一部達成] :gray[確認済み]" in status_2019(at)


def test_withdrawing_returns_to_the_automatic_status(files, hashed):
    """取り下げ (offered once a correction is in force) brings the automatic status back; history lists both."""
    _, overrides = files
    at = submit(sign_in(session(editors(hashed), DETAIL)), "correct", "ポイント交付は未実施", status="not_achieved")
    assert "取り下げ（自動判定に戻す）" in at.radio(key=f"{FORM}-action").options
    # after a correction the form starts again from 確認 and the automatic status (what 確認 records)
    assert at.radio(key=f"{FORM}-action").value == "confirm" and at.selectbox(key=f"{FORM}-status").value == "partial"
    at = submit(at, "withdraw", "報告を読み直した")
    assert [r["action"] for r in rows(overrides)] == ["correct", "withdraw"]
    assert "済み" not in status_2019(at) and "一部達成" in status_2019(at)
    # the form starts again from 確認 and the automatic status, now in force again
    assert at.radio(key=f"{FORM}-action").value == "confirm" and at.selectbox(key=f"{FORM}-status").value == "partial"
    history = next(d.value for d in at.dataframe if "操作" in d.value.columns)
    assert list(history["操作"]) == ["訂正", "取り下げ"]
    assert list(history["変更"]) == ["一部達成 → 未達成", "未達成 → 一部達成"]
    assert list(history["担当"]) == [NAME, NAME] and list(history["理由"]) == ["ポイント交付は未実施", "報告を読み直した"]


def test_an_empty_reason_is_an_error_and_nothing_is_written(files, hashed):
    """No reason: st.error with the message, the file not created."""
    _, overrides = files
    at = submit(sign_in(session(editors(hashed), DETAIL)), "correct", "   ", status="not_achieved")
    errors = [e.value.replace("\\", "") for e in at.error]
    assert any("記録できませんでした: 理由: 理由が空です。確認・訂正の理由を書いてください。" in e for e in errors), errors
    assert not any("is empty" in e for e in errors)  # the message in the UI's language, not the command's
    assert not overrides.exists()
    assert "済み" not in status_2019(at)


def test_the_forms_errors_read_in_english_in_the_english_ui(files, hashed):
    _, overrides = files
    at = sign_in(session(editors(hashed), DETAIL))
    at.radio(key="lang").set_value("en").run()
    at.radio(key=f"{FORM}-action").set_value("withdraw") if "withdraw" in at.radio(key=f"{FORM}-action").options \
        else at.radio(key=f"{FORM}-action").set_value("correct")
    at.text_area(key=f"{FORM}-reason").input("")
    at.button(key=f"FormSubmitter:{FORM}-Record").click().run()
    errors = [e.value.replace("\\", "") for e in at.error]
    assert any("Not recorded: reason: is empty: say why." in e for e in errors), errors
    assert not overrides.exists()


def test_every_entry_error_has_a_message_in_every_language_and_the_command_keeps_its_own():
    """new_entry's refusals: each names a code with a text per language (the app); the command line's
    English one-line message is unchanged."""
    from dashboard import corrections, i18n
    from dashboard.views.correction import entry_error


    cases = [
        (corrections.EntryError("--reason", "is empty; say why", "reason"), "理由: 理由が空です。"),
        (corrections.EntryError("--year", "measure 6-3-5 has no fiscal year 2030 (years: 2018, 2019)", "year",
                                measure="6-3-5", year=2030, years="2018, 2019"),
         "年度: 取組み 6-3-5 に2030年度はありません（ある年度: 2018, 2019）。"),
    ]
    for error, ja in cases:
        assert entry_error(error, "ja").startswith(ja)
        assert "reason" not in entry_error(error, "ja") and str(error).startswith(error.field + ": ")
    codes = {"municipality", "measure", "year", "reason", "withdraw", "status"}
    for lang in i18n.LANGS:
        for code in codes:
            assert i18n.TEXT[lang][f"entry_error_{code}"]
    source = (ROOT / "dashboard" / "corrections.py").read_text(encoding="utf-8")
    assert source.count("raise EntryError(") == len(codes)
    assert all(f'"{code}"' in source for code in codes)


def test_an_unknown_status_is_refused_by_the_write_and_nothing_is_written(files, hashed):
    """The write checks the status as the command does: an unknown word raises, the file unchanged."""
    _, overrides = files
    overrides.write_text(",".join(HEADER) + "\n", encoding="utf-8")
    before = overrides.read_bytes()

    def script():
        import streamlit as st

        from dashboard import auth, corrections
        from dashboard.views import correction, signin

        st.session_state[signin.EDITOR_KEY] = auth.Editor("yamada", "x", "password")
        try:
            correction.save(measure_id="6-3-5", fiscal_year=2019, action="correct", status="finished", reason="x")
        except corrections.EntryError as e:
            st.text(f"refused: {e}")

    at = AppTest.from_function(script, default_timeout=60)
    at.secrets["careplan"] = editors(hashed)["careplan"]
    at.run()
    assert at.text[0].value.startswith("refused: --status: unknown status 'finished'")
    assert overrides.read_bytes() == before


def test_the_write_refuses_a_session_that_is_not_signed_in(files, hashed):
    """correction.save from a session without an editor raises NotSignedIn and writes nothing."""
    _, overrides = files

    def script():
        import streamlit as st

        from dashboard.views import correction

        try:
            correction.save(measure_id="6-3-5", fiscal_year=2019, action="correct", status="not_achieved",
                            reason="ポイント交付は未実施")
            st.text("written")
        except correction.NotSignedIn:
            st.text("refused")

    at = AppTest.from_function(script, default_timeout=60)
    at.secrets["careplan"] = editors(hashed)["careplan"]
    at.run()
    assert [t.value for t in at.text] == ["refused"]
    assert not overrides.exists()


def test_the_write_refuses_outside_any_session(files):
    """Called from plain Python (no session, no secrets): refused, nothing written."""
    from dashboard.views import correction

    _, overrides = files
    with pytest.raises(correction.NotSignedIn):
        correction.save(measure_id="6-3-5", fiscal_year=2019, action="correct", status="not_achieved", reason="x")
    assert not overrides.exists()


def test_a_removed_account_loses_the_right_to_edit(files, hashed):
    """An editor whose account is taken out of the secrets is no longer signed in at the next run."""
    at = sign_in(session(editors(hashed), DETAIL))
    assert [r for r in at.radio if r.key == f"{FORM}-action"]
    at.secrets["careplan"] = {"editors": {}, "editor_emails": ["x@example.jp"]}
    at.secrets["auth"] = {"redirect_uri": "http://localhost:8501/oauth2callback"}
    at.run()
    assert not [r for r in at.radio if r.key.startswith("fix-")] and "編集者: " not in texts(at)


def test_add_editor_account_signs_in(files, tmp_path):
    """An account made by `add-editor` (auth.add_editor) signs in with the secrets file it wrote."""
    import tomllib

    secrets = tmp_path / "secrets.toml"
    auth.add_editor(secrets, "sato", "佐藤 一郎", "another long password")
    at = sign_in(session(tomllib.loads(secrets.read_text(encoding="utf-8")), DETAIL), "sato", "another long password")
    assert "編集者: **佐藤 一郎**" in texts(at) and "sato" in [t.value for t in at.text]


def test_history_gives_each_entry_the_status_before_and_after_it():
    """corrections.history: oldest first; a correction moves from the status in force, a withdrawal back."""
    from datetime import datetime, timezone

    from dashboard.corrections import Entry, history

    def entry(minute, action, status, by):
        return Entry(datetime(2026, 11, 27, 10, minute, tzinfo=timezone.utc), "白井市", "6-3-5", 2019, action, status,
                     "partial", "r", by)

    entries = [entry(3, "withdraw", None, "c"), entry(1, "confirm", "partial", "a"),
               entry(2, "correct", "not_achieved", "b"), entry(4, "correct", "achieved", "d")]
    steps = history(entries + [Entry(entries[0].recorded_at, "白井市", "6-3-5", 2018, "confirm", "target_only",
                                     "target_only", "r", "x")], "白井市", "6-3-5", 2019)
    assert [(s.entry.by, s.before, s.after) for s in steps] == [
        ("a", "partial", "partial"), ("b", "partial", "not_achieved"), ("c", "not_achieved", "partial"),
        ("d", "partial", "achieved")]


# --- review ----------------------------------------------------------------------------------------------


def test_the_review_view_lists_unclear_low_confidence_and_stale_rows_and_links_to_the_detail(files):
    """view=review: the unclear and low-confidence statuses, a stale correction, each opening its detail."""
    _, overrides = files
    overrides.write_text(",".join(HEADER) + "\n"
                         "2026-11-20T10:00:00+09:00,,1-1-1,2019,correct,unclear,achieved,読み取れない,高齢者支援課\n"
                         "2026-11-20T10:00:00+09:00,,6-3-5,2019,confirm,achieved,achieved,確認,高齢者支援課\n",
                         encoding="utf-8")
    at = session(params={"view": "review"})
    body = texts(at)
    assert "見直し候補: 判定できないもの・確度の低い「達成」（3件）" in body and "訂正の見直し（1件）" in body
    cards = [m.value for m in at.markdown if "要確認（判定できない）" in m.value or "確度が低い" in m.value]
    assert len(cards) == 3 and "1\\-①" in cards[0]
    stale = next(m.value for m in at.markdown if "確認時の自動判定" in m.value)
    assert "3\\-⑤" in stale and "✓ 達成] → 現在: :orange-badge[◐ 一部達成]" in stale
    at.button(key="rs-shiroi-2019-6-3-5-open").click().run()
    assert at.query_params["view"] in ("measures", ["measures"]) and at.query_params["measure"] in ("6-3-5", ["6-3-5"])
    assert "自動判定が変わりました" in texts(at)


def test_the_review_view_honours_the_filters(files):
    """A domain filter keeps only that domain's rows."""
    at = session(params={"view": "review", "domain": "生活支援"})
    assert "見直し候補: 判定できないもの・確度の低い「達成」（0件）" in texts(at)
    at = session(params={"view": "review", "domain": "保健・福祉"})
    assert "見直し候補: 判定できないもの・確度の低い「達成」（1件）" in texts(at)
    assert [b.key for b in at.button if b.key and b.key.startswith("rv-")] == ["rv-shiroi-2019-3-5-1-open"]


def test_the_overview_counts_what_waits_for_review_and_links_there(files):
    """The overview says 見直し候補（判定できないもの・確度の低い「達成」） N件 · 訂正の見直し M件; its button opens
    view=review."""
    at = session()
    assert "見直し候補（判定できないもの・確度の低い「達成」） 2件 · 訂正の見直し 0件" in texts(at)
    button(at, "確認する").click().run()
    assert at.query_params["view"] in ("review", ["review"])
    assert "見直し候補: 判定できないもの・確度の低い「達成」（2件）" in texts(at)


def test_a_confirmed_low_confidence_status_leaves_the_review_list(files, hashed):
    """Once a planner confirms a low-confidence 達成, it is no longer listed for review."""
    at = session(params={"view": "review"})
    first = next(b.key for b in at.button if b.key and b.key.startswith("rv-"))
    measure = first.split("-", 3)[3].removesuffix("-open")  # rv-<source>-<measure>-open
    at = sign_in(session(editors(hashed), {"view": "measures", "measure": measure}))
    submit(at, "confirm", "報告を確認した", form=f"fix-shiroi-2019-{measure}-2019")
    assert "見直し候補: 判定できないもの・確度の低い「達成」（1件）" in texts(session(params={"view": "review"}))


# --- Chromium: an identity provider end to end ------------------------------------------------------------

EDITOR_EMAIL = "planner@city.example.jp"


@pytest.fixture
def oidc_app(tmp_path):
    """The app served with a secrets file naming a local OpenID provider (oidc-provider-mock) and one
    editor address; yields (app url, corrections file)."""
    from oidc_provider_mock import User, run_server_in_thread

    from .conftest import ARTIFACTS, _free_port, start_server

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    data = tmp_path / "n"
    shutil.copytree(ROOT / "data" / "normalized", data)
    overrides = tmp_path / "corrections.csv"
    users = [User(sub=EDITOR_EMAIL, claims={"email": EDITOR_EMAIL, "name": "計画 担当"})]
    with run_server_in_thread(user_claims=users) as provider:
        port = _free_port()
        secrets = tmp_path / "secrets.toml"
        secrets.write_text(
            "[auth]\n"
            f'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
            f'cookie_secret = "{"c" * 40}"\n'
            'client_id = "careplan-dashboard"\n'
            'client_secret = "not-a-real-secret"\n'
            f'server_metadata_url = "http://localhost:{provider.server_port}/.well-known/openid-configuration"\n'
            "\n[careplan]\n"
            f'editor_emails = ["{EDITOR_EMAIL}"]\n', encoding="utf-8")
        proc, url, log = start_server(data, overrides, args=("--secrets.files", str(secrets)), port=port)
        try:
            yield url, overrides
        finally:
            proc.terminate()
            proc.wait(timeout=20)
            log.close()


@pytest.mark.browser
def test_sign_in_with_the_provider_correct_a_status_and_see_it_from_another_browser(browser, oidc_app):
    """st.login against a local OpenID provider: sign in, correct 6-3-5 2019 in the detail's form, and a
    second browser (another context, not signed in) shows the corrected status without a restart."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import expect

    from .test_browser import ready, shot

    url, overrides = oidc_app
    detail = url + "/?view=measures&measure=6-3-5&year=2019"
    editor = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="ja-JP")
    viewer = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="ja-JP")
    for context in (editor, viewer):
        context.route("https://cdn.jsdelivr.net/**", lambda route: route.abort())  # the provider's stylesheet
    try:
        page = editor.new_page()
        page.goto(detail)
        ready(page)
        sidebar = page.get_by_test_id("stSidebar")
        expect(sidebar.get_by_text("編集者のサインイン")).to_be_visible()
        expect(page.get_by_text("2019年度の状況を確認・訂正")).to_have_count(0)
        sidebar.get_by_role("button", name="組織のアカウントでサインイン").click()
        page.wait_for_url("**/oauth2/authorize**", timeout=30000)
        page.locator("input[name=sub]").first.fill(EDITOR_EMAIL)
        page.get_by_role("button", name="Authorize").first.click()
        page.wait_for_url(url + "/**", timeout=30000)
        ready(page)
        expect(page.get_by_test_id("stSidebar")).to_contain_text("編集者: 計画 担当")
        expect(page.get_by_test_id("stSidebar")).to_contain_text(EDITOR_EMAIL)
        page.goto(detail)
        ready(page)

        other = viewer.new_page()
        other.goto(detail)
        ready(other)
        expect(other.get_by_test_id("stSidebar").get_by_role("button", name="組織のアカウントでサインイン")).to_be_visible()
        expect(other.locator(".st-key-measure-detail")).not_to_contain_text("訂正済み")

        page.get_by_text("2019年度の状況を確認・訂正").click()
        form = page.locator("[data-testid=stForm]").filter(has_text="訂正後の状況")
        form.get_by_text("訂正", exact=True).click()
        ready(page)
        for attempt in range(4):  # the list may be redrawn while it opens: open it again and pick once it is still
            form.get_by_test_id("stSelectbox").click()
            try:
                page.get_by_role("option", name="✗ 未達成").click(timeout=5000)
                break
            except PlaywrightTimeout:
                page.keyboard.press("Escape")
                ready(page)
        form.locator("textarea").fill("ポイント交付は未実施")
        form.get_by_role("button", name="記録する").click()
        ready(page)
        expect(page.get_by_test_id("stAlertContentSuccess")).to_contain_text("2019年度の状況を訂正として記録しました（未達成）")
        expect(page.locator(".st-key-measure-detail")).to_contain_text("訂正済み")
        shot(page, "edit-oidc-corrected")

        with overrides.open(encoding="utf-8-sig") as f:
            lines = f.read().splitlines()
        assert len(lines) == 2 and lines[1].endswith(",6-3-5,2019,correct,not_achieved,partial,ポイント交付は未実施,計画 担当")

        other.reload()
        ready(other)
        expect(other.locator(".st-key-measure-detail")).to_contain_text("訂正済み")
        expect(other.locator(".st-key-measure-detail")).to_contain_text("ポイント交付は未実施")
        expect(other.get_by_text("2019年度の状況を確認・訂正")).to_have_count(0)  # the viewer has no form
    finally:
        editor.close()
        viewer.close()
