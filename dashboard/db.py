"""DuckDB: the schema from queries/, normalized tables in and out, and the rules beside them."""

from __future__ import annotations

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

DATA_DIR = ROOT / "data" / "normalized"
RULES = ROOT / "data" / "status_rules.csv"
OVERRIDES = ROOT / "data" / "status_overrides.csv"
TABLES = tuple(Tables().rows)  # the tables `normalize` writes, in dependency order
FIX = "python -m dashboard normalize"


def new_database(overrides: Path | None = OVERRIDES) -> duckdb.DuckDBPyConnection:
    """An in-memory database with the schema, the status rules and the planners' overrides."""
    con = duckdb.connect(":memory:")
    queries.script(con, "schema")
    for table, path in (("status_rules", RULES), ("status_overrides", overrides)):
        if path is None:
            continue
        try:
            _read_file(con, table, path)
        except duckdb.Error as e:
            raise InputError(path, str(e).splitlines()[0]) from None
    queries.script(con, "rules")
    return con


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict]) -> None:
    columns = con.table(table).columns
    frame = pd.DataFrame(rows, columns=columns, dtype=object)
    if len(frame):
        con.from_df(frame).insert_into(table)


def _read_file(con: duckdb.DuckDBPyConnection, table: str, path: Path) -> None:
    if path.suffix == ".parquet":
        rel = con.read_parquet(str(path))
    else:
        rel = con.read_csv(str(path), header=True, all_varchar=True, encoding="utf-8")
    expected = con.table(table).columns
    if rel.columns != expected:
        raise InputError(path, f"columns {', '.join(rel.columns)} do not match the schema "
                               f"({', '.join(expected)}); run `{FIX}`")
    rel.insert_into(table)


def from_tables(tables: Tables) -> duckdb.DuckDBPyConnection:
    con = new_database(overrides=None)
    for name in TABLES:
        _insert(con, name, tables.rows[name])
    return con


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


def open_data(data_dir: Path = DATA_DIR, overrides: Path | None = OVERRIDES) -> duckdb.DuckDBPyConnection:
    """A database holding the normalized tables found in data_dir, with the overrides applied."""
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        raise InputError(data_dir, f"no normalized tables here; run `{FIX}`")
    con = new_database(overrides)
    for name in TABLES:
        path = next((p for p in (data_dir / f"{name}.parquet", data_dir / f"{name}.csv") if p.is_file()), None)
        if path is None:
            raise InputError(data_dir / f"{name}.csv", f"missing; run `{FIX}`")
        try:
            _read_file(con, name, path)
        except duckdb.Error as e:
            raise InputError(path, f"cannot be read ({str(e).splitlines()[0]}); run `{FIX}`") from None
    return con
