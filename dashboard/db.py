"""DuckDB: the schema from queries/, normalized tables in and out, and the rules beside them."""

from __future__ import annotations

import csv
import hashlib
import os
import shutil
import tempfile
from pathlib import Path

import duckdb
import pandas as pd

from . import queries
from .errors import InputError
from .normalize import Tables
from .source import ROOT
from .textfix import cleaner

DATA_DIR = ROOT / "data" / "normalized"
RULES = ROOT / "data" / "status_rules.csv"
STATUS_WORDS = ROOT / "data" / "status_words.csv"
STOPWORDS = ROOT / "data" / "carry_over_stopwords.csv"
THRESHOLDS = ROOT / "data" / "status_thresholds.csv"
VARIANTS = ROOT / "data" / "text_variants.csv"
OVERRIDES = ROOT / "data" / "status_overrides.csv"
TABLES = tuple(Tables().rows)  # the tables `normalize` writes, in dependency order
FIX = "python -m dashboard normalize"
# The rules pipeline in queries/build/, in the order each view needs the one before; every row of
# measure_status comes out of it. match_rule.sql fills rule_matches between the first two.
PIPELINE = ("build/report_sentences", "build/rule_matches", "build/sentence_matches", "build/sentence_status",
            "build/report_status", "build/status_base", "build/carry_over", "build/measure_status",
            "build/selected_measures")


def new_database(overrides: Path | None = OVERRIDES, path: str = ":memory:") -> duckdb.DuckDBPyConnection:
    """An in-memory database with the schema, the status rules and the planners' overrides.

    Load the normalized tables into it, then call apply_rules().
    """
    con = duckdb.connect(path)
    queries.script(con, "build/schema")
    queries.execute(con, "build/status_words", path=str(STATUS_WORDS))
    for table, path in (("status_rules", RULES), ("status_thresholds", THRESHOLDS), ("carry_over_stopwords", STOPWORDS),
                        ("status_overrides", overrides)):
        if path is None:
            continue
        try:
            _read_file(con, table, path)
        except duckdb.Error as e:
            raise InputError(path, str(e).splitlines()[0]) from None
    return con


def apply_rules(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """Clean the reports' text, split them into sentences, match every rule (one query each) and create
    the status views."""
    _clean_reports(con)
    queries.script(con, PIPELINE[0])
    queries.script(con, PIPELINE[1])
    for rule in queries.run(con, "build/status_rule_list").itertuples():
        try:
            queries.execute(con, "build/match_rule", rule_id=rule.rule_id, pattern=rule.pattern, signal=rule.signal)
        except duckdb.Error as e:
            raise InputError(RULES, f"rule {rule.rule_id}: {str(e).splitlines()[0]}") from None
    for name in PIPELINE[2:]:
        queries.script(con, name)
    return con


def _clean_reports(con: duckdb.DuckDBPyConnection) -> None:
    """Fill report_text: the report items that hygiene changes, cleaned, with the map back to the original."""
    with VARIANTS.open(encoding="utf-8", newline="") as f:
        clean = cleaner({row["written"]: row["as"] for row in csv.DictReader(f)})
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
                               f"({', '.join(expected)}); run `{FIX}`")
    rel.insert_into(table)


def from_tables(tables: Tables) -> duckdb.DuckDBPyConnection:
    con = new_database(overrides=None)
    for name in TABLES:
        _insert(con, name, tables.rows[name])
    return apply_rules(con)


