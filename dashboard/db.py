"""DuckDB: the schema from queries/, normalized tables in and out, and the rules beside them.

Writing (`write`): the tables go to a temporary sibling folder with a marker file (MARKER: the tables'
content hashes), and that folder is swapped with the old one in one step (renameat2 RENAME_EXCHANGE),
so a reader finds the old set or the new one at every moment, whatever kills the writer when.

Reading (`open_reader`): the folder is opened once and every file is read through that handle
(/proc/self/fd/N/...), so one reader never mixes two imports; the statuses decided from those files
are kept beside them in a cache file named by a hash of their content, built privately and published
by rename; where the folder cannot take one, the database is built in memory. The planners'
corrections are laid over the cached statuses on the reading connection (queries/build/corrected.sql).
"""

from __future__ import annotations

import csv
import fcntl
import hashlib
import os
import re
import secrets
import shutil
import signal
import sys
import tempfile
import time
from dataclasses import dataclass, field
from glob import escape as glob_escape
from pathlib import Path

import duckdb
import pandas as pd

from . import corrections, fsutil, queries, reference
from .errors import InputError, csv_rows
from .i18n import read_status_words
from .normalize import Tables
from .source import ROOT
from .textfix import cleaner

DATA_DIR = ROOT / "data" / "normalized"
RULES = ROOT / "data" / "status_rules.csv"
SIGNALS = ROOT / "data" / "signals.csv"
STATUS_WORDS = ROOT / "data" / "status_words.csv"
STOPWORDS = ROOT / "data" / "carry_over_stopwords.csv"
THRESHOLDS = ROOT / "data" / "status_thresholds.csv"
VARIANTS = ROOT / "data" / "text_variants.csv"
WORDS = ROOT / "data" / "rule_words.csv"
REFERENCE = (RULES, SIGNALS, STATUS_WORDS, STOPWORDS, THRESHOLDS, VARIANTS, WORDS)  # data files a cache is built from too
OVERRIDES = ROOT / "data" / "status_overrides.csv"
TABLES = tuple(Tables().rows)  # the tables `normalize` writes, in dependency order
FIX = "python -m dashboard normalize"
# The rules pipeline in queries/build/, in the order each view needs the one before; every row of
# status_automatic comes out of it. match_rule.sql fills rule_matches between the first two.
PIPELINE = ("build/report_sentences", "build/rule_matches", "build/sentence_matches", "build/sentence_status",
            "build/report_status", "build/status_base", "build/carry_over", "build/status_automatic")
MARKER = ".careplan-tables"
CACHE = ".careplan-cache"
CACHE_VERSION = "careplan-cache 2"
READER_MEMORY = os.environ.get("CAREPLAN_DUCKDB_MEMORY", "256MB")  # DuckDB's buffer for reading a cache file


def new_database(path: str = ":memory:") -> duckdb.DuckDBPyConnection:
    """A database with the schema and the reference data. Load the normalized tables, then apply_rules()."""
    con = duckdb.connect(path)
    _schema(con)
    return con


def _schema(con: duckdb.DuckDBPyConnection) -> None:
    """The schema (queries/build/schema.sql) and the reference data: status words, signals, rules,
    thresholds, the rules' word lists, the carry-over check's stop-words. Each file is checked row by row
    first (dashboard/reference.py), so a typo is one line naming its file and line."""
    queries.script(con, "build/schema")
    read_status_words(STATUS_WORDS)  # the app's own check of the file, the same line as when the modules load
    reference.check_status_words(con, STATUS_WORDS)
    try:
        queries.execute(con, "build/status_words", path=str(STATUS_WORDS))
    except duckdb.Error as e:
        raise InputError(STATUS_WORDS, str(e).splitlines()[0]) from None
    statuses = queries.run(con, "status_word_list").status.tolist()
    _read_rows(con, SIGNALS, "signals", "build/signal", lambda row: f"signal {row['signal']}", statuses)
    for table, path in (("status_rules", RULES), ("status_thresholds", THRESHOLDS), ("carry_over_stopwords", STOPWORDS)):
        _, rows = csv_rows(path, con.table(table).columns)  # its shape, before DuckDB reads it
        reference.check_rows(con, path, table, rows, statuses)
        try:
            _read_file(con, table, path)
        except duckdb.Error as e:
            raise InputError(path, str(e).splitlines()[0]) from None
    _check_signals(con)
    _read_rows(con, WORDS, "rule_words", "build/rule_word", lambda row: f"{row['list']},{row['word']}", statuses)


