"""Reading source tables and the manifest in data/raw/ that describes them."""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import posixpath
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl.utils.datetime import MAC_EPOCH, WINDOWS_EPOCH, from_excel, from_ISO8601

from .errors import InputError, csv_rows

ROOT = Path(__file__).resolve().parent.parent
RAW_DIR = ROOT / "data" / "raw"
MANIFEST = "manifest.csv"
MAX_BYTES = 20 * 1024 * 1024  # a progress table is a few hundred kB at most
MIN_COLUMNS = 5  # domain, number, measure, a target, the report
MAX_CELL = 131_072  # characters in a cell: csv's field limit, which text files meet
# A workbook is read within the same bounds, whatever it declares: its parts unpacked, its rows, columns and
# cells counted as they are read.
MAX_UNPACKED = 2 * MAX_BYTES  # all parts together; each at most MAX_BYTES
MAX_PARTS = 10_000
MAX_ROWS = 20_000  # a progress table has a few hundred
MAX_COLUMNS = 100
EXCEL_ROWS = 1_048_576  # a row number beyond is a broken workbook
MAX_CELLS = 200_000  # cells (filled or only formatted), shared strings, styles
MAX_ELEMENTS = 1_000_000  # XML elements in one part of a workbook
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # C0 and C1 controls but tab, LF, CR


@dataclass
class Source:
    """One source file, its lines split into cells, and what the manifest says of it."""

    path: Path
    source_id: str
    sha256: str
    rows: list[tuple[int, list[str]]]  # (1-based line number, cells)
    manifest: dict[str, str] = field(default_factory=dict)
    warnings: list[tuple[int, int | None, str, str]] = field(default_factory=list)  # (line, column, kind, message)


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# The manifest's columns: these, and a municipality_<lang> per language (municipality_en); origin is optional.
MANIFEST_COLUMNS = ("file", "source_id", "municipality", "title", "plan_period", "report_year", "report_as_of", "sha256")
_MANIFEST_VALUES = {  # column → (pattern of a filled cell, what it must be)
    "plan_period": (re.compile(r"(\d{4})-(\d{4})"), "first and last fiscal year, YYYY-YYYY (2018-2020)"),
    "report_year": (re.compile(r"\d{4}"), "a fiscal year, YYYY (2019)"),
    "report_as_of": (re.compile(r"\d{4}-(0[1-9]|1[0-2])"), "a month, YYYY-MM (2020-01)"),
    "sha256": (re.compile(r"[0-9a-fA-F]{64}"), "64 hexadecimal digits (sha256sum of the file)"),
}
_MANIFEST_LANG = re.compile(r"municipality_[a-z]{2,3}(?:-[A-Za-z0-9]+)*")


def load_manifest(raw_dir: Path = RAW_DIR, required: bool = True) -> list[dict[str, str]]:
    """The manifest's entries, checked: its columns, one cell per column, and the form of each filled
    cell (InputError naming the line and column). No manifest: an error, or [] when not required."""
    path = raw_dir / MANIFEST
    if not path.is_file():
        if not required:
            return []
        raise InputError(path, "manifest not found; name source files on the command line instead")
    header, rows = csv_rows(path)
    for c in MANIFEST_COLUMNS:
        if c not in header:
            raise InputError(path, f"no column {c} (the columns are {', '.join(MANIFEST_COLUMNS)}, "
                                   "municipality_<lang> per language, origin)", 1)
    for c in header:
        if c not in (*MANIFEST_COLUMNS, "origin") and not _MANIFEST_LANG.fullmatch(c):
            raise InputError(path, f"column {c!r}: not a manifest column (the columns are {', '.join(MANIFEST_COLUMNS)}, "
                                   "municipality_<lang> per language: municipality_en, and origin)", 1)
        if header.count(c) > 1:
            raise InputError(path, f"column {c!r} is there twice", 1)
    entries = [dict(zip(header, cells)) for _, cells in rows]
    for (line, _), entry in zip(rows, entries):
        if not (entry.get("file") or "").strip():
            raise InputError(path, "manifest row has no file name", line)
        for column, (pattern, what) in _MANIFEST_VALUES.items():
            value = entry[column].strip()
            if value and not pattern.fullmatch(value):
                raise InputError(path, f"{column} {value!r}: {what}", line)
        period = _MANIFEST_VALUES["plan_period"][0].fullmatch(entry["plan_period"].strip())
        if period and int(period.group(1)) > int(period.group(2)):
            raise InputError(path, f"plan_period {entry['plan_period'].strip()!r}: the first year comes first", line)
        entry["sha256"] = entry["sha256"].strip().lower()
    return entries


