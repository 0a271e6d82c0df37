"""Planners' confirmations and corrections of a status: an append-only history in a CSV file.

One row per entry (`HEADER`); the latest entry for a municipality, measure and fiscal year decides,
and `withdraw` returns that measure-year to its automatic status. The file is read tolerantly, since
planners edit it by hand (Excel included): UTF-8 with or without BOM or CP932, cells stripped, a status
given as its word or its Japanese label. A row that cannot be used is skipped with a warning naming
`FILE:LINE` and why; the other rows still apply. A file that cannot be read gives no corrections and
one warning. `record` appends one entry under an exclusive lock (the `correct` command and the app's
form both call it).
"""

from __future__ import annotations

import csv
import fcntl
import io
import os
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from . import fsutil
from .errors import InputError
from .i18n import WORDS, t

HEADER = ("recorded_at", "municipality", "measure_id", "fiscal_year", "action", "status", "automatic_status",
          "reason", "by")
ACTIONS = ("confirm", "correct", "withdraw")


@dataclass(frozen=True)
class Entry:
    recorded_at: datetime
    municipality: str
    measure_id: str
    fiscal_year: int
    action: str
    status: str | None          # None for withdraw
    automatic_status: str | None
    reason: str
    by: str = ""
    line: int = 0               # where it was read (0: not from a file)

    @property
    def key(self) -> tuple[str, str, int]:
        return (self.municipality, self.measure_id, self.fiscal_year)

    def cells(self) -> list[str]:
        return [self.recorded_at.isoformat(timespec="seconds"), self.municipality, self.measure_id,
                str(self.fiscal_year), self.action, self.status or "", self.automatic_status or "", self.reason,
                self.by]


class Known:
    """What the data holds, to check an entry against: its municipalities, and for a municipality and a
    measure the automatic status of each fiscal year (None: no such measure there).

    `lookup(municipality_or_None, measure_id)` returns rows of (municipality, fiscal_year, automatic_status).
    """

    def __init__(self, municipalities: Callable[[], Iterable[str]] | Iterable[str],
                 lookup: Callable[[str | None, str], list[tuple[str, int, str]]], statuses: Iterable[str]):
        self._municipalities = municipalities
        self.statuses = tuple(statuses)
        self._lookup = lookup
        self._memo: dict[tuple[str, str], dict[int, str]] = {}
        self._any: dict[str, bool] = {}

    @property
    def municipalities(self) -> list[str]:
        """Asked only when a file has entries (at national size the list takes a query)."""
        if callable(self._municipalities):
            self._municipalities = list(self._municipalities())
        return self._municipalities

    def has_municipality(self, municipality: str) -> bool:
        """Whether the data holds this municipality."""
        if municipality not in self._any:
            self._any[municipality] = municipality in self.municipalities
        return self._any[municipality]

    def years(self, municipality: str, measure_id: str) -> dict[int, str]:
        """{fiscal_year: automatic status} of a measure in a municipality; empty when it has no such measure."""
        key = (municipality, measure_id)
        if key not in self._memo:
            self._memo[key] = {int(y): s for m, y, s in self._lookup(municipality, measure_id) if m == municipality}
        return self._memo[key]


def status_word(text: str, statuses: Iterable[str]) -> str | None:
    """A status word from its word (`partial`) or its Japanese or English label (`一部達成`); None if neither."""
    text = text.strip()
    statuses = tuple(statuses)
    if text.lower() in statuses:
        return text.lower()
    for word in statuses:
        labels = tuple(WORDS[word].labels.values()) if word in WORDS else ()
        if text in labels or text.lower() in (label.lower() for label in labels):
            return word
    return None