def _read_rows(con: duckdb.DuckDBPyConnection, path: Path, table: str, insert: str, name, statuses: list[str]) -> None:
    """Insert a small reference file one row at a time, each checked first (reference.check_rows), so a
    typo (an unknown list, an empty word, a row with too many or too few cells) is refused naming its line."""
    columns, rows = csv_rows(path, con.table(table).columns)
    rows = [(line, [v.strip() for v in cells]) for line, cells in rows]
    reference.check_rows(con, path, table, rows, statuses)
    for line, cells in rows:
        row = dict(zip(columns, cells))
        try:
            queries.execute(con, insert, **row)
        except duckdb.Error as e:  # a CHECK the row check does not read
            rule = re.search(r"with expression CHECK\((.*)\)$", str(e).splitlines()[0])
            raise InputError(path, f"{name(row)}: the row must satisfy {rule.group(1) if rule else str(e).splitlines()[0]}",
                             line=line) from None


def _check_signals(con: duckdb.DuckDBPyConnection) -> None:
    """Refuse a rule whose signal data/signals.csv does not let a rule give, or a signal said to be the
    evidence of an unknown status, naming the line of the file to mend."""
    for wrong in queries.run(con, "build/unknown_signals").itertuples():
        if wrong.kind == "rule":
            path, key, message = RULES, "rule_id", f"rule {wrong.name}: unknown signal {wrong.wrong!r} " \
                                                   f"(not one of {SIGNALS.name} that rules may give)"
        else:
            path, key, message = SIGNALS, "signal", f"{wrong.name}: evidence_of names an unknown status " \
                                                    f"{wrong.wrong!r} (not one of {STATUS_WORDS.name})"
        with path.open(encoding="utf-8-sig", newline="") as f:
            reader = csv.DictReader(f)
            line, start = None, 2
            for row in reader:
                if row[key].strip() == wrong.name:
                    line = start
                    break
                start = reader.line_num + 1  # a quoted cell may hold a line break
        raise InputError(path, message, line=line)


def apply_rules(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """Clean the reports' text, split them into sentences, match every rule (one query each) and create
    the status views, ending in status_automatic."""
    _clean_reports(con)
    queries.script(con, PIPELINE[0])
    queries.script(con, PIPELINE[1])
    for rule in queries.run(con, "build/status_rule_list").itertuples():
        try:
            queries.execute(con, "build/match_rule", rule_id=rule.rule_id, pattern=rule.pattern, signal=rule.signal)
        except duckdb.Error as e:
            why = str(e).splitlines()[0].removeprefix("Invalid Input Error: ")
            raise InputError(RULES, f"rule {rule.rule_id}: pattern is not an RE2 regular expression ({why})",
                             line=reference.line_of(RULES, "rule_id", rule.rule_id)) from None
    for name in PIPELINE[2:]:
        queries.script(con, name)
    return con


def _clean_reports(con: duckdb.DuckDBPyConnection) -> None:
    """Fill report_text: the report items that hygiene changes, cleaned, with the map back to the original."""
    _, rows = csv_rows(VARIANTS, ["written", "as", "note"])
    clean = cleaner({written: as_ for _, (written, as_, _note) in rows})
    rows = []
    for item in queries.run(con, "build/report_items", pattern=clean.pattern).itertuples():
        text, starts, ends = clean(item.text)
        rows.append(dict(source_id=item.source_id, measure_id=item.measure_id, fiscal_year=item.fiscal_year,
                         item_seq=item.item_seq, clean=text, starts=starts, ends=ends))
    _insert(con, "report_text", rows)


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict]) -> None:
    columns = con.table(table).columns
    frame = pd.DataFrame(rows, columns=columns, dtype=object)
    if len(frame):
        con.from_df(frame).insert_into(table)


