"""Every form a user's file arrives in, every bad input, and random damage: a clear line, never a traceback."""

from __future__ import annotations

import codecs
import os
import shutil

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard.cli import main
from dashboard.errors import InputError
from dashboard.normalize import normalize
from dashboard.source import read_source

from .conftest import SEED, write_source

SEED_TEXT = SEED.read_text(encoding="utf-8")
CONTENT_TABLES = ("columns", "headers", "domains", "measures", "targets", "target_parts", "items")


def _tables(path):
    """The normalized content, without what names the file (source_id, the manifest warning)."""
    rows = normalize([read_source(path)]).rows

    def bare(table):
        return [{k: v for k, v in r.items() if k != "source_id"} for r in table]

    content = {name: bare(rows[name]) for name in CONTENT_TABLES}
    content["repairs"] = bare(r for r in rows["repairs"] if r["kind"] != "no_manifest_entry")
    return content


def _as_csv(text: str) -> str:
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for line in text.split("\n"):
        writer.writerow(line.split("\t") if line else [])
    return out.getvalue()


def _xlsx(path, text: str) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    for n, line in enumerate(text.split("\n"), start=1):
        for col, cell in enumerate(line.split("\t") if line else [], start=1):
            if cell:
                sheet.cell(row=n, column=col, value=int(cell) if cell.isdigit() else cell)
    book.save(path)


FORMS = {
    "utf8-bom.tsv": lambda p: p.write_bytes(codecs.BOM_UTF8 + SEED_TEXT.encode("utf-8")),
    "crlf.tsv": lambda p: p.write_bytes(SEED_TEXT.replace("\n", "\r\n").encode("utf-8")),
    "cp932.tsv": lambda p: p.write_bytes(SEED_TEXT.encode("cp932")),
    "utf16.txt": lambda p: p.write_bytes(SEED_TEXT.replace("\n", "\r\n").encode("utf-16")),  # Excel "Unicode text"
    "utf8.csv": lambda p: p.write_bytes(_as_csv(SEED_TEXT).encode("utf-8")),
    "sjis-crlf.csv": lambda p: p.write_bytes(_as_csv(SEED_TEXT).replace("\n", "\r\n").encode("cp932")),
    "seed.xlsx": lambda p: _xlsx(p, SEED_TEXT),
}


@pytest.fixture(scope="module")
def seed_content():
    return _tables(SEED)


@pytest.mark.parametrize("name", sorted(FORMS))
def test_every_form_gives_the_same_tables(tmp_path, seed_content, name):
    path = tmp_path / name
    FORMS[name](path)
    got = _tables(path)
    for table in seed_content:
        assert got[table] == seed_content[table], table


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.tsv", b"", "file is empty"),
        ("blank.tsv", b" \n\n\t\n", "file is empty"),
        ("image.tsv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary data, not a text table"),
        ("page.tsv", "<!DOCTYPE html>\n<html><body>進捗</body></html>".encode(), "an HTML or XML page, not a table"),
        ("narrow.tsv", "領域\t番号\n医療\t1-①\n".encode(), "too few columns"),
        ("latin.tsv", b"\x85\x40\x85\x40 not text", "not text in UTF-8, UTF-16 or Shift_JIS"),
        ("fake.xlsx", b"PK\x03\x04 not really a zip", "not a readable Excel workbook"),
    ],
)
def test_bad_files_are_refused_with_one_clear_reason(tmp_path, name, data, message):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError) as e:
        read_source(path)
    assert message in e.value.message and name in e.value.one_line()


def test_a_directory_is_refused(tmp_path):
    with pytest.raises(InputError, match="not a file"):
        read_source(tmp_path)


def test_a_huge_file_is_refused_before_it_is_read(tmp_path, monkeypatch):
    path = tmp_path / "huge.tsv"
    with path.open("wb") as f:
        f.truncate(25 * 1024 * 1024)  # sparse: nothing to read

    def no_reading(*_):
        raise AssertionError("read the file")

    monkeypatch.setattr(type(path), "read_bytes", no_reading)
    with pytest.raises(InputError, match="larger than 20 MB"):
        read_source(path)


