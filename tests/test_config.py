"""Safe settings (.streamlit/config.toml, no upload widget, no secrets in the repository) and the
project's own reference tables, checked when read."""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
import tomllib

import pytest

from dashboard import i18n
from dashboard.errors import InputError

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


STATUS_TYPOS = [  # (what the line says instead, the start of the problem the error names)
    (("lagging", "true", "ture"), "lagging 'ture': true or false"),
    (("headline", "always", "allways"), "headline 'allways': one of always, plan, if_any"),
    (("status_order", "2", "two"), "status_order 'two': a whole number"),
    (("colour", "#E69F00", "E69F00"), "colour 'E69F00': #RRGGBB"),
    (("severity", "3", ""), "severity '': a lagging status needs a whole number"),
    (("status", "partial", "achieved"), "status 'achieved' is listed twice"),
]


@pytest.mark.parametrize("change,problem", STATUS_TYPOS, ids=[c[0][0] for c in STATUS_TYPOS])
def test_a_typo_in_the_status_word_table_names_file_line_and_problem(tmp_path, change, problem):
    """data/status_words.csv is read once and checked row by row; SQL loads it only after that check."""
    column, was, typo = change
    rows = list(csv.DictReader((ROOT / "data" / "status_words.csv").open(encoding="utf-8", newline="")))
    line = next(i for i, r in enumerate(rows) if r["status"] == "partial")
    assert rows[line][column] == was
    rows[line][column] = typo
    bad = tmp_path / "status_words.csv"
    with bad.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    with pytest.raises(InputError) as e:
        i18n.read_status_words(bad)
    assert e.value.one_line().startswith(f"error: {bad}:{line + 2}: {problem}")


def test_the_command_line_reports_a_broken_status_word_table_in_one_line(tmp_path):
    """Broken at load time (before any command runs): one line naming the project file and line, exit 2."""
    shutil.copytree(ROOT / "dashboard", tmp_path / "dashboard", ignore=shutil.ignore_patterns("__pycache__"))
    (tmp_path / "data").mkdir()
    text = (ROOT / "data" / "status_words.csv").read_text(encoding="utf-8")
    (tmp_path / "data" / "status_words.csv").write_text(text.replace(",always,達成", ",alway,達成"), encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "dashboard", "status"], cwd=tmp_path, capture_output=True,
                         text=True, env={**os.environ, "PYTHONPATH": str(tmp_path)})
    assert run.returncode == 2
    assert run.stderr == "error: data/status_words.csv:2: headline 'alway': one of always, plan, if_any\n"


@pytest.mark.parametrize("text,problem", [
    ("grade,reads_as\n順調,achieved\n遅れ,late\n", ":3: reads_as 'late': one of achieved, between, shortfall"),
    ("grade,reads_as\n順調,achieved\n順調,between\n", ":3: grade '順調' is listed twice"),
    ("grade,class\n順調,achieved\n", ":1: needs the columns grade, reads_as"),
])
def test_a_typo_in_the_grade_words_names_file_line_and_problem(tmp_path, text, problem):
    from dashboard.evaluate import _grades

    bad = tmp_path / "grade_words.csv"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as e:
        _grades(bad)
    assert e.value.one_line() == f"error: {bad}{problem}"