def _read_file(con: duckdb.DuckDBPyConnection, table: str, path: Path) -> None:
    """Insert a CSV file, a Parquet file or a folder of (hive-partitioned) Parquet files into a table."""
    if path.is_dir():
        rel = con.read_parquet(str(path / "**" / "*.parquet"), hive_partitioning=True)
    elif path.suffix == ".parquet":
        rel = con.read_parquet(str(path))
    else:
        rel = con.read_csv(str(path), header=True, all_varchar=True, encoding="utf-8")
    expected = con.table(table).columns
    if rel.columns != expected and sorted(rel.columns) == sorted(expected):
        rel = rel.select(*expected)  # partition columns come last
    if rel.columns != expected:
        raise InputError(path, f"columns {', '.join(rel.columns)} do not match the schema "
                               f"({', '.join(expected)})", fix=FIX)
    rel.insert_into(table)


def overlay(con: duckdb.DuckDBPyConnection, entries: list[corrections.Entry] = ()) -> None:
    """Create measure_status on a reading connection: the corrections (the latest entry of each
    measure-year, withdrawals left out) over the automatic statuses; then the shared filter over it and
    the share and names macros the questions use."""
    queries.script(con, "build/corrected")
    queries.script(con, "build/selected_measures")
    queries.script(con, "build/share")
    queries.script(con, "build/names_chosen")
    add_corrections(con, entries)


def add_corrections(con: duckdb.DuckDBPyConnection, entries: list[corrections.Entry]) -> None:
    rows = [dict(municipality=e.municipality, measure_id=e.measure_id, fiscal_year=e.fiscal_year, action=e.action,
                 status=e.status, automatic_status=e.automatic_status, reason=e.reason,
                 confirmed_on=e.recorded_at.date().isoformat(), confirmed_by=e.by or None)
            for e in corrections.latest(entries).values()]
    _insert(con, "status_corrections", rows)


def loaded(tables: Tables) -> duckdb.DuckDBPyConnection:
    """An in-memory database of these tables, no statuses yet: enough to write them (`write` builds the
    statuses from the written files)."""
    con = new_database()
    for name in TABLES:
        _insert(con, name, tables.rows[name])
    return con


def from_tables(tables: Tables) -> duckdb.DuckDBPyConnection:
    """An in-memory database of these tables with the rules applied and measure_status (no corrections)."""
    con = loaded(tables)
    apply_rules(con)
    overlay(con)
    return con


# --- writing -------------------------------------------------------------------------------------------


def _step(name: str) -> None:
    """Tests: CAREPLAN_TEST_KILL_AT=<step> kills this process (SIGKILL) at that step of `write`."""
    if os.environ.get("CAREPLAN_TEST_KILL_AT") == name:
        os.kill(os.getpid(), signal.SIGKILL)


def check_target(out: Path, replace_edited: bool = False) -> None:
    """Refuse (InputError) a folder `write` did not make: it writes only into a missing or empty folder, or
    one holding its marker and nothing but its tables and caches, each table as the marker records it
    (a table changed by hand is refused unless replace_edited)."""
    if not os.path.lexists(out):
        return
    if not out.is_dir():
        raise InputError(out, "exists and is not a folder; choose a new or empty folder")
    entries = os.listdir(out)
    if not entries:
        return
    if MARKER not in entries:
        raise InputError(out, f"not empty and not written by `{FIX}` (no {MARKER} file); nothing was "
                              "changed: choose a new or empty folder")
    ours = {MARKER, *TABLES, *(f"{t}.csv" for t in TABLES), *(f"{t}.parquet" for t in TABLES)}
    foreign = sorted(e for e in entries if e not in ours and not e.startswith(CACHE))
    if foreign:
        raise InputError(out, f"holds {foreign[0]}, which `{FIX}` did not write; nothing was changed: "
                              "move it away or choose another folder")
    if not replace_edited:
        recorded = _recorded(out / MARKER)
        for name in sorted(e for e in entries if e in ours and e != MARKER):
            with open(out / name, "rb") as f:
                if recorded.get(name) != hashlib.file_digest(f, "sha256").hexdigest():
                    raise InputError(out / name, "was changed after it was written (by hand?); nothing was "
                                                 "changed: move it away, or run again with --replace-edited")


