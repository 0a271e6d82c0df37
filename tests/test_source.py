"""Every form a user's file arrives in, every bad input, and random damage: a clear line, never a traceback."""

from __future__ import annotations

import codecs
import io
import os
import shutil

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard.cli import main
from dashboard.errors import InputError
from dashboard.normalize import normalize
from dashboard.source import MAX_CELLS, MAX_ROWS, read_source

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


@pytest.mark.slow  # long: in `make test`, not in `make check`
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


# Hostile files: each is read or refused in seconds and bounded memory, whatever it declares.

SHEET = "xl/worksheets/sheet1.xml"
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _with_parts(path, base, parts: dict, compresslevel=6) -> None:
    """A copy of workbook `base` with some parts replaced: bytes, or an iterable of byte chunks (streamed)."""
    import zipfile

    with zipfile.ZipFile(base) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED,
                                                       compresslevel=compresslevel) as zout:
        names = [i.filename for i in zin.infolist()]
        for name in names + [n for n in parts if n not in names]:
            content = parts.get(name, None)
            if content is None:
                zout.writestr(name, zin.read(name))
            elif isinstance(content, bytes):
                zout.writestr(name, content)
            else:
                with zout.open(name, "w", force_zip64=True) as f:
                    for chunk in content:
                        f.write(chunk)


def _sheet(rows: str, dimension: str = "A1:H2") -> bytes:
    return (f'<worksheet xmlns="{MAIN_NS}"><dimension ref="{dimension}"/><sheetData>{rows}</sheetData>'
            "</worksheet>").encode()


@pytest.fixture(scope="module")
def small_book(tmp_path_factory):
    path = tmp_path_factory.mktemp("book") / "small.xlsx"
    openpyxl.Workbook().save(path)
    return path


@pytest.fixture(scope="module")
def seed_book(tmp_path_factory):
    path = tmp_path_factory.mktemp("book") / "seed.xlsx"
    _xlsx(path, SEED_TEXT)
    return path


def _seed_sheet(seed_book) -> bytes:
    import zipfile

    with zipfile.ZipFile(seed_book) as z:
        return z.read(SHEET)


def _dimension_bomb(path, seed_book, _small):
    """The seed, declaring A1:XFD1048576 and holding one formatted, empty cell in the sheet's last corner."""
    import re

    sheet = re.sub(rb"<dimension ref=\"[^\"]*\" ?/>", b'<dimension ref="A1:XFD1048576"/>', _seed_sheet(seed_book))
    sheet = sheet.replace(b"</sheetData>", b'<row r="1048576"><c r="XFD1048576" s="0"/></row></sheetData>')
    _with_parts(path, seed_book, {SHEET: sheet})


def _huge_cell(path, _seed, small_book):
    """A 300 MB cell, compressed to a few hundred kB."""
    def chunks():
        yield _sheet("")[:-len(b"</sheetData></worksheet>")] + b'<row r="1"><c r="A1" t="inlineStr"><is><t>'
        for _ in range(300):
            yield b"x" * 2**20
        yield b"</t></is></c></row></sheetData></worksheet>"
    _with_parts(path, small_book, {SHEET: chunks()}, compresslevel=1)


def _lying_zip(path, _seed, small_book):
    """A part that unpacks to 100 MB while the zip directory says 1 kB."""
    import struct

    def chunks():
        yield _sheet("")[:-len(b"</sheetData></worksheet>")]
        for _ in range(100):
            yield b" " * 2**20
        yield b"</sheetData></worksheet>"
    _with_parts(path, small_book, {SHEET: chunks()}, compresslevel=1)
    data = bytearray(path.read_bytes())
    name = SHEET.encode()
    central = data.index(b"PK\x01\x02")  # the zip directory's first entry
    while data[central + 46: central + 46 + len(name)] != name:
        central = data.index(b"PK\x01\x02", central + 4)
    if struct.unpack_from("<I", data, central + 24)[0] == 0xFFFFFFFF:  # zip64: the size is in the extra field
        n_len, x_len = struct.unpack_from("<HH", data, central + 28)
        extra = central + 46 + n_len
        struct.pack_into("<Q", data, extra + 4, 1024)
    else:
        struct.pack_into("<I", data, central + 24, 1024)
    path.write_bytes(bytes(data))


def _long_cell(path, _seed, small_book):
    _with_parts(path, small_book, {SHEET: _sheet(f'<row r="1"><c r="A1" t="inlineStr"><is><t>{"長" * 200_000}</t>'
                                                 "</is></c></row>")})


def _many_rows(path, _seed, small_book):
    _with_parts(path, small_book, {SHEET: _sheet("".join(f'<row r="{n}"><c r="A{n}"><v>{n}</v></c></row>'
                                                         for n in range(1, MAX_ROWS + 2)))})


def _far_column(path, _seed, small_book):
    _with_parts(path, small_book, {SHEET: _sheet('<row r="1"><c r="XFD1"><v>1</v></c></row>')})


