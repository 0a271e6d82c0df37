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


@pytest.mark.parametrize("param", ["year", "domain", "status", "measure", "lang", "view", "q", "municipality"])
def test_every_url_parameter_is_documented(param):
    assert f"`{param}`" in README


@pytest.mark.parametrize("word", STATUSES)
def test_every_status_word_is_documented(word):
    assert f"`{word}`" in README


@pytest.mark.parametrize("target", re.findall(r"^([a-z]+):", (ROOT / "Makefile").read_text(), re.M))
def test_every_make_target_is_documented(target):
    assert f"make {target}" in README


def test_the_product_never_points_outside_the_repository():
    """No contract, no ../shared: a user who clones the project has neither."""
    for path in [ROOT / "README.md", *sorted((ROOT / "dashboard").rglob("*.py"))]:
        text = path.read_text(encoding="utf-8")
        assert "../shared" not in text and "CONTRACT" not in text and "contract" not in text.lower(), path


def test_every_ui_text_has_one_cell_per_language():
    """dashboard/ui_text.csv: a text holding a comma is quoted, so no language's text is cut short."""
    import csv

    rows = list(csv.reader((ROOT / "dashboard" / "ui_text.csv").open(encoding="utf-8", newline="")))
    assert [r[0] for r in rows if len(r) != len(rows[0])] == []
    assert len({r[0] for r in rows}) == len(rows)  # one row per key