def _recorded(marker: Path) -> dict[str, str]:
    """The marker's sha256 per table file."""
    lines = marker.read_text(encoding="utf-8").splitlines()
    return {name: digest for digest, _, name in (line.partition("  ") for line in lines if not line.startswith("#"))}


def marker_text(folder: Path) -> str:
    """The marker: a sha256 line per table file (sha256sum's format) and the generation, a hash of them."""
    lines = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith(".")):
        with path.open("rb") as f:
            lines.append(f"{hashlib.file_digest(f, 'sha256').hexdigest()}  {path.relative_to(folder).as_posix()}\n")
    generation = hashlib.sha256("".join(lines).encode()).hexdigest()
    return (f"# Tables written by `{FIX}`; the whole folder is replaced by the next import.\n"
            f"# generation {generation}\n" + "".join(lines))


def _leftovers(out: Path) -> list[Path]:
    prefix = f".{out.name}."
    return [p for p in out.parent.glob(f"{glob_escape(prefix)}*") if p.name[len(prefix):][:4] in ("new-", "old-")]


def _recover(out: Path) -> None:
    """Under the writer's lock: put back a set stranded by a writer killed between the two renames of the
    fallback swap, then remove what killed writers left (their temporary and old folders)."""
    leftovers = _leftovers(out)
    if not os.path.lexists(out):
        stranded = [p for p in leftovers if p.name.startswith(f".{out.name}.old-") and (p / MARKER).is_file()]
        if stranded:
            os.rename(stranded[0], out)
            leftovers.remove(stranded[0])
    for path in leftovers:
        _remove(path)


def _remove(folder: Path) -> None:
    """Remove a folder this writer owns, making read-only parts writable; a reader may drop a cache
    file into it meanwhile, so try again; what is left is removed by the next import."""
    inside = os.path.abspath(folder)

    def writable(function, path, excinfo):
        parent = os.path.dirname(os.path.abspath(path))
        if parent != inside and not parent.startswith(inside + os.sep):
            return  # never change the permissions of anything outside the folder being removed
        try:
            os.chmod(parent, 0o700)
            if os.path.isdir(path) and not os.path.islink(path):
                os.chmod(path, 0o700)
            function(path)
        except OSError:
            pass
    for _ in range(3):
        try:
            shutil.rmtree(folder, onerror=writable)
        except OSError:
            pass
        if not os.path.lexists(folder):
            return


def write(con: duckdb.DuckDBPyConnection, out_dir: Path, fmt: str = "csv", build_cache: bool = False,
          replace_edited: bool = False) -> None:
    """Write every normalized table to out_dir, replacing the set there in one step.

    The tables and the marker are written to a temporary sibling folder, flushed, then exchanged with
    out_dir (renameat2 RENAME_EXCHANGE) and the old set is removed. Where the exchange is not supported,
    out_dir is renamed aside and the new folder renamed into place (a reader finding no folder in
    between reads the set renamed aside). Writers of one folder take turns (a lock on the parent). A
    symlinked out_dir: the folder it points to is replaced. Refused (InputError, nothing touched): a
    folder this did not write (see check_target).
    """
    out = Path(out_dir)
    if out.is_symlink():
        out = Path(os.path.realpath(out))
    out = Path(os.path.abspath(out))
    check_target(out, replace_edited)
    out.parent.mkdir(parents=True, exist_ok=True)
    lock = os.open(out.parent, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX)
        check_target(out, replace_edited)
        _recover(out)
        tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
        old = None
        try:
            os.chmod(tmp, fsutil.dir_mode())
            for n, name in enumerate(TABLES):
                rel = con.table(name)
                if fmt == "parquet":
                    rel.write_parquet(str(tmp / f"{name}.parquet"))
                else:
                    rel.write_csv(str(tmp / f"{name}.csv"), header=True)
                if n == 0:
                    _step("tables")
            (tmp / MARKER).write_text(marker_text(tmp), encoding="utf-8")
            for path in tmp.iterdir():
                if path.is_file():
                    os.chmod(path, fsutil.file_mode())
                    with path.open("rb") as f:
                        os.fsync(f.fileno())
            fsutil.fsync_dir(tmp)
            _step("marker")
            if build_cache:
                open_reader(tmp, overrides=None).con.close()
            if not os.path.lexists(out):
                os.rename(tmp, out)
            elif fsutil.exchange(tmp, out):
                old = tmp  # now holds the old set
                _step("swap")
            else:
                old = out.with_name(f".{out.name}.old-{os.getpid()}")
                os.rename(out, old)
                _step("swap")
                try:
                    os.rename(tmp, out)
                except OSError:
                    os.rename(old, out)
                    raise
            fsutil.fsync_dir(out.parent)
        except BaseException:
            if old is not tmp:
                _remove(tmp)
            raise
        if old is not None:
            (old / MARKER).unlink(missing_ok=True)
            _step("cleanup")
            _remove(old)
    finally:
        os.close(lock)


