"""The reference files the rules are built from (data/status_rules.csv, signals.csv, status_thresholds.csv,
rule_words.csv, carry_over_stopwords.csv, status_words.csv), checked row by row before DuckDB reads them.

Each cell is checked against its table in queries/build/schema.sql (type, empty or not, the values a CHECK
allows, a key given twice) and every status-valued cell against the status words, so that a typo is one
line `error: FILE:LINE: [rule X: ]COLUMN 'value': what is allowed`, never a database's wording. A rule's
pattern RE2 cannot compile is named with its line when the rules are applied (db.apply_rules).
data/status_words.csv must define every status word the queries name (queries/build/named_statuses.sql).
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import duckdb

from . import queries
from .errors import InputError, csv_rows

# Cells that hold status words: table → {column: whether the cell is a space-separated list of them}.
STATUS_CELLS = {"status_thresholds": {"status": False}, "signals": {"evidence_of": True}}
_TYPES = {  # DuckDB type → (pattern of a cell it reads, what the cell must be)
    "INTEGER": (re.compile(r"[+-]?\d+"), "a whole number"),
    "DOUBLE": (re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?"), "a number (0.5)"),
    "BOOLEAN": (re.compile(r"(?i)true|false"), "true or false"),
}
_IN = re.compile(r"\((\w+) IN \((.*)\)\)")
_BETWEEN = re.compile(r"\((\w+) BETWEEN (-?\d+) AND (-?\d+)\)")
_MATCHES = re.compile(r"regexp_matches\((\w+), '((?:[^']|'')*)'\)")
_LITERAL = re.compile(r"'((?:[^']|'')*)'")


_CHECKS: dict[str, tuple[dict, dict, list]] = {}  # table → its checks (queries/build/schema.sql is read once)


def _value_checks(con: duckdb.DuckDBPyConnection, table: str) -> tuple[dict, dict, list[list[str]]]:
    """{column: [(test(value) -> bool, what is allowed)]} from the table's types (spaces around a number
    allowed, as DuckDB casts it) and CHECKs (the value as loaded), {column: nullable} and its keys."""
    if table not in _CHECKS:
        _CHECKS[table] = _read_checks(con, table)
    return _CHECKS[table]


def _read_checks(con: duckdb.DuckDBPyConnection, table: str) -> tuple[dict, dict, list[list[str]]]:
    checks: dict[str, list] = {}
    types = queries.run(con, "build/table_columns", table=table)
    for c in types.itertuples():
        if c.type in _TYPES:
            pattern, what = _TYPES[c.type]
            checks.setdefault(c.name, []).append((lambda v, match=pattern.fullmatch: match(v.strip()), what))
    keys = []
    for c in queries.run(con, "build/table_checks", table=table).itertuples():
        if c.kind != "CHECK":
            keys.append(list(c.columns))
        elif m := _IN.fullmatch(c.expression):
            allowed = [v.replace("''", "'") for v in _LITERAL.findall(m.group(2))]
            checks.setdefault(m.group(1), []).append((allowed.__contains__, f"one of {', '.join(allowed)}"))
        elif m := _BETWEEN.fullmatch(c.expression):
            low, high = int(m.group(2)), int(m.group(3))
            checks.setdefault(m.group(1), []).append(
                (lambda v, low=low, high=high: low <= int(v) <= high, f"a whole number from {low} to {high}"))
        elif m := _MATCHES.fullmatch(c.expression):
            pattern = re.compile(m.group(2).replace("''", "'"))
            checks.setdefault(m.group(1), []).append((pattern.search, f"matching {m.group(2)}"))
    return checks, dict(zip(types.name, types.nullable)), keys


def check_rows(con: duckdb.DuckDBPyConnection, path: Path, table: str, rows: list[tuple[int, list[str]]],
               statuses: list[str]) -> None:
    """Refuse (InputError naming the line) a row of `path` its table would not take, or that names a status
    not in `statuses`. rows: (line, cells) as they will be loaded, one cell per column of the table."""
    columns = con.table(table).columns
    checks, nullable, keys = _value_checks(con, table)
    single = next((k[0] for k in keys if len(k) == 1), None)  # a row's name: its key (rule_id, signal)
    seen: dict[tuple, int] = {}
    for line, cells in rows:
        row = dict(zip(columns, cells))
        named = f"{single.removesuffix('_id')} {row[single].strip()}: " if single and row[single].strip() else ""

        def bad(message: str):
            raise InputError(path, named + message, line=line)

        for column in columns:
            value = row[column]  # as it will be loaded
            if not value.strip():
                if not nullable[column]:
                    allowed = "; ".join(what for _, what in checks.get(column, [])) or "a value"
                    bad(f"{column} is empty: {allowed}")
                continue
            for test, what in checks.get(column, []):
                if not test(value):
                    bad(f"{column} {value!r}: {what}")
            if column in STATUS_CELLS.get(table, {}):
                for word in value.split() if STATUS_CELLS[table][column] else [value]:
                    if word not in statuses:
                        bad(f"{column} {word!r}: not a status word of data/status_words.csv ({', '.join(statuses)})")
        for key in keys:
            values = tuple(row[k].strip() for k in key)
            if (tuple(key), values) in seen:
                also = f"listed twice (also line {seen[(tuple(key), values)]})"
                bad(also if key == [single] else f"{','.join(key)} {','.join(values)!r} is {also}")
            seen[(tuple(key), values)] = line


def line_of(path: Path, column: str, value: str) -> int | None:
    """The line of the first row of a reference file whose `column` is `value`."""
    header, rows = csv_rows(path)
    return next((line for line, cells in rows if dict(zip(header, cells)).get(column, "").strip() == value), None)


def check_status_words(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    """Refuse data/status_words.csv when it has no row for a status word the queries name: the line of a
    word that looks like a misspelling of it, or the file."""
    needed = queries.run(con, "build/named_statuses").status.tolist()
    header, rows = csv_rows(path)
    lines = {cells[header.index("status")].strip(): line for line, cells in rows}
    for word in needed:
        if word not in lines:
            spare = [w for w in lines if w not in needed]
            close = difflib.get_close_matches(word, spare, n=1, cutoff=0.7)
            if close:
                raise InputError(path, f"status {close[0]!r}: the queries need the status word {word!r} "
                                       f"(they name {', '.join(needed)}; each needs a row)", line=lines[close[0]])
            raise InputError(path, f"no row for the status word {word!r}, which the queries name "
                                   f"(each of {', '.join(needed)} needs a row)")
