"""Status rules measured against hand labels, and the evidence that comes with every status."""

from __future__ import annotations

import csv
from collections import Counter

import pytest

from dashboard import queries
from dashboard.status import classify

from .conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures"
THRESHOLD = 0.95


def _labels(name: str) -> list[dict]:
    with (FIXTURES / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _agreement(name: str, pairs: list[tuple[str, str, str]]) -> float:
    """Print agreement per label and every disagreement; return the overall agreement."""
    total, hits = Counter(), Counter()
    for expected, got, what in pairs:
        total[expected] += 1
        hits[expected] += expected == got
    print(f"\n{name}: {sum(hits.values())}/{len(pairs)} agree")
    for label in sorted(total):
        print(f"  {label:13} {hits[label]}/{total[label]} ({hits[label] / total[label]:.0%})")
    for expected, got, what in pairs:
        if expected != got:
            print(f"  disagree: labelled {expected}, rules say {got}: {what}")
    return sum(hits.values()) / len(pairs)


def test_seed_reports_agree_with_a_planners_labels(seed_con):
    labels = _labels("labels_seed_2019.csv")
    rows = queries.run(seed_con, "status", municipality=None, year=2019, domains=None, statuses=None, q=None)
    got = dict(zip(rows.measure_id, rows.automatic_status))
    reported = set(rows[rows.report.notna()].measure_id)
    assert {r["measure_id"] for r in labels} == reported, "every 2019 report has a label"
    pairs = [(r["status"], got[r["measure_id"]], f"{r['measure_id']} ({r['reason']})") for r in labels]
    assert _agreement("seed 2019 reports", pairs) >= THRESHOLD


def test_other_phrasings_agree_with_their_labels():
    labels = _labels("labels_phrasings.csv")
    assert len(labels) >= 40
    out = classify([r["text"] for r in labels])
    pairs = [(r["status"], s, r["text"]) for r, s in zip(labels, out.status)]
    assert _agreement("other phrasings", pairs) >= THRESHOLD


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("研修会を開催することができた。", "achieved"),
        ("研修会は開催できていない。", "not_achieved"),
        ("研修会を開催したが、参加者は十分であったとは言えない。", "partial"),
        ("研修会の開催は延期した。", "not_achieved"),
        ("（コロナウィルスにより中止）", "cancelled"),
        ("チラシを作成した。（コロナウィルスにより中止）", "partial"),
        ("", "no_report"),
        ("あいうえお", "achieved"),  # no phrase matched: achieved, evidence_rule none
    ],
)
def test_classify_decides_each_kind_of_sentence(text, status):
    assert classify([text]).status.iloc[0] == status


def test_every_reported_status_has_evidence_whose_phrase_sits_at_its_offsets(seed_con):
    rows = queries.run(seed_con, "status", municipality=None, year=None, domains=None, statuses=None, q=None)
    reported = rows[rows.report.notna()]
    assert reported.evidence.notna().all()
    for r in reported[reported.evidence_rule != "none"].itertuples():
        assert r.evidence[int(r.evidence_start):int(r.evidence_end)] == r.evidence_phrase, r.measure_id
        assert r.evidence in r.report


def test_a_planners_correction_replaces_the_status_and_keeps_the_automatic_evidence(seed_dir, tmp_path):
    from dashboard import db

    overrides = tmp_path / "status_overrides.csv"
    overrides.write_text(
        "recorded_at,municipality,measure_id,fiscal_year,action,status,automatic_status,reason,by\n"
        "2026-11-20T10:00:00+09:00,,6-3-5,2019,correct,not_achieved,partial,サロンのポイント交付は未実施,高齢者支援課\n",
        encoding="utf-8")
    con = db.open_data(seed_dir, overrides=overrides)
    rows = queries.run(con, "status", municipality=None, year=2019, domains=None, statuses=None, q=None).set_index("measure_id")
    row = rows.loc["6-3-5"]
    assert (row.status, row.automatic_status, row.status_source) == ("not_achieved", "partial", "confirmed")
    assert row.confirmed_reason == "サロンのポイント交付は未実施" and str(row.confirmed_on) == "2026-11-20"
    assert "実施できていない" in row.evidence and not row.correction_stale
    assert rows.loc["6-3-4", "status_source"] == "automatic"


def test_a_corrections_row_with_an_unknown_status_is_skipped_with_a_warning_naming_the_line(seed_dir, tmp_path):
    from dashboard import db

    overrides = tmp_path / "status_overrides.csv"
    overrides.write_text("recorded_at,municipality,measure_id,fiscal_year,action,status,automatic_status,reason,by\n"
                         "2026-11-20T10:00:00+09:00,,6-3-5,2019,correct,done,,x,\n", encoding="utf-8")
    opened = db.open_reader(seed_dir, overrides=overrides)
    assert opened.warnings == [f"{overrides}:2: unknown status 'done'; row skipped"]
    rows = queries.run(opened.con, "status", municipality=None, year=2019, domains=None, statuses=None, q=None)
    assert set(rows.status_source) == {"automatic"}


@pytest.mark.parametrize(
    ("measure_id", "carry_over", "term"),
    [
        ("3-1-1", "addressed", "医療機関"),  # 医療機関に周知の個別依頼が出来ていない → 医療機関を訪問し…
        ("3-2-2", "addressed", "スーパービジョン"),
        ("6-3-4", "not_addressed", None),  # 団塊の世代への周知 → the plan only says 実施方法を検討する
        ("2-1-7", "not_addressed", None),  # 地域リハビリテーション事業 is not in the plan
    ],
)
def test_carry_over_says_whether_next_years_plan_addresses_the_shortfall(seed_con, measure_id, carry_over, term):
    rows = queries.run(seed_con, "status", municipality=None, year=2019, domains=None, statuses=None, q=None).set_index("measure_id")
    assert rows.loc[measure_id, "carry_over"] == carry_over
    if term:
        assert term in rows.loc[measure_id, "carry_over_terms"]
    assert rows[~rows.lagging].carry_over.isna().all()