def write_file(path: Path, data: bytes) -> None:
    """Write a file atomically: a temporary sibling renamed over it (with the umask's permissions)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, fsutil.file_mode())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# --- reading -------------------------------------------------------------------------------------------


def _table_files(base: Path, shown: Path) -> dict[str, Path]:
    """Each table's file under base: NAME.parquet, NAME.csv, or a folder NAME/ of partitioned Parquet files."""
    files = {}
    for name in TABLES:
        candidates = (base / f"{name}.parquet", base / f"{name}.csv", base / name)
        path = next((p for p in candidates if p.is_file() or (p.is_dir() and any(p.rglob("*.parquet")))), None)
        if path is None:
            raise InputError(shown / f"{name}.csv", "missing", fix=FIX)
        files[name] = path
    return files


_DIGESTS: dict[tuple, str] = {}


def _digest(path: Path) -> str:
    """sha256 of a file's bytes, remembered in this process by device, inode, size, mtime and ctime (a
    change of content changes ctime, which `touch -d` cannot set back)."""
    with path.open("rb") as f:
        st = os.fstat(f.fileno())
        stamp = (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)
        if stamp not in _DIGESTS:
            if len(_DIGESTS) > 4096:
                _DIGESTS.clear()
            _DIGESTS[stamp] = hashlib.file_digest(f, "sha256").hexdigest()
        return _DIGESTS[stamp]


def _sql_files() -> list[Path]:
    return sorted(queries.QUERY_DIR.rglob("*.sql"))


def content_key(files: dict[str, Path], base: Path) -> str:
    """What a cache is built from, by content: every table file, the rules and the SQL."""
    digest = hashlib.sha256(CACHE_VERSION.encode())
    parts = [(p.relative_to(base).as_posix(), p) for f in files.values()
             for p in (sorted(f.rglob("*.parquet")) if f.is_dir() else [f])]
    parts += [(p.name, p) for p in REFERENCE] + [(p.relative_to(queries.QUERY_DIR).as_posix(), p) for p in _sql_files()]
    for label, path in parts:
        digest.update(f"{label}\0{_digest(path)}\n".encode())
    return digest.hexdigest()


def stat_key(data_dir: Path, *more: Path | None) -> tuple:
    """A cheap key that changes whenever the tables (or the other files named) may have: the folder's
    inode and each table file's device, inode, size, mtime and ctime. Caches are not part of it."""
    def stamp(path):
        try:
            st = os.stat(path)
        except OSError:
            return None
        return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)
    data_dir = Path(data_dir)
    key = [stamp(data_dir), *(stamp(p) for p in REFERENCE), *(stamp(p) for p in more if p is not None)]
    try:
        names = sorted(os.listdir(data_dir))
    except OSError:
        return tuple(key)
    for name in names:
        if name.startswith(CACHE):
            continue
        path = data_dir / name
        key.append((name, stamp(path)))
        if path.is_dir():
            key.extend((p.as_posix(), stamp(p)) for p in sorted(path.rglob("*.parquet")))
    return tuple(key)


