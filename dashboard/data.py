"""The app's access to DuckDB: one cached connection, a cursor per query, cached results."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import streamlit as st

from . import db, queries


def data_dir() -> str:
    """The normalized tables to show: $CAREPLAN_DATA, or data/normalized/."""
    return str(Path(os.environ.get("CAREPLAN_DATA") or db.DATA_DIR).resolve())


def overrides_file() -> str:
    """Planners' status corrections: $CAREPLAN_OVERRIDES, or data/status_overrides.csv."""
    return str(Path(os.environ.get("CAREPLAN_OVERRIDES") or db.OVERRIDES).resolve())


@st.cache_resource(show_spinner=False)
def connection(path: str, overrides: str):
    return db.open_data(Path(path), overrides=Path(overrides))


# Results are kept as objects, not copies (st.cache_resource, not st.cache_data): a rerun then costs
# no unpickling. They are shared by every session, so callers treat them as read-only.
@st.cache_resource(show_spinner=False, max_entries=1024)
def _run(_con, path: str, name: str, params: tuple) -> pd.DataFrame:
    return queries.run(_con, name, **{k: (list(v) if isinstance(v, tuple) else v) for k, v in params})


def _key(params: dict) -> tuple:
    return tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in params.items()))


def run(name: str, **params) -> pd.DataFrame:
    """Run queries/<name>.sql on the shown data (read-only result); lists become tuples to cache by value."""
    path, overrides = data_dir(), overrides_file()
    return _run(connection(path, overrides), f"{path}|{overrides}", name, _key(params))


@st.cache_resource(show_spinner=False, max_entries=512)
def _derived(_build, path: str, name: str, params: tuple):
    return _build(**{k: (list(v) if isinstance(v, tuple) else v) for k, v in params})


def derived(build, **params):
    """What a view builds from query results (a Plotly figure, a display table), built once per data set
    and parameters and shared read-only: building costs more than drawing."""
    return _derived(build, f"{data_dir()}|{overrides_file()}", f"{build.__module__}.{build.__qualname__}",
                    _key(params))