def _decode(path: Path, data: bytes) -> str:
    """Text from UTF-8 (with or without BOM), UTF-16 with a BOM (Excel's "Unicode text") or CP932."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(path, "broken UTF-16 text") from None
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    if b"\x00" in data:
        raise InputError(path, "binary data, not a text table", data[: data.index(b"\x00")].count(b"\n") + 1)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as utf8_error:
        try:
            return data.decode("cp932")
        except UnicodeDecodeError:
            line = data[: utf8_error.start].count(b"\n") + 1
            raise InputError(path, "not text in UTF-8, UTF-16 or Shift_JIS (CP932)", line) from None


def _text_rows(path: Path, data: bytes) -> list[tuple[int, list[str]]]:
    text = _decode(path, data)
    bad = _CONTROL.search(text)
    if bad:
        raise InputError(path, "binary data, not a text table", text[: bad.start()].count("\n") + 1)
    head = text.lstrip()[:200].lower()
    if head.startswith(("<!doctype html", "<html", "<?xml", "<head", "<body")):
        raise InputError(path, "an HTML or XML page, not a table", 1)
    delimiter = "\t" if "\t" in text else ","
    # The same bounds as a workbook's, counted before splitting (a file of line breaks alone is millions of rows).
    breaks = text.count("\n") + text.count("\r") - text.count("\r\n")
    if breaks > MAX_ROWS:
        raise InputError(path, f"more than {MAX_ROWS:,} lines: not a progress table")
    if text.count(delimiter) > MAX_CELLS:
        raise InputError(path, f"more than {MAX_CELLS:,} cells: not a progress table")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    rows, line = [], 1
    try:
        for cells in reader:
            far = next((c for c in range(MAX_COLUMNS, len(cells)) if cells[c].strip()), None)
            if far is not None:
                raise InputError(path, f"cell {far + 1} of the row is filled: more than {MAX_COLUMNS} columns, "
                                       "not a progress table", line)
            rows.append((line, cells))
            line = reader.line_num + 1
    except csv.Error as e:
        raise InputError(path, f"cannot split into cells: {e}", line) from None
    return rows


def _xlsx_rows(path: Path, data: bytes, warnings: list) -> list[tuple[int, list[str]]]:
    """The first sheet's filled cells, read as a stream and counted as they come: what a workbook declares
    of its size (`<dimension ref="A1:XFD1048576">`) is never trusted."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as e:
        raise InputError(path, f"not a readable Excel workbook ({type(e).__name__})") from None
    # The sizes in the zip directory bound what each part can unpack to (zipfile stops there).
    unpacked = sum(p.file_size for p in parts)
    biggest = max(parts, key=lambda p: p.file_size, default=None)
    if len(parts) > MAX_PARTS or unpacked > MAX_UNPACKED or (biggest and biggest.file_size > MAX_BYTES):
        raise InputError(path, f"workbook unpacks to {unpacked / 2**20:,.0f} MB in {len(parts):,} parts "
                               f"(at most {MAX_BYTES // 2**20} MB a part, {MAX_UNPACKED // 2**20} MB in all): "
                               "not a progress table, refused unread")
    try:
        book = _Workbook(path, archive)
        return book.rows(warnings)
    except (zipfile.BadZipFile, KeyError, ValueError, IndexError, TypeError, OSError, EOFError, RuntimeError,
            SyntaxError, zlib.error) as e:  # SyntaxError: XML ParseError; RuntimeError: encrypted, unsupported
        raise InputError(path, f"not a readable Excel workbook ({type(e).__name__})") from None


