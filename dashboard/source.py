"""Reading source tables and the manifest in data/raw/ that describes them."""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError

ROOT = Path(__file__).resolve().parent.parent
RAW_DIR = ROOT / "data" / "raw"
MANIFEST = "manifest.csv"
MAX_BYTES = 20 * 1024 * 1024  # a progress table is a few hundred kB at most


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


def read_source(path: Path, manifest: list[dict[str, str]] | None = None) -> Source:
    """Read one tab-separated source; match it to a manifest entry by content hash or name."""
    if not path.exists():
        raise InputError(path, "no such file")
    if not path.is_file():
        raise InputError(path, "not a file")
    if path.stat().st_size > MAX_BYTES:
        raise InputError(path, f"file is larger than {MAX_BYTES // (1024 * 1024)} MB: not a progress table")
    data = path.read_bytes()
    if not data.strip():
        raise InputError(path, "file is empty")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise InputError(path, "not UTF-8 text", line) from None
    if "\x00" in text:
        raise InputError(path, "binary data, not a text table", text[: text.index("\x00")].count("\n") + 1)
    rows = [(n, line.rstrip("\r").split("\t")) for n, line in enumerate(text.split("\n"), start=1)]
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
