"""Many sources: several reports of one plan, synthetic municipalities, partitioned Parquet."""

from __future__ import annotations

import csv
import io
import re
import subprocess
import sys

import pytest

from dashboard import db, queries
from dashboard.normalize import normalize
from dashboard.source import read_source
from dashboard.synth import synth

from .conftest import ROOT, SEED

SHIROI = {"municipality": "白井市", "municipality_en": "Shiroi", "title": "t", "plan_period": "2018-2020"}


def next_years_table(tmp_path):
    """The seed as the 2021 table would be: 2020 results in the report column, changed for two measures."""
    text = SEED.read_text(encoding="utf-8")
    text = re.sub(r"2020\s*年度の(計画案|実績)", "2021年度の計画案", text)
    text = re.sub(r"2019\s*年度の進捗\s*[(（]2020\s*年\s*1\s*月時点[)）]", "2020年度の実績(2021年3月時点)", text)
    text = text.replace("●団塊の世代に対するイベントや効果的な周知は十分できていない。",
                        "●団塊の世代向けのイベントを開催することができた。")
    text = text.replace("●2025年問題や地域包括ケアシステムをテーマとした広報掲載は行っていない。",
                        "●2025年問題をテーマとした広報を掲載した。")
    path = tmp_path / "shiroi_2021.tsv"
    path.write_text(text, encoding="utf-8")
    return path


def test_reports_of_one_plan_line_up_measure_by_measure(tmp_path):
    first = read_source(SEED, [{"file": SEED.name, "source_id": "shiroi-2019", "report_year": "2019", **SHIROI}])
    second_path = next_years_table(tmp_path)
    second = read_source(second_path, [{"file": second_path.name, "source_id": "shiroi-2020", "report_year": "2020",
                                        **SHIROI}])
    con = db.from_tables(normalize([first, second]))
    rows = queries.run(con, "status", municipality=None, year=None, domains=None, statuses=None, q=None)
    assert len(rows) == 153  # one row per measure and year, not per report
    by = {(r.measure_id, r.fiscal_year): r for r in rows.itertuples()}
    assert by["6-3-4", 2019].status == "not_achieved" and by["6-3-4", 2019].source_id == "shiroi-2019"
    assert by["6-3-4", 2020].status == "achieved" and by["6-3-4", 2020].source_id == "shiroi-2020"
    assert by["4-3-3", 2020].evidence == "2025年問題をテーマとした広報を掲載した。"
    assert set(rows.municipality) == {"白井市"}


@pytest.mark.slow  # synthetic municipalities
def test_synth_is_deterministic_and_varies_by_municipality(tmp_path):
    a, b = synth(5, seed=7), synth(5, seed=7)
    assert a.rows == b.rows
    assert synth(5, seed=8).rows != a.rows
    sources = a.rows["sources"]
    assert [s["municipality"] for s in sources] == [f"合成市{k:04d}" for k in range(1, 6)]
    con = db.from_tables(a)
    totals = queries.run(con, "compare", year=2019, domains=None, statuses=None, q=None)
    shares = totals.drop_duplicates("municipality").municipality_lagging_share
    assert shares.nunique() > 1  # statuses distributed differently per municipality


@pytest.mark.slow  # synthetic municipalities
def test_synth_command_writes_parquet_at_scale_and_status_names_the_municipality(tmp_path):
    out = tmp_path / "syn"
    done = subprocess.run([sys.executable, "-m", "dashboard", "synth", "--municipalities", "60", "--out", str(out),
                           "--seed", "1"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert (out / "items.parquet").is_file() and not (out / "items.csv").exists()
    status = subprocess.run([sys.executable, "-m", "dashboard", "status", "--data", str(out), "--format", "csv",
                             "--year", "2019"], cwd=ROOT, capture_output=True, text=True)
    rows = list(csv.DictReader(io.StringIO(status.stdout)))
    assert {"municipality", "measure_id", "domain", "number", "fiscal_year", "status", "evidence"} <= set(rows[0])
    assert len({r["municipality"] for r in rows}) == 60


@pytest.mark.slow  # synthetic municipalities
def test_the_same_queries_run_on_partitioned_parquet(tmp_path, seed_con):
    """Tables written as hive-partitioned Parquet folders (as in object storage) load the same."""
    con = db.from_tables(synth(3, seed=2))
    out = tmp_path / "partitioned"
    out.mkdir()
    for name in db.TABLES:
        target = out / name
        rel = con.table(name)
        if len(rel) == 0:
            rel.write_parquet(str(out / f"{name}.parquet"))
        else:
            rel.write_parquet(str(target), partition_by=["source_id"])
    assert (out / "items" / "source_id=synth-0002").is_dir()
    flat = queries.run(con, "status", municipality=None, year=None, domains=None, statuses=None, q=None)
    again = queries.run(db.open_data(out), "status", municipality=None, year=None, domains=None, statuses=None, q=None)
    assert flat.shape == again.shape
    assert list(flat.status) == list(again.status) and list(flat.municipality) == list(again.municipality)
