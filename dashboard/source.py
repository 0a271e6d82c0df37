"""Reading source tables and the manifest in data/raw/ that describes them."""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError

ROOT = Path(__file__).resolve().parent.parent
RAW_DIR = ROOT / "data" / "raw"
MANIFEST = "manifest.csv"
MAX_BYTES = 20 * 1024 * 1024  # a progress table is a few hundred kB at most
MIN_COLUMNS = 5  # domain, number, measure, a target, the report
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # C0 and C1 controls but tab, LF, CR


@dataclass
class Source:
    """One source file, its lines split into cells, and what the manifest says of it."""

    path: Path
    source_id: str
    sha256: str
    rows: list[tuple[int, list[str]]]  # (1-based line number, cells)
    manifest: dict[str, str] = field(default_factory=dict)


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def load_manifest(raw_dir: Path = RAW_DIR) -> list[dict[str, str]]:
    path = raw_dir / MANIFEST
    if not path.is_file():
        raise InputError(path, "manifest not found; name source files on the command line instead")
    with path.open(encoding="utf-8-sig", newline="") as f:
        entries = list(csv.DictReader(f))
    for n, entry in enumerate(entries, start=2):
        if not (entry.get("file") or "").strip():
            raise InputError(path, "manifest row has no file name", n)
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
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    rows, line = [], 1
    try:
        for cells in reader:
            rows.append((line, cells))
            line = reader.line_num + 1
    except csv.Error as e:
        raise InputError(path, f"cannot split into cells: {e}", line) from None
    return rows


def _xlsx_rows(path: Path, data: bytes) -> list[tuple[int, list[str]]]:
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as e:
        raise InputError(path, f"not a readable Excel workbook ({type(e).__name__})") from None
    sheet = book.worksheets[0]
    rows = []
    for n, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        cells = []
        for v in values:
            if v is None:
                cells.append("")
            elif isinstance(v, float) and v.is_integer():
                cells.append(str(int(v)))
            else:
                cells.append(str(v))
        rows.append((n, cells))
    book.close()
    return rows


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
    rows = _xlsx_rows(path, data) if data.startswith(b"PK\x03\x04") else _text_rows(path, data)
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
    return Source(path=path, source_id=source_id, sha256=digest, rows=rows, manifest=entry)


def manifest_sources(raw_dir: Path = RAW_DIR) -> list[Source]:
    """The sources the manifest lists, in manifest order."""
    entries = load_manifest(raw_dir)
    return [read_source(raw_dir / e["file"], entries) for e in entries]