def _build_into(con: duckdb.DuckDBPyConnection, files: dict[str, Path], shown: Path, base: Path, key: str) -> None:
    """Load the tables into con's database, decide every status and store them (materialize)."""
    _schema(con)
    for name, path in files.items():
        where = shown / path.relative_to(base)
        try:
            _read_file(con, name, path)
        except InputError as e:
            raise InputError(where, e.message, fix=e.fix) from None
        except duckdb.Error as e:
            raise InputError(where, f"cannot be read ({str(e).splitlines()[0]})", fix=FIX) from None
    apply_rules(con)
    queries.script(con, "build/materialize")
    con.from_df(pd.DataFrame({"key": [key]})).create("cache_key")


class _Moved(Exception):
    """The folder was replaced while it was being read: read the new one."""


def _moved(fd: int, data_dir: Path) -> bool:
    try:
        st = os.stat(data_dir)
    except OSError:
        return True
    own = os.fstat(fd)
    return (st.st_dev, st.st_ino) != (own.st_dev, own.st_ino) or own.st_nlink == 0


def _reader() -> duckdb.DuckDBPyConnection:
    return duckdb.connect(config={"memory_limit": READER_MEMORY})


def _attach(con: duckdb.DuckDBPyConnection, path: Path, key: str) -> bool:
    """Attach a cache read-only and expose its tables and views; False if it is missing,
    truncated, damaged or built from something else."""
    try:
        size = os.path.getsize(path)
    except OSError:
        return False
    try:
        queries.execute(con, "build/attach_cache", path=str(path))
        block_size, blocks = queries.run(con, "build/cache_size").iloc[0]
        if size < 3 * 4096 + int(blocks) * int(block_size):  # DuckDB's file: three header blocks, then blocks
            raise duckdb.IOException(f"{path}: truncated")
        queries.script(con, "build/expose_cache")
        if queries.run(con, "build/cache_key").key.tolist() != [key]:
            raise duckdb.IOException(f"{path}: built from other files")
        return True
    except duckdb.Error:
        return False  # the caller closes the connection


def _open_in(fd: int, shown: Path, rebuild: bool) -> tuple[duckdb.DuckDBPyConnection, str, Path | None]:
    base = Path(f"/proc/self/fd/{fd}") if os.path.isdir(f"/proc/self/fd/{fd}") else shown
    files = _table_files(base, shown)
    key = content_key(files, base)
    name = f"{CACHE}-{key[:32]}.duckdb"
    con = _reader()
    if not rebuild and _attach(con, base / name, key):
        return con, key, shown / name
    con.close()
    tmp = base / f"{CACHE}-{key[:32]}.{os.getpid()}-{secrets.token_hex(4)}.tmp"
    try:
        builder = duckdb.connect(str(tmp))
        try:
            _build_into(builder, files, shown, base, key)
        finally:
            builder.close()
        os.chmod(tmp, fsutil.file_mode())
        os.rename(tmp, base / name)  # published whole: others see no cache or a complete one
    except (OSError, duckdb.Error, InputError) as e:
        for leftover in (tmp, Path(f"{tmp}.wal")):
            try:
                leftover.unlink(missing_ok=True)
            except OSError:
                pass
        if _moved(fd, shown):
            raise _Moved() from None
        # The folder cannot take a cache (read-only, full): the same database in memory. A real input
        # error fails here again.
        con = duckdb.connect()
        _build_into(con, files, shown, base, key)
        if base == shown and _moved(fd, shown):  # no /proc: see below
            con.close()
            raise _Moved() from None
        if not isinstance(e, InputError) and os.environ.get("CAREPLAN_DEBUG"):
            print(f"note: {shown}: no cache ({e}); working in memory", file=sys.stderr)
        return con, key, None
    con = _reader()
    if _attach(con, base / name, key):
        if base == shown and _moved(fd, shown):  # no /proc: files were read by path; a swap meanwhile
            con.close()                            # may have mixed two imports, so read again
            raise _Moved()
        return con, key, shown / name
    con.close()
    raise _Moved()  # replaced under us by a damaged file: start again


