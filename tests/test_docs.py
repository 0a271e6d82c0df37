"""The README is the product's reference: it names every command, query, view, repair kind, URL
parameter, status word and make target, and never points outside the repository."""

from __future__ import annotations

import re

import pytest

from dashboard import queries
from dashboard.cli import build_parser
from dashboard.i18n import STATUSES
from dashboard.views.registry import REGISTRY

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _commands() -> list[str]:
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    return list(sub.choices)


def _repair_kinds() -> set[str]:
    code = (ROOT / "dashboard" / "normalize.py").read_text(encoding="utf-8")
    return set(re.findall(r'repair\([^"]*"([a-z_]+)"', code, re.S))


@pytest.mark.parametrize("command", _commands())
def test_every_command_is_documented(command):
    assert f"`{command}" in README, f"README does not describe `python -m dashboard {command}`"


@pytest.mark.parametrize("name", sorted(queries.load()))
def test_every_query_file_is_named(name):
    assert name.split("/")[-1] in README, f"README does not name queries/{name}.sql"


@pytest.mark.parametrize("view", list(REGISTRY))
def test_every_view_is_documented(view):
    assert f"`{view}`" in README


@pytest.mark.parametrize("kind", sorted(_repair_kinds()))
def test_every_repair_kind_is_documented(kind):
    assert f"`{kind}`" in README


def _url_parameters() -> list[str]:
    """Every URL parameter: the view state's fields by their URL names (state.FIELD)."""
    from dataclasses import fields

    from dashboard.state import FIELD, ViewState

    by_field = {f: p for p, f in FIELD.items()}
    return [by_field.get(f.name, f.name) for f in fields(ViewState)]


@pytest.mark.parametrize("param", _url_parameters())
def test_every_url_parameter_is_documented(param):
    """A row of its own in the README's table of URL parameters."""
    assert f"\n| `{param}` |" in README


@pytest.mark.parametrize("word", STATUSES)
def test_every_status_word_is_documented(word):
    assert f"`{word}`" in README


@pytest.mark.parametrize("target", re.findall(r"^([a-z]+):", (ROOT / "Makefile").read_text(), re.M))
def test_every_make_target_is_documented(target):
    assert f"make {target}" in README


def test_the_product_never_points_outside_the_repository():
    """Every path the README and the code name leads into the repository: a user who clones the project
    has nothing beside it."""
    for path in [ROOT / "README.md", *sorted((ROOT / "dashboard").rglob("*.py"))]:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"(^|[\s`'\"(])\.\./", text), f"{path.name} names a path outside the repository"


def test_the_readme_names_only_files_that_exist():
    """A file or folder of the project the README names in backticks (data/…, queries/…, dashboard/…,
    tests/…, bench/…) exists, so the reference never sends a user to something they do not have."""
    named = set(re.findall(r"`((?:data|queries|dashboard|tests|bench)/[\w./-]*)`", README))
    made = [line.strip("/") for line in (ROOT / ".gitignore").read_text().splitlines() if "/" in line]
    generated = [n for n in named if any(n.startswith(m) for m in made)]  # written by the tests or make bench
    missing = [n for n in sorted(set(named) - set(generated))
               if "*" not in n and "<" not in n and not (ROOT / n).exists()]
    assert missing == []


@pytest.mark.parametrize("name", sorted(p.name for p in (ROOT / "data").glob("*.csv")))
def test_every_data_file_is_named(name):
    """Every file of data/ (rules, word lists, thresholds …) has its line in the README."""
    assert f"`data/{name}`" in README


def test_every_ui_text_has_one_cell_per_language():
    """dashboard/ui_text.csv: a text holding a comma is quoted, so no language's text is cut short."""
    import csv

    rows = list(csv.reader((ROOT / "dashboard" / "ui_text.csv").open(encoding="utf-8", newline="")))
    assert [r[0] for r in rows if len(r) != len(rows[0])] == []
    assert len({r[0] for r in rows}) == len(rows)  # one row per key