def test_the_same_measure_twice_is_refused(tmp_path):
    body = "領域A\t1-①\t同じ\t目標\t\t\t●した。\t\n\t1-①\t同じ\t目標\t\t\t●した。\t\n"
    with pytest.raises(InputError, match=r"the same measure twice: 1-① \(also line 3\)"):
        normalize([read_source(write_source(tmp_path, body))])


def _snapshot(directory):
    return {p.name: p.read_bytes() for p in directory.iterdir()} if directory.exists() else None


@pytest.fixture(scope="module")
def previous(tmp_path_factory):
    out = tmp_path_factory.mktemp("prev") / "normalized"
    assert main(["normalize", "--out", str(out)]) == 0
    return out


def _run_on(tmp_path, data: bytes, previous, capsys):
    out = tmp_path / "normalized"
    if not out.exists():
        shutil.copytree(previous, out)
    before = _snapshot(out)
    src = tmp_path / "input.tsv"
    src.write_bytes(data)
    capsys.readouterr()
    code = main(["normalize", str(src), "--out", str(out)])
    err = capsys.readouterr().err
    assert code in (0, 2), err
    if code == 2:
        assert err.startswith("error: ") and err.count("\n") == 1 and "Traceback" not in err
        assert _snapshot(out) == before
    leftovers = [p for p in tmp_path.iterdir() if p.name.startswith(".normalized")]
    assert not leftovers


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=2000))
def test_random_bytes_never_give_a_traceback_or_a_partial_write(tmp_path, previous, capsys, data):
    _run_on(tmp_path, data, previous, capsys)


SEED_LINES = SEED_TEXT.split("\n")


@st.composite
def mangled_seed(draw):
    lines = list(SEED_LINES)
    for _ in range(draw(st.integers(1, 6))):
        i = draw(st.integers(0, len(lines) - 1))
        cells = lines[i].split("\t")
        action = draw(st.sampled_from(["drop_cell", "swap", "garble", "delete_line", "duplicate", "empty_cell"]))
        if action == "drop_cell" and cells:
            cells.pop(draw(st.integers(0, len(cells) - 1)))
        elif action == "swap" and len(cells) > 1:
            a, b = draw(st.integers(0, len(cells) - 1)), draw(st.integers(0, len(cells) - 1))
            cells[a], cells[b] = cells[b], cells[a]
        elif action == "garble" and cells:
            k = draw(st.integers(0, len(cells) - 1))
            cells[k] = draw(st.text(max_size=12))
        elif action == "empty_cell" and cells:
            cells[draw(st.integers(0, len(cells) - 1))] = ""
        elif action == "delete_line":
            lines.pop(i)
            continue
        elif action == "duplicate":
            lines.insert(i, lines[i])
        lines[i] = "\t".join(cells)
    return "\n".join(lines).encode("utf-8", errors="surrogatepass")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=mangled_seed())
def test_mangled_seed_rows_never_give_a_traceback_or_a_partial_write(tmp_path, previous, capsys, data):
    _run_on(tmp_path, data, previous, capsys)


def test_a_crash_half_way_leaves_the_earlier_tables_whole(tmp_path, previous, monkeypatch, capsys):
    import duckdb

    out = tmp_path / "normalized"
    shutil.copytree(previous, out)
    before = _snapshot(out)
    calls = []
    original = duckdb.DuckDBPyRelation.write_csv

    def crash_on_third(self, *args, **kwargs):
        calls.append(args)
        if len(calls) == 3:
            raise OSError("disk full")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(duckdb.DuckDBPyRelation, "write_csv", crash_on_third)
    assert main(["normalize", "--out", str(out)]) == 1
    assert capsys.readouterr().err.endswith(": disk full\n")
    assert _snapshot(out) == before
    assert [p.name for p in tmp_path.iterdir()] == ["normalized"]
    assert os.listdir(out)