def _stranded(data_dir: Path) -> Path | None:
    """A set renamed aside by a writer between its two renames (systems without the exchange)."""
    for path in _leftovers(data_dir):
        if path.name.startswith(f".{data_dir.name}.old-") and (path / MARKER).is_file():
            return path
    return None


def open_tables(data_dir: Path, rebuild: bool = False) -> tuple[duckdb.DuckDBPyConnection, str, Path | None]:
    """A connection on the automatic statuses of the tables in data_dir, all read from one import: (the
    connection, the content key, the cache file or None when in memory). rebuild: do not trust the cache
    file (a reader found it damaged), build and publish it again."""
    data_dir = Path(os.path.abspath(data_dir))
    for attempt in range(50):
        try:
            fd = os.open(data_dir, os.O_RDONLY | os.O_DIRECTORY)
        except FileNotFoundError:
            stranded = _stranded(data_dir)
            if stranded is None:
                if attempt < 3:
                    time.sleep(0.05)
                    continue
                raise InputError(data_dir, "no normalized tables here", fix=FIX) from None
            try:
                fd = os.open(stranded, os.O_RDONLY | os.O_DIRECTORY)
            except OSError:
                continue
        except NotADirectoryError:
            raise InputError(data_dir, "not a folder of normalized tables", fix=FIX) from None
        try:
            return _open_in(fd, data_dir, rebuild)
        except _Moved:
            pass
        except (OSError, duckdb.Error, InputError):
            if not _moved(fd, data_dir):
                raise
        finally:
            os.close(fd)
        time.sleep(min(0.01 * attempt, 0.2))
    raise InputError(data_dir, "replaced again and again while being read; try again")


def is_damage(e: BaseException) -> bool:
    """Whether a DuckDB error while reading is a damaged file (rebuild the cache) rather than a bug."""
    if isinstance(e, (duckdb.IOException, duckdb.InternalException, duckdb.SerializationException)):
        return True
    text = str(e)
    return isinstance(e, duckdb.Error) and any(w in text for w in ("Corrupt", "checksum", "Could not read"))


@dataclass
class Opened:
    """A reading connection with the corrections applied, and what a reader needs to know about it."""

    con: duckdb.DuckDBPyConnection
    key: str                        # content key of the tables (with the rules and the SQL)
    cache: Path | None              # the cache file attached; None: built in memory
    known: corrections.Known
    entries: list[corrections.Entry] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def known(con: duckdb.DuckDBPyConnection) -> corrections.Known:
    def lookup(municipality, measure_id):
        rows = queries.run(con, "known_measure", municipality=municipality, measure_id=measure_id)
        return list(zip(rows.municipality, rows.fiscal_year, rows.automatic_status))
    return corrections.Known(lambda: queries.run(con, "municipalities").municipality.tolist(), lookup,
                             queries.run(con, "status_word_list").status.tolist())


def open_reader(data_dir: Path = DATA_DIR, overrides: Path | None = OVERRIDES, rebuild: bool = False) -> Opened:
    """The tables of data_dir (see open_tables) with the corrections file's entries laid over them.

    Bad rows of the corrections file are skipped, each with a warning (Opened.warnings)."""
    con, key, cache = open_tables(Path(data_dir), rebuild)
    try:
        overlay(con)
        facts = known(con)
        entries, warnings = corrections.read(Path(overrides), facts) if overrides else ([], [])
        add_corrections(con, entries)
    except duckdb.Error as e:
        if cache is None or rebuild or not is_damage(e):
            raise
        con.close()
        return open_reader(data_dir, overrides, rebuild=True)  # damaged past its header: build it again
    return Opened(con, key, cache, facts, entries, warnings)


def open_data(data_dir: Path = DATA_DIR, overrides: Path | None = OVERRIDES) -> duckdb.DuckDBPyConnection:
    """A reading connection on data_dir with the corrections applied (see open_reader); warnings dropped."""
    return open_reader(data_dir, overrides).con
