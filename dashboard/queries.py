"""queries/*.sql, read once: each file answers one question; `$name` parameters bind from a dict.

A query that is empty fails when the folder is read; a call whose parameters do not match the
names its file uses fails before it reaches DuckDB. Both errors name the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import duckdb
import pandas as pd

QUERY_DIR = Path(__file__).resolve().parent.parent / "queries"

_COMMENT = re.compile(r"--[^\n]*|/\*.*?\*/", re.S)
_STRING = re.compile(r"'(?:[^']|'')*'")
_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


class QueryError(Exception):
    """A query file that cannot be used as written or called."""


def _code(sql: str) -> str:
    """The SQL without comments and string literals (where `$x` is not a parameter)."""
    return _STRING.sub("''", _COMMENT.sub(" ", sql))


@dataclass(frozen=True)
class Query:
    name: str
    path: Path
    sql: str
    params: frozenset[str]
    doc: str  # the leading comment: what one row is

    def check(self, params: dict) -> None:
        given = set(params)
        missing, extra = self.params - given, given - self.params
        if missing or extra:
            parts = []
            if missing:
                parts.append("missing " + ", ".join(f"${p}" for p in sorted(missing)))
            if extra:
                parts.append("unexpected " + ", ".join(f"${p}" for p in sorted(extra)))
            raise QueryError(f"{self.path.name}: parameters do not match ({'; '.join(parts)})")


def parse(path: Path) -> Query:
    sql = path.read_text(encoding="utf-8")
    code = _code(sql)
    if not code.strip(" \n\t;"):
        raise QueryError(f"{path.name}: query is empty")
    doc = "\n".join(
        line[2:].strip() for line in sql.splitlines() if line.startswith("--")
    ).split("\n\n")[0]
    return Query(path.stem, path, sql, frozenset(_PARAM.findall(code)), doc)


@lru_cache(maxsize=None)
def load(folder: Path = QUERY_DIR) -> dict[str, Query]:
    """Every .sql file of the folder and its subfolders, by name: the path without .sql
    (`status`, `build/schema`): questions at the top, the database's build steps in build/."""
    queries = {p.relative_to(folder).with_suffix("").as_posix(): parse(p) for p in sorted(folder.rglob("*.sql"))}
    if not queries:
        raise QueryError(f"{folder}: no .sql files")
    return queries


def get(name: str) -> Query:
    try:
        return load()[name]
    except KeyError:
        raise QueryError(f"{name}.sql: no such query in {QUERY_DIR}") from None


def run(con: duckdb.DuckDBPyConnection, name: str, **params) -> pd.DataFrame:
    """Run queries/<name>.sql on its own cursor (a connection is not thread-safe) and fetch it all."""
    query = get(name)
    query.check(params)
    cur = con.cursor()
    try:
        return cur.execute(query.sql, params).df() if params else cur.execute(query.sql).df()
    finally:
        cur.close()


def relation(con: duckdb.DuckDBPyConnection, name: str, **params) -> duckdb.DuckDBPyRelation:
    """queries/<name>.sql as a lazy DuckDB relation (for writing large results without pandas)."""
    query = get(name)
    query.check(params)
    return con.cursor().sql(query.sql, params=params or None)


def execute(con: duckdb.DuckDBPyConnection, name: str, **params) -> None:
    """Run a statement that returns no rows (an insert) on its own cursor."""
    query = get(name)
    query.check(params)
    cur = con.cursor()
    try:
        cur.execute(query.sql, params)
    finally:
        cur.close()


def script(con: duckdb.DuckDBPyConnection, name: str) -> None:
    """Run a parameterless file of statements (DDL)."""
    query = get(name)
    query.check({})
    con.execute(query.sql)
