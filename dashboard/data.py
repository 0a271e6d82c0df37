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


@st.cache_data(show_spinner=False, max_entries=512)
def _run(_con, path: str, name: str, params: tuple) -> pd.DataFrame:
    return queries.run(_con, name, **{k: (list(v) if isinstance(v, tuple) else v) for k, v in params})


def run(name: str, **params) -> pd.DataFrame:
    """Run queries/<name>.sql on the shown data; lists become tuples so results cache by value."""
    path, overrides = data_dir(), overrides_file()
    key = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in params.items()))
    return _run(connection(path, overrides), f"{path}|{overrides}", name, key)
