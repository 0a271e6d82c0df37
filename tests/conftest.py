"""Shared fixtures: the seed normalized once per session, small hand-made sources."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from dashboard import db
from dashboard.cli import main

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "data" / "raw" / "shiroi_2018-2020_progress.tsv"
HEADER = (
    "領域\t番号\t2018-2020年度の取組みを目標としている項目\t年度の進捗目標\t\t\t"
    "2019年度の進捗(2020年1月時点)\t2020年度の計画案\n"
    "\t\t\t2018\t2019\t2020\t\t\n"
)


@pytest.fixture(scope="session")
def seed_dir(tmp_path_factory) -> Path:
    """data/normalized/ as `python -m dashboard normalize` writes it from the bundled source."""
    out = tmp_path_factory.mktemp("normalized")
    assert main(["normalize", "--out", str(out)]) == 0
    return out


@pytest.fixture(scope="session")
def seed_tables(seed_dir) -> dict[str, pd.DataFrame]:
    return {name: pd.read_csv(seed_dir / f"{name}.csv", dtype=str, keep_default_na=False) for name in db.TABLES}


@pytest.fixture(scope="session")
def seed_con(seed_dir):
    return db.open_data(seed_dir)


def write_source(tmp_path: Path, body: str, header: str = HEADER, name: str = "table.tsv") -> Path:
    """A small source file: the given header, then body rows (tab-separated)."""
    path = tmp_path / name
    path.write_text(header + body, encoding="utf-8")
    return path