def _decode(data: bytes) -> str | None:
    for encoding in ("utf-8-sig", "cp932"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def _time(text: str) -> datetime | None:
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        return None
    return when if when.tzinfo else when.astimezone()  # no offset written: the machine's local time


class Skipped(str):
    """A warning about the corrections file: a row skipped (`scope` row) or the whole file (file), where
    (file or file:line), why (`unusable_<key>` in dashboard/ui_text.csv, with its values). As a string it is
    the English text the command line prints; `said(lang)` words it in the UI's language."""

    def __new__(cls, where: str, key: str, scope: str = "row", **values):
        self = super().__new__(cls, _said(where, key, scope, values, "en"))
        self.where, self.key, self.scope, self.values = where, key, scope, values
        return self

    def said(self, lang: str) -> str:
        return _said(self.where, self.key, self.scope, self.values, lang)

    def at(self, where: str) -> Skipped:
        """The same warning naming its place differently (the file as the app shows it)."""
        return Skipped(where, self.key, self.scope, **self.values)


def _said(where: str, key: str, scope: str, values: dict, lang: str) -> str:
    return t(f"skipped_{scope}", lang, where=where, reason=t(f"unusable_{key}", lang, **values))


class Unusable(ValueError):
    """Why a row of the corrections file cannot be used: a text key (`unusable_<key>`) and its values; as a
    message, the English text."""

    def __init__(self, key: str, **values):
        super().__init__(t(f"unusable_{key}", "en", **values))
        self.key, self.values = key, values


def read(path: Path, known: Known) -> tuple[list[Entry], list[str]]:
    """Every usable entry of the file, in file order, and one warning per row that was skipped.

    A missing or empty file holds no entries and gives no warning.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return [], []
    except OSError as e:
        return [], [Skipped(str(path), "unreadable", "file", error=e.strerror or str(e))]
    text = _decode(data)
    if text is None:
        return [], [Skipped(str(path), "not_text", "file")]
    if not text.strip():
        return [], []
    rows = []
    reader = csv.reader(io.StringIO(text, newline=""))
    line = 1
    try:
        for cells in reader:
            rows.append((line, cells))
            line = reader.line_num + 1
    except csv.Error as e:
        return [], [Skipped(f"{path}:{line}", "not_csv", "file", error=str(e))]
    rows = [(n, [c.strip() for c in cells]) for n, cells in rows if cells]  # a truly empty line: skipped
    header_line, header = rows[0]
    names = [h.lstrip("\ufeff").strip().lower() for h in header]
    missing = [h for h in HEADER if h not in names]
    if missing:
        return [], [Skipped(f"{path}:{header_line}", "header", "file", missing=", ".join(missing),
                            expected=",".join(HEADER))]
    entries, warnings = [], []
    for n, cells in rows[1:]:
        where = f"{path}:{n}"
        if not any(cells):
            warnings.append(Skipped(where, "blank"))
            continue
        if len(cells) != len(names):
            warnings.append(Skipped(where, "cells", n=len(cells), expected=len(names)))
            continue
        try:
            entries.append(_entry(dict(zip(names, cells)), known, n))
        except Unusable as e:
            warnings.append(Skipped(where, e.key, **e.values))
        except ValueError as e:
            warnings.append(Skipped(where, "row", reason=str(e)))
    return entries, warnings


def _entry(row: dict[str, str], known: Known, line: int) -> Entry:
    when = _time(row["recorded_at"])
    if when is None:
        raise Unusable("time", value=row["recorded_at"])
    action = row["action"].lower()
    if action not in ACTIONS:
        raise Unusable("action", value=row["action"], actions=", ".join(ACTIONS))
    municipality = resolve_municipality(row["municipality"], known)
    years = known.years(municipality, row["measure_id"])
    if not years:
        raise Unusable("measure", measure=row["measure_id"], municipality=municipality)
    try:
        year = int(row["fiscal_year"])
    except ValueError:
        raise Unusable("year_text", value=row["fiscal_year"]) from None
    if year not in years:
        raise Unusable("year", measure=row["measure_id"], year=year, years=", ".join(map(str, sorted(years))))
    status = None
    if action != "withdraw":
        status = status_word(row["status"], known.statuses)
        if status is None:
            raise Unusable("status", value=row["status"], words=", ".join(known.statuses))
    automatic = None
    if row["automatic_status"]:
        automatic = status_word(row["automatic_status"], known.statuses)
        if automatic is None:
            raise Unusable("automatic_status", value=row["automatic_status"])
    if not row["reason"]:
        raise Unusable("reason")
    return Entry(when, municipality, row["measure_id"], year, action, status, automatic, row["reason"],
                 row["by"], line)


def resolve_municipality(name: str, known: Known) -> str:
    """The municipality an entry names; an empty name is the data's only municipality."""
    if not name:
        if len(known.municipalities) == 1:
            return known.municipalities[0]
        raise Unusable("municipality_needed", n=len(known.municipalities))
    if not known.has_municipality(name):
        raise Unusable("municipality", value=name)
    return name


class EntryError(ValueError):
    """A new entry that cannot be recorded: which field, and why."""

    def __init__(self, field: str, message: str, code: str = "", **values):
        super().__init__(f"{field}: {message}")
        self.field, self.message = field, message  # the command line's English one-line error
        self.code, self.values = code, values  # the same, for a message in the UI's language (entry_error_<code>)


def new_entry(known: Known, entries: Iterable[Entry], *, measure_id: str, fiscal_year: int, status: str | None = None,
              withdraw: bool = False, reason: str, by: str | None = None, municipality: str | None = None,
              when: datetime | None = None) -> Entry:
    """A checked entry for `record` (the `correct` command and the app's form): the municipality (required
    when the data holds several), the measure and year must exist; the status is a word or a label; a
    status equal to today's automatic status is a `confirm`, another a `correct`; `withdraw` needs a
    confirmation or correction in force (`entries`: the file's entries); the reason must not be empty.
    Raises EntryError naming the field (--measure, --year, --status, --reason, --municipality, --withdraw)."""
    try:
        where = resolve_municipality((municipality or "").strip(), known)
    except ValueError as e:
        raise EntryError("--municipality", f"{e}{'' if municipality else ' (give --municipality)'}",
                         "municipality", municipality=(municipality or "").strip()) from None
    years = known.years(where, measure_id)
    if not years:
        raise EntryError("--measure", f"unknown measure {measure_id!r} in {where} (a measure ID such as 6-3-5, "
                                      "not its number 3-⑤: the detail names it)", "measure", measure=measure_id,
                         municipality=where)
    if fiscal_year not in years:
        raise EntryError("--year", f"measure {measure_id} has no fiscal year {fiscal_year} "
                                   f"(years: {', '.join(map(str, sorted(years)))})", "year", measure=measure_id,
                         year=fiscal_year, years=", ".join(map(str, sorted(years))))
    reason = (reason or "").strip()
    if not reason:
        raise EntryError("--reason", "is empty; say why", "reason")
    automatic = years[fiscal_year]
    if withdraw:
        if (where, measure_id, fiscal_year) not in latest(entries):
            raise EntryError("--withdraw", f"{measure_id} {fiscal_year} has no confirmation or correction to withdraw",
                             "withdraw", measure=measure_id, year=fiscal_year)
        action, word = "withdraw", None
    else:
        word = status_word(status or "", known.statuses)
        if word is None:
            raise EntryError("--status", f"unknown status {status!r} (one of {', '.join(known.statuses)}, "
                                         "or its label in any language: 未達成, Not achieved …)", "status",
                             status=status or "")
        action = "confirm" if word == automatic else "correct"
    # Always named, so that the entry cannot apply to another data set's only municipality.
    return stamped(Entry(recorded_at=when, municipality=where, measure_id=measure_id, fiscal_year=fiscal_year,
                         action=action, status=word, automatic_status=automatic, reason=reason,
                         by=(by or "").strip()), when)


def latest(entries: Iterable[Entry]) -> dict[tuple[str, str, int], Entry]:
    """The entry that decides each measure-year (the latest recorded; file order breaks ties), withdrawals
    left out."""
    decided: dict[tuple[str, str, int], Entry] = {}
    for entry in sorted(entries, key=lambda e: (e.recorded_at, e.line)):
        decided[entry.key] = entry
    return {k: e for k, e in decided.items() if e.action != "withdraw"}


@dataclass(frozen=True)
class Step:
    """One entry of a measure-year's history with the status it moved from and to."""
    entry: Entry
    before: str | None  # the status in force before it (None: not known)
    after: str | None


def history(entries: Iterable[Entry], municipality: str, measure_id: str, fiscal_year: int) -> list[Step]:
    """The entries of one measure-year, oldest first (the order `latest` decides in), each with the status
    before and after it: a confirmation or correction sets its status; a withdrawal returns to the
    automatic status it recorded."""
    key = (municipality, measure_id, int(fiscal_year))
    steps, in_force = [], None
    for entry in sorted((e for e in entries if e.key == key), key=lambda e: (e.recorded_at, e.line)):
        before = in_force or entry.automatic_status
        if entry.action == "withdraw":
            after, in_force = entry.automatic_status, None
        else:
            after = in_force = entry.status
        steps.append(Step(entry, before, after))
    return steps


def record(path: Path, entry: Entry) -> None:
    """Append one entry to the corrections file (created with its header when missing or empty).

    Under an exclusive lock on `FILE.lock` beside it, the whole new file is written to a temporary
    sibling, flushed to disk and renamed over the file. Chosen over a single O_APPEND write because a
    reader (the app, a `status` command) then sees the old file or the new one, never a half-written
    line; a full disk leaves the file as it was instead of a truncated last row; and a file a planner
    saved from Excel as CP932 is rewritten as UTF-8 with a BOM as a whole, instead of growing a UTF-8
    tail on CP932 text. The lock serialises writers, so concurrent entries are all kept.
    """
    path = Path(os.path.realpath(path))  # a symlinked file: write where it points
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = os.open(path.with_name(path.name + ".lock"), os.O_RDWR | os.O_CREAT, 0o666)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            old = path.read_bytes()
            mode = os.stat(path).st_mode & 0o7777
        except FileNotFoundError:
            old, mode = b"", fsutil.file_mode()
        order = list(HEADER)
        if old.strip(b"\xef\xbb\xbf \r\n\t"):
            try:
                text = old.decode("utf-8-sig")
                body = old
            except UnicodeDecodeError:
                text = _decode(old)
                if text is None:
                    raise InputError(path, "not UTF-8 or CP932 text; fix or move it before recording") from None
                body = b"\xef\xbb\xbf" + text.encode("utf-8")
            header = [h.strip().lower() for h in next(csv.reader(io.StringIO(text.lstrip("\r\n"))), [])]
            if not set(HEADER) <= set(header):
                raise InputError(path, f"header lacks some of {','.join(HEADER)}; fix it before recording")
            order = header  # a planner may have moved or added columns: write the entry in the file's order
            if not body.endswith(b"\n"):
                body += b"\n"  # a last row without its line end (a hand edit)
        else:
            body = _line(HEADER)
        cells = dict(zip(HEADER, entry.cells()))
        data = body + _line(cells.get(name, "") for name in order)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            os.chmod(tmp, mode)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    finally:
        os.close(lock)  # releases the lock


def _line(cells: Iterable[str]) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(list(cells))
    return out.getvalue().encode("utf-8")


def stamped(entry: Entry, when: datetime | None = None) -> Entry:
    """The entry with recorded_at set to now, in the offices' time zone (see now())."""
    return replace(entry, recorded_at=(when or now()).replace(microsecond=0))


def now() -> datetime:
    """Now, in the time zone of the offices using the data: $CAREPLAN_TZ, by default Asia/Tokyo (a server
    often runs in UTC, where a correction made before 9:00 in Japan would carry the previous day)."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return datetime.now(ZoneInfo(os.environ.get("CAREPLAN_TZ") or "Asia/Tokyo"))
    except (ZoneInfoNotFoundError, ValueError):
        return datetime.now().astimezone()
