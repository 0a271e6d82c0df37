"""The app's access to DuckDB: a reading connection per data snapshot, a cursor per query, and results
kept in a cache bounded in bytes.

Each script run takes a snapshot (`begin_run`): a cheap stat of the table files and of the corrections
file (device, inode, size, mtime, ctime) finds the reading connection; when any of them changed, a new
one is opened (the cached statuses are reused when the tables' content is the same; only the
corrections are read again). Results and what views build from them are keyed by the snapshot's
fingerprint (the tables' content hash and the corrections in force), the query and its parameters, so
the next page view after an import or a correction shows it, without a restart.
"""

from __future__ import annotations

import hashlib
import os
import sys
import threading
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import streamlit as st

from . import db, queries
from .i18n import Names

CACHE_MB = int(os.environ.get("CAREPLAN_CACHE_MB") or 256)  # results and built figures, all sessions together
READERS = 2  # reading connections kept: the current snapshot and the one before (runs still on it)
_SESSION_KEY = "_careplan_snapshot"


def data_dir() -> str:
    """The normalized tables to show: $CAREPLAN_DATA, or data/normalized/."""
    return str(Path(os.environ.get("CAREPLAN_DATA") or db.DATA_DIR).resolve())


def overrides_file() -> str:
    """Planners' status corrections: $CAREPLAN_OVERRIDES, or data/status_overrides.csv."""
    return str(Path(os.environ.get("CAREPLAN_OVERRIDES") or db.OVERRIDES).resolve())


def size_of(obj: Any) -> int:
    """Bytes an object holds, roughly: DataFrames measured deep; a Plotly figure by its JSON."""
    if obj is None or isinstance(obj, (bool, int, float)):
        return 32
    if isinstance(obj, pd.DataFrame):
        return int(obj.memory_usage(index=True, deep=True).sum()) + 1024
    if isinstance(obj, (pd.Series, pd.Index)):
        return int(obj.memory_usage(deep=True)) + 512
    if isinstance(obj, (str, bytes)):
        return sys.getsizeof(obj)
    if isinstance(obj, (tuple, list, set, frozenset)):
        items = list(obj)
        if len(items) > 1000:  # a sample, scaled up
            step = len(items) // 1000
            return 64 + sys.getsizeof(items) + sum(size_of(x) for x in items[::step]) * step
        return 64 + sys.getsizeof(items) + sum(size_of(x) for x in items)
    if isinstance(obj, dict):
        return 64 + sys.getsizeof(obj) + sum(size_of(k) + size_of(v) for k, v in obj.items())
    if hasattr(obj, "to_json"):  # a Plotly figure
        try:
            return 2 * len(obj.to_json())
        except Exception:  # noqa: BLE001 - an estimate only
            pass
    return sys.getsizeof(obj)


class ByteLRU:
    """A least-recently-used cache bounded by the bytes its values hold (size_of), shared by threads.

    A value larger than a quarter of the budget is returned but not kept.
    """

    def __init__(self, budget: int):
        self.budget = budget
        self.used = 0
        self._items: OrderedDict[Any, tuple[Any, int]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key, make: Callable[[], Any]):
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key][0]
        value = make()  # outside the lock: other sessions go on meanwhile
        size = size_of(value)
        if size > self.budget // 4:
            return value
        with self._lock:
            if key not in self._items:
                self._items[key] = (value, size)
                self.used += size
            while self.used > self.budget and self._items:
                _, (_, dropped) = self._items.popitem(last=False)
                self.used -= dropped
        return value

    def retain(self, keep: Callable[[Any], bool]) -> None:
        with self._lock:
            for key in [k for k in self._items if not keep(k)]:
                self.used -= self._items.pop(key)[1]

    def __len__(self) -> int:
        return len(self._items)


RESULTS = ByteLRU(CACHE_MB * 1024 * 1024)


class Snapshot:
    """One reading connection (db.Opened) and its fingerprint: the tables' content hash and the
    corrections in force."""

    def __init__(self, opened: db.Opened, path: str, overrides: str):
        self.opened = opened
        self.path, self.overrides = path, overrides
        entries = sorted(tuple(e.cells()) for e in opened.entries)
        self.fingerprint = opened.key[:32] + "-" + hashlib.sha256(repr(entries).encode()).hexdigest()[:16]

    @property
    def warnings(self) -> list[str]:
        return self.opened.warnings