def _many_cells(path, _seed, small_book):
    _with_parts(path, small_book, {SHEET: _sheet("".join(f'<row r="{n}">' + "<c/>" * 10_000 + "</row>"
                                                         for n in range(1, MAX_CELLS // 10_000 + 2)))})


_RELS = (b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
         b'worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId9" Type="http://schemas.'
         b'openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
         b"</Relationships>")


def _many_strings(path, _seed, small_book):
    strings = f'<sst xmlns="{MAIN_NS}">'.encode() + b"<si><t>a</t></si>" * (MAX_CELLS + 1) + b"</sst>"
    _with_parts(path, small_book, {"xl/sharedStrings.xml": strings, "xl/_rels/workbook.xml.rels": _RELS})


def _negative_string_index(path, _seed, small_book):
    strings = f'<sst xmlns="{MAIN_NS}"><si><t>a</t></si></sst>'.encode()
    _with_parts(path, small_book, {"xl/sharedStrings.xml": strings, "xl/_rels/workbook.xml.rels": _RELS,
                                   SHEET: _sheet('<row r="1"><c r="A1" t="s"><v>-1</v></c></row>')})


def _many_elements(path, _seed, small_book):
    cols = "<cols>" + "<col/>" * 1_100_000 + "</cols>"
    _with_parts(path, small_book, {SHEET: f'<worksheet xmlns="{MAIN_NS}">{cols}<sheetData/></worksheet>'.encode()})


def _long_format_code(path, _seed, small_book):
    """One number format of 1 MB that 150,000 styles use."""
    styles = (f'<styleSheet xmlns="{MAIN_NS}"><numFmts count="1"><numFmt numFmtId="164" formatCode="{"0" * 2**20}"/>'
              '</numFmts><cellXfs>' + '<xf numFmtId="164"/>' * 150_000 + "</cellXfs></styleSheet>")
    _with_parts(path, small_book, {"xl/styles.xml": styles.encode()})


def _huge_row_number(path, _seed, small_book):
    _with_parts(path, small_book, {SHEET: _sheet('<row r="99999999999999999999"><c><v>1</v></c></row>')})


def _entity_bomb(path, _seed, small_book):
    lol = "".join(f'<!ENTITY l{k} "{"&l%d;" % (k - 1) * 10}">' for k in range(1, 10))
    sheet = (f'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY l0 "lol">{lol}]>'
             f'<worksheet xmlns="{MAIN_NS}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&l9;</t></is></c>'
             "</row></sheetData></worksheet>").encode()
    _with_parts(path, small_book, {SHEET: sheet})


def _text(body: bytes):
    return lambda path, _seed, _small: path.write_bytes(b"a\tb\tc\td\te\n" + body)


HOSTILE_FILES = {
    "dimension-bomb.xlsx": (_dimension_bomb, None),  # read: the declared size is not trusted
    "huge-cell.xlsx": (_huge_cell, "workbook unpacks to 300 MB"),
    "lying-zip.xlsx": (_lying_zip, "not a readable Excel workbook (BadZipFile)"),
    "long-cell.xlsx": (_long_cell, "cell A1 holds 200,000 characters"),
    "many-rows.xlsx": (_many_rows, f"more than {MAX_ROWS:,} rows"),
    "far-column.xlsx": (_far_column, "cell XFD1 is filled: more than 100 columns"),
    "many-cells.xlsx": (_many_cells, f"more than {MAX_CELLS:,} cells"),
    "many-strings.xlsx": (_many_strings, f"more than {MAX_CELLS:,} shared strings"),
    "entity-bomb.xlsx": (_entity_bomb, "not a readable Excel workbook (ParseError)"),
    "negative-string-index.xlsx": (_negative_string_index, "not a readable Excel workbook (IndexError)"),
    "huge-row-number.xlsx": (_huge_row_number, "not a readable Excel workbook (ValueError)"),
    "many-elements.xlsx": (_many_elements, "holds more than 1,000,000 XML elements"),
    "long-format-code.xlsx": (_long_format_code, "too few columns"),
    # Text files within the 20 MB limit
    "line-breaks.tsv": (_text(b"\n" * 19 * 2**20), f"more than {MAX_ROWS:,} lines"),
    "old-mac-breaks.tsv": (_text(b"\r" * 19 * 2**20), f"more than {MAX_ROWS:,} lines"),
    "tabs.tsv": (_text(b"\t" * 19 * 2**20 + b"x\n"), f"more than {MAX_CELLS:,} cells"),
    "wide.tsv": (_text(b"\t" * 200 + b"x\n"), "cell 201 of the row is filled: more than 100 columns"),
    "long-cell.tsv": (_text("長".encode() * 200_000 + b"\n"), "field larger than field limit (131072)"),
}

_MEASURE = """
import resource, sys, time
resource.setrlimit(resource.RLIMIT_AS, (4 * 2**30, 4 * 2**30))
from pathlib import Path
from dashboard.errors import InputError
from dashboard.source import MAX_CELLS, MAX_ROWS, read_source
start, cpu = time.perf_counter(), time.process_time()
try:
    read_source(Path(sys.argv[1]))
    said = "read"
except InputError as e:
    said = e.one_line()
peak = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM"))
print(f"{time.perf_counter() - start:.2f}", f"{time.process_time() - cpu:.2f}", peak // 1024, said,
      sep="\\t")  # (ru_maxrss would count the parent)
"""


HEAVY = {"many-elements.xlsx", "many-cells.xlsx", "many-strings.xlsx"}  # seconds each: in `make test` only


@pytest.mark.parametrize("name", [pytest.param(n, marks=pytest.mark.slow) if n in HEAVY else n
                                  for n in sorted(HOSTILE_FILES)])
def test_hostile_files_are_read_or_refused_in_seconds_and_bounded_memory(tmp_path, seed_book, small_book,
                                                                         name, capsys):
    import subprocess
    import sys

    from .conftest import ROOT

    make, message = HOSTILE_FILES[name]
    path = tmp_path / name
    make(path, seed_book, small_book)
    assert path.stat().st_size < 20 * 2**20
    done = subprocess.run([sys.executable, "-c", _MEASURE, str(path)], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    seconds, cpu, megabytes, said = done.stdout.strip().split("\t")
    sys.__stdout__.write(f"\n{name}: {seconds} s ({cpu} s CPU), {megabytes} MB: {said}\n")
    assert float(cpu) < 5 and float(seconds) < 30 and int(megabytes) < 200  # CPU: the machine may be busy
    if message is None:
        assert said == "read"
        return
    assert message in said and said.startswith(f"error: {path}")
    code = main(["normalize", str(path), "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 2 and err == said + "\n"
    assert not (tmp_path / "out").exists()


def test_a_declared_dimension_changes_nothing(tmp_path, seed_book, small_book, seed_content):
    import resource

    path = tmp_path / "bomb.xlsx"
    _dimension_bomb(path, seed_book, small_book)
    size = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmSize")) * 1024
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    resource.setrlimit(resource.RLIMIT_AS, (size + 2 * 2**30, hard))  # a regression fails, not the machine
    try:
        got = _tables(path)
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
    for table in seed_content:
        assert got[table] == seed_content[table], table


def _warnings(path) -> list[dict]:
    """The warnings the seed itself does not give."""
    rows = normalize([read_source(path)]).rows["repairs"]
    return [r for r in rows if r["level"] == "warning" and r["kind"] not in ("no_manifest_entry", "header_mismatch")]


def test_a_formula_without_a_saved_result_is_a_warning(tmp_path):
    path = tmp_path / "formula.xlsx"
    _xlsx(path, SEED_TEXT)
    book = openpyxl.load_workbook(path)
    book.active["E4"] = "=D4"  # openpyxl saves the formula without a result, as some tools do
    book.save(path)
    [warning] = _warnings(path)
    assert (warning["kind"], warning["source_line"], warning["column_no"]) == ("formula_without_value", 4, 5)
    assert "cell E4 holds a formula with no saved result (=D4)" in warning["message"]


@pytest.mark.parametrize("form", ["xlsx", "tsv"])
def test_a_cell_beyond_the_tables_columns_is_a_warning_not_dropped(tmp_path, form):
    lines = SEED_TEXT.split("\n")
    lines[4] += "\t余分なメモ"  # a 9th cell
    path = tmp_path / f"wide.{form}"
    if form == "xlsx":
        _xlsx(path, "\n".join(lines))
    else:
        path.write_text("\n".join(lines), encoding="utf-8")
    [warning] = _warnings(path)
    assert (warning["kind"], warning["source_line"], warning["column_no"]) == ("cell_outside_table", 5, 9)
    assert warning["before"] == "余分なメモ" and "beyond the header's 8 columns" in warning["message"]


@st.composite
def mangled_workbook(draw):
    """The seed as a workbook, its sheet's XML cut, repeated or overwritten here and there."""
    import zipfile

    with zipfile.ZipFile(io.BytesIO(SEED_BOOK)) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    name = draw(st.sampled_from(sorted(parts)))
    xml = bytearray(parts[name])
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(xml)))
        j = draw(st.integers(i, min(len(xml), i + 40)))
        action = draw(st.sampled_from(["cut", "repeat", "overwrite"]))
        if action == "cut":
            del xml[i:j]
        elif action == "repeat":
            xml[i:i] = xml[i:j] * draw(st.integers(1, 50))
        else:
            xml[i:j] = draw(st.binary(min_size=j - i, max_size=j - i))
    parts[name] = bytes(xml)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for part, data in parts.items():
            z.writestr(part, data)
    return out.getvalue()


def _seed_book_bytes() -> bytes:
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "seed.xlsx"
        _xlsx(path, SEED_TEXT)
        return path.read_bytes()


SEED_BOOK = _seed_book_bytes()


@pytest.mark.slow  # long: in `make test`, not in `make check`
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=mangled_workbook())
def test_mangled_workbooks_never_give_a_traceback_or_a_partial_write(tmp_path, previous, capsys, data):
    _run_on(tmp_path, data, previous, capsys)