class _Workbook:
    """Just enough of SpreadsheetML for a table: the first sheet, shared strings, which styles are dates."""

    def __init__(self, path: Path, archive: zipfile.ZipFile):
        self.path, self.archive = path, archive
        rels = {}  # id → (type, target)
        for _, el in self._xml("xl/_rels/workbook.xml.rels"):
            if el.tag == _PKG + "Relationship" and len(rels) < MAX_PARTS:
                rels[el.get("Id")] = (el.get("Type", "").rsplit("/", 1)[-1], self._part(el.get("Target")))
            el.clear()
        first, self.epoch = None, WINDOWS_EPOCH
        for _, el in self._xml("xl/workbook.xml"):
            if el.tag == _MAIN + "workbookPr" and el.get("date1904") in ("1", "true"):
                self.epoch = MAC_EPOCH
            elif el.tag == _MAIN + "sheet" and first is None:
                first = el.get(_REL + "id")
            el.clear()
        if first not in rels:
            raise InputError(path, "not a readable Excel workbook (no worksheet)")
        self.sheet = rels[first][1]
        by_type = {kind: target for kind, target in rels.values()}
        self.strings = self._strings(by_type["sharedStrings"]) if "sharedStrings" in by_type else []
        self.dates: dict[int, bool] = self._date_styles(by_type["styles"]) if "styles" in by_type else {}

    @staticmethod
    def _part(target: str | None) -> str:
        target = target or ""
        return target.lstrip("/") if target.startswith("/") else posixpath.normpath("xl/" + target)

    def _xml(self, name: str, events=("end",)):
        """The part's elements as they end (expat: no external entities, entity expansion capped), counted."""
        from xml.etree.ElementTree import iterparse

        count = 0
        for event, el in iterparse(self.archive.open(name), events=events):
            if event == "end":
                count += 1
                if count > MAX_ELEMENTS:
                    raise InputError(self.path, f"{name} holds more than {MAX_ELEMENTS:,} XML elements: "
                                                "not a progress table")
            yield event, el

    def _strings(self, name: str) -> list[str]:
        strings = []
        for _, el in self._xml(name):
            if el.tag == _MAIN + "si":
                strings.append(self._cell_length(_text(el).replace("x005F_", ""), f"shared string {len(strings)}"))
                el.clear()
                if len(strings) > MAX_CELLS:
                    raise InputError(self.path, f"more than {MAX_CELLS:,} shared strings: not a progress table")
        return strings

    def _date_styles(self, name: str) -> dict[int, bool]:
        """Cell style index → True for a duration, False for a date (as openpyxl reads them)."""
        from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format, is_timedelta_format

        formats, dates, in_xfs, count, is_date = dict(BUILTIN_FORMATS), {}, False, 0, {}
        for event, el in self._xml(name, events=("start", "end")):
            if el.tag == _MAIN + "cellXfs":
                in_xfs = event == "start"
            elif event == "end" and el.tag == _MAIN + "numFmt":
                formats[int(el.get("numFmtId", -1))] = el.get("formatCode", "")
            elif event == "end" and el.tag == _MAIN + "xf" and in_xfs:
                fmt_id = int(el.get("numFmtId") or 0)
                if fmt_id not in is_date:  # once a format: a format code can be long
                    fmt = formats.get(fmt_id, "")
                    is_date[fmt_id] = is_timedelta_format(fmt) if is_date_format(fmt) else None
                if is_date[fmt_id] is not None:
                    dates[count] = is_date[fmt_id]
                count += 1
                if count > MAX_CELLS:
                    raise InputError(self.path, f"more than {MAX_CELLS:,} cell styles: not a progress table")
            if event == "end":
                el.clear()
        return dates

    def _cell_length(self, text: str, where: str, line: int | None = None) -> str:
        if len(text) > MAX_CELL:
            raise InputError(self.path, f"{where} holds {len(text):,} characters, over the {MAX_CELL:,} "
                                        "a cell may have", line)
        return text

    def rows(self, warnings: list) -> list[tuple[int, list[str]]]:
        rows, line, column, cells, row_count, cell_count, in_cell = [], 0, 0, {}, 0, 0, False
        for event, el in self._xml(self.sheet, events=("start", "end")):
            if el.tag == _MAIN + "c" and event == "start":
                in_cell = True
            elif el.tag == _MAIN + "row":
                if event == "start":
                    row_count += 1
                    line = int(el.get("r") or line + 1)
                    if not 1 <= line <= EXCEL_ROWS:
                        raise ValueError(f"row number {line}")
                    if row_count > MAX_ROWS:
                        raise InputError(self.path, f"more than {MAX_ROWS:,} rows: not a progress table", line)
                    column, cells = 0, {}
                else:
                    if cells:
                        rows.append((line, [cells.get(c, "") for c in range(1, max(cells) + 1)]))
                    el.clear()
            elif event == "end" and not in_cell:  # columns, merged cells, …: not needed, not kept
                el.clear()
            elif el.tag == _MAIN + "c" and event == "end":
                in_cell = False
                cell_count += 1
                if cell_count > MAX_CELLS:
                    raise InputError(self.path, f"more than {MAX_CELLS:,} cells: not a progress table", line)
                ref = el.get("r")
                column = _column(ref) if ref else column + 1
                text = self._value(el)
                formula = el.findtext(_MAIN + "f")
                el.clear()
                name = f"{_letters(column)}{line}"
                if text is None:
                    if formula is not None:
                        warnings.append((line, column, "formula_without_value",
                                         f"cell {name} holds a formula with no saved result "
                                         f"(={formula[:80]}): read as empty; open and save the workbook "
                                         "in Excel to store the results"))
                    continue
                if column > MAX_COLUMNS:
                    raise InputError(self.path, f"cell {name} is filled: more than {MAX_COLUMNS} columns, "
                                                "not a progress table", line)
                cells[column] = self._cell_length(text, f"cell {name}", line)
        return rows

    def _value(self, el) -> str | None:
        """The cell's value as text (what openpyxl's read-only, data-only mode gives, through str())."""
        kind = el.get("t", "n")
        if kind == "inlineStr":
            box = el.find(_MAIN + "is")
            return (_text(box) or None) if box is not None else None
        value = el.findtext(_MAIN + "v") or None
        if value is None:
            return None
        if kind == "s":
            index = int(value)
            if index < 0:
                raise IndexError(f"shared string {index}")
            return self.strings[index]
        if kind == "b":
            return str(bool(int(value)))
        if kind == "d":
            return str(from_ISO8601(value))
        if kind in ("str", "e"):
            return value
        number = float(value) if any(c in value for c in ".eE") else int(value)
        style = int(el.get("s") or 0)
        if style in self.dates:
            try:
                return str(from_excel(number, self.epoch, timedelta=self.dates[style]))
            except (OverflowError, ValueError):
                return "#VALUE!"
        if isinstance(number, float) and number.is_integer():
            return str(int(number))
        return str(number)