_LOCK = threading.Lock()
_SNAPSHOTS: OrderedDict[tuple, Snapshot] = OrderedDict()


def snapshot() -> Snapshot:
    """The reading connection for the files as they are now (a few stat calls when nothing changed)."""
    path, overrides = data_dir(), overrides_file()
    key = (path, overrides, db.stat_key(Path(path), Path(overrides)))
    with _LOCK:
        if key in _SNAPSHOTS:
            _SNAPSHOTS.move_to_end(key)
            return _SNAPSHOTS[key]
        snap = Snapshot(db.open_reader(Path(path), Path(overrides)), path, overrides)  # one opener at a time
        _SNAPSHOTS[key] = snap
        while len(_SNAPSHOTS) > READERS:
            _SNAPSHOTS.popitem(last=False)  # closed when the last run using it lets go
        current = {s.fingerprint for s in _SNAPSHOTS.values()}
    RESULTS.retain(lambda k: k[0] in current)  # results of replaced data: free them now
    return snap


def _repair(snap: Snapshot) -> Snapshot:
    """The cache file failed while being read: build it again (published by rename) and use the new one."""
    fresh = Snapshot(db.open_reader(Path(snap.path), Path(snap.overrides), rebuild=True), snap.path, snap.overrides)
    with _LOCK:
        for key, value in list(_SNAPSHOTS.items()):
            if value is snap:
                _SNAPSHOTS[key] = fresh
    RESULTS.retain(lambda k: k[0] != snap.fingerprint)
    return fresh


def begin_run() -> Snapshot:
    """Take the snapshot this script run shows (every query of the run reads the same data)."""
    snap = snapshot()
    try:
        st.session_state[_SESSION_KEY] = snap
    except Exception:  # noqa: BLE001 - outside a Streamlit run
        pass
    return snap


def current() -> Snapshot:
    try:
        snap = st.session_state.get(_SESSION_KEY)
    except Exception:  # noqa: BLE001 - outside a Streamlit run
        snap = None
    return snap if snap is not None else snapshot()


def _key(params: dict) -> tuple:
    return tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in params.items()))


def _params(key: tuple) -> dict:
    return {k: (list(v) if isinstance(v, tuple) else v) for k, v in key}


def _query(snap: Snapshot, name: str, params: tuple) -> pd.DataFrame:
    try:
        return queries.run(snap.opened.con, name, **_params(params))
    except duckdb.Error as e:
        if snap.opened.cache is None or not db.is_damage(e):
            raise
    fresh = _repair(snap)
    try:
        st.session_state[_SESSION_KEY] = fresh
    except Exception:  # noqa: BLE001
        pass
    return queries.run(fresh.opened.con, name, **_params(params))


def run(name: str, **params) -> pd.DataFrame:
    """Run queries/<name>.sql on the shown data (read-only result, shared by every session)."""
    snap = current()
    key = _key(params)
    return RESULTS.get((snap.fingerprint, "query", name, key), lambda: _query(snap, name, key))


def derived(build, **params):
    """What a view builds from query results (a Plotly figure, a display table), built once per data
    snapshot and parameters and shared read-only: building costs more than drawing."""
    key = _key(params)
    name = f"{build.__module__}.{build.__qualname__}"
    return RESULTS.get((current().fingerprint, "derived", name, key), lambda: build(**_params(key)))


def _names() -> Names:
    return Names.from_rows(run("names"))


def names() -> Names:
    """The names of domains and municipalities in other languages (queries/names.sql), for the data shown."""
    return derived(_names)


def shown_file() -> str:
    """The corrections file as the page names it: its path inside the project, else only its name (the
    server's folders are not shown to viewers)."""
    path = Path(overrides_file())
    root = Path(db.OVERRIDES).resolve().parent.parent
    return str(path.relative_to(root)) if path.is_relative_to(root) else path.name


def warnings() -> list[str]:
    """Rows of the corrections file that were skipped, one line each (FILE:LINE: why), the file as
    shown_file names it."""
    from .corrections import Skipped

    full, short = overrides_file(), shown_file()
    return [(w.at(short + w.where[len(full):]) if isinstance(w, Skipped) else short + w[len(full):])
            if w.startswith(full) else w for w in current().warnings]


def corrections_in_force() -> int:
    from .corrections import latest
    return len(latest(current().opened.entries))