def write(con: duckdb.DuckDBPyConnection, out_dir: Path, fmt: str = "csv") -> None:
    """Write every normalized table to out_dir, atomically: a temporary sibling is renamed into place."""
    out_dir = Path(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", dir=out_dir.parent))
    try:
        for name in TABLES:
            rel = con.table(name)
            if fmt == "parquet":
                rel.write_parquet(str(tmp / f"{name}.parquet"))
            else:
                rel.write_csv(str(tmp / f"{name}.csv"), header=True)
        old = None
        if out_dir.exists():
            old = out_dir.with_name(f".{out_dir.name}.old-{os.getpid()}")
            os.rename(out_dir, old)
        try:
            os.rename(tmp, out_dir)
        except OSError:
            if old is not None:
                os.rename(old, out_dir)
            raise
        if old is not None:
            shutil.rmtree(old)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def write_file(path: Path, data: bytes) -> None:
    """Write a file atomically: a temporary sibling renamed over it."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


CACHE = ".careplan-cache"


def _table_files(data_dir: Path) -> dict[str, Path]:
    """Each table's file: NAME.parquet, NAME.csv, or a folder NAME/ of partitioned Parquet files."""
    files = {}
    for name in TABLES:
        candidates = (data_dir / f"{name}.parquet", data_dir / f"{name}.csv", data_dir / name)
        path = next((p for p in candidates if p.is_file() or (p.is_dir() and any(p.rglob("*.parquet")))), None)
        if path is None:
            raise InputError(data_dir / f"{name}.csv", f"missing; run `{FIX}`")
        files[name] = path
    return files


def fingerprint(files: list[Path]) -> str:
    """What a cached database was built from: the files' names, sizes and times, and the code's SQL."""
    digest = hashlib.sha256()
    expanded = [q for p in files for q in (sorted(p.rglob("*.parquet")) if p.is_dir() else [p])]
    for path in [*expanded, *sorted(queries.QUERY_DIR.rglob("*.sql")), STATUS_WORDS, STOPWORDS, THRESHOLDS, VARIANTS]:
        stat = path.stat()
        digest.update(f"{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def _build(target: str, files: dict[str, Path], overrides: Path | None, key: str) -> duckdb.DuckDBPyConnection:
    con = new_database(overrides, target)
    for name, path in files.items():
        try:
            _read_file(con, name, path)
        except duckdb.Error as e:
            raise InputError(path, f"cannot be read ({str(e).splitlines()[0]}); run `{FIX}`") from None
    apply_rules(con)
    queries.script(con, "build/materialize")
    con.from_df(pd.DataFrame({"key": [key]})).create("cache_key")
    return con


def open_data(data_dir: Path = DATA_DIR, overrides: Path | None = OVERRIDES) -> duckdb.DuckDBPyConnection:
    """A database holding the normalized tables found in data_dir, with the rules and overrides applied.

    The result is kept beside the tables in a DuckDB file named by the fingerprint of what it was built
    from (.careplan-cache-<fingerprint>.duckdb): a changed table, rule, override or query file makes a
    new one. It is opened read-only, so any number of threads can query it through their own cursors.
    A directory that cannot be written is computed in memory instead.
    """
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        raise InputError(data_dir, f"no normalized tables here; run `{FIX}`")
    files = _table_files(data_dir)
    key = fingerprint([*files.values(), RULES, *([overrides] if overrides else [])])
    cache = data_dir / f"{CACHE}-{key[:20]}.duckdb"
    if cache.is_file():
        try:
            con = duckdb.connect(str(cache), read_only=True)
            if queries.run(con, "build/cache_key").key.tolist() == [key]:
                return con
            con.close()
        except duckdb.Error:
            pass  # a broken cache: rebuild it
    try:
        fd, tmp = tempfile.mkstemp(prefix=f"{CACHE}.", dir=data_dir)
    except OSError:
        return _build(":memory:", files, overrides, key)
    os.close(fd)
    os.unlink(tmp)  # DuckDB creates the file itself
    try:
        _build(tmp, files, overrides, key).close()
        os.replace(tmp, cache)
    finally:
        for leftover in (Path(tmp), Path(tmp + ".wal")):
            leftover.unlink(missing_ok=True)
    for old in data_dir.glob(f"{CACHE}-*.duckdb"):
        if old != cache:
            old.unlink(missing_ok=True)  # built from files that have changed since
    return duckdb.connect(str(cache), read_only=True)
