"""Safe settings: .streamlit/config.toml, no upload widget, no secrets in the repository."""

from __future__ import annotations

import subprocess
import tomllib

from .conftest import ROOT


def test_streamlit_settings_are_safe():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["enableXsrfProtection"] is True
    assert config["browser"]["gatherUsageStats"] is False
    assert config["client"]["disableDataExport"] is True  # its CSV leaves formulas live
    assert config["client"]["showErrorDetails"] == "none"  # details only in the server log


def test_make_run_binds_this_machine_only_unless_told():
    dry = subprocess.run(["make", "-n", "run"], cwd=ROOT, capture_output=True, text=True).stdout
    assert "--server.address 127.0.0.1" in dry
    dry = subprocess.run(["make", "-n", "run", "HOST=0.0.0.0"], cwd=ROOT, capture_output=True, text=True).stdout
    assert "--server.address 0.0.0.0" in dry


def test_no_upload_widget_and_no_secrets():
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True).stdout.split()
    assert not [f for f in tracked if f.endswith("secrets.toml") or f.endswith(".env")]
    code = "\n".join((ROOT / f).read_text(encoding="utf-8") for f in tracked
                     if f.startswith("dashboard/") and f.endswith(".py"))
    assert "file_uploader" not in code
    readers = [f for f in tracked if f.startswith("dashboard/") and f.endswith(".py")
               and "st.secrets" in (ROOT / f).read_text(encoding="utf-8")]
    assert set(readers) <= {"dashboard/views/signin.py"}  # only the sign-in reads the secrets