def _text(el) -> str:
    """A string item's text: its plain text and formatted runs, not the phonetic (furigana) runs."""
    plain = el.findtext(_MAIN + "t") or ""
    return plain + "".join(r.findtext(_MAIN + "t") or "" for r in el.findall(_MAIN + "r"))


_REF = re.compile(r"([A-Z]{1,3})\d*")


def _column(ref: str) -> int:
    match = _REF.fullmatch(ref)
    if not match:
        raise ValueError(f"cell reference {ref[:20]!r}")
    n = 0
    for ch in match.group(1):
        n = n * 26 + ord(ch) - 64
    return n


def _letters(column: int) -> str:
    out = ""
    while column:
        column, rest = divmod(column - 1, 26)
        out = chr(65 + rest) + out
    return out


def read_source(path: Path, manifest: list[dict[str, str]] | None = None) -> Source:
    """Read one source table; match it to a manifest entry by content hash or name.

    TSV or CSV in UTF-8 (BOM or not), UTF-16 or Shift_JIS/CP932, CRLF or LF, or an .xlsx workbook
    with the same columns: the same content gives the same rows.
    """
    if not path.exists():
        raise InputError(path, "no such file")
    if not path.is_file():
        raise InputError(path, "not a file")
    if path.stat().st_size > MAX_BYTES:
        raise InputError(path, f"file is larger than {MAX_BYTES // (1024 * 1024)} MB: not a progress table")
    data = path.read_bytes()
    if not data.strip():
        raise InputError(path, "file is empty")
    warnings: list[tuple[int, int | None, str, str]] = []
    rows = _xlsx_rows(path, data, warnings) if data.startswith(b"PK\x03\x04") else _text_rows(path, data)
    rows = [(n, [c.replace("\r", "").replace("\n", " ") for c in cells]) for n, cells in rows]
    width = max((len([c for c in cells if c.strip()]) for _, cells in rows), default=0)
    if width < MIN_COLUMNS:
        raise InputError(path, f"too few columns: at most {width} filled in a row, a progress table has "
                               f"at least {MIN_COLUMNS} (domain, number, measure, target, report)")
    digest = sha256_of(data)
    entry = {}
    for candidate in manifest or []:
        if candidate.get("sha256") == digest or candidate["file"] == path.name:
            entry = candidate
            break
    source_id = entry.get("source_id") or path.stem
    return Source(path=path, source_id=source_id, sha256=digest, rows=rows, manifest=entry, warnings=warnings)


def manifest_sources(raw_dir: Path = RAW_DIR) -> list[Source]:
    """The sources the manifest lists, in manifest order."""
    entries = load_manifest(raw_dir)
    return [read_source(raw_dir / e["file"], entries) for e in entries]
