"""Downloads: CSV with a BOM and Excel, no cell able to act as a formula, the text kept."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest

from dashboard import export
from dashboard.i18n import Names

from .conftest import cli

RISKY = ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "普通の文", "1. 項目"]


@pytest.mark.parametrize(
    ("value", "written"),
    [("=1+1", "'=1+1"), ("+SUM(A1)", "'+SUM(A1)"), ("-2+3", "'-2+3"), ("@cmd", "'@cmd"),
     ("普通の文", "普通の文"), ("a=b", "a=b"), (2019, 2019), (None, None),
     ("＝1+1", "'＝1+1"), ("＋SUM(A1)", "'＋SUM(A1)"), ("－2+3", "'－2+3"), ("＠cmd", "'＠cmd"), ("a＝b", "a＝b")],
)
def test_neutralize(value, written):
    assert export.neutralize(value) == written


def test_csv_has_a_bom_and_no_live_formula():
    frame = pd.DataFrame({"evidence": RISKY})
    data = export.to_csv(frame)
    assert data.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    assert list(back.evidence) == ["'=1+1", "'+SUM(A1)", "'-2+3", "'@cmd", "普通の文", "1. 項目"]


def test_xlsx_cells_are_text_not_formulas():
    frame = pd.DataFrame({"evidence": RISKY})
    book = openpyxl.load_workbook(io.BytesIO(export.to_xlsx(frame)))
    cells = [row[0] for row in book.active.iter_rows(min_row=2)]
    assert [c.value for c in cells] == RISKY  # the text kept exactly
    assert {c.data_type for c in cells} == {"s"}  # strings, never formulas


def test_export_command_writes_the_filtered_table(tmp_path):
    out = tmp_path / "t.xlsx"
    done = cli("export", "--year", "2019", "--domain", "生活支援", "--out", str(out))
    assert done.returncode == 0, done.stderr
    sheet = openpyxl.load_workbook(out).active
    header = [c.value for c in next(sheet.iter_rows(max_row=1))]
    assert {"domain", "number", "measure", "target", "status", "evidence", "report", "plan"} <= set(header)
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 10 and {r[header.index("domain")] for r in rows} == {"生活支援"}


def test_export_gives_the_domain_as_in_the_source_and_its_name_in_the_language(tmp_path):
    """domain: the canonical name; domain_label: the name in --lang (from the names table)."""
    out = tmp_path / "t.csv"
    done = cli("export", "--year", "2019", "--domain", "Daily-life support", "--lang", "en", "--out", str(out))
    assert done.returncode == 0, done.stderr
    frame = pd.read_csv(out, encoding="utf-8-sig")
    assert len(frame) == 10 and set(frame.domain) == {"生活支援"} and set(frame.domain_label) == {"Daily-life support"}


def test_export_refuses_an_unknown_extension(tmp_path):
    done = cli("export", "--out", str(tmp_path / "t.txt"))
    assert done.returncode == 2 and done.stderr.startswith("error: ") and "Traceback" not in done.stderr


def test_a_text_too_long_for_an_excel_cell_is_cut_with_a_note_and_a_warning():
    long = "進捗" * 20_000 + "末尾"  # 40,002 characters; an Excel cell holds 32,767
    frame = pd.DataFrame({"measure_id": ["1-1-1", "1-1-2"], "fiscal_year": [2019, 2019], "evidence": [long, "短い"]})
    cells = [row[2] for row in openpyxl.load_workbook(io.BytesIO(export.to_xlsx(frame))).active.iter_rows(min_row=2)]
    assert len(cells[0].value) <= export.XLSX_CELL and cells[1].value == "短い"
    assert cells[0].value.startswith("進捗進捗") and cells[0].value.endswith("…（以下省略: 全40,002文字はCSVを参照）")
    assert export.warnings(frame, ".xlsx") == [
        "evidence of 1-1-1 2019 has 40,002 characters, more than an Excel cell holds (32,767): cut in the .xlsx with "
        "a note at its end; the .csv keeps it whole"]
    assert export.warnings(frame, ".csv") == []
    back = pd.read_csv(io.BytesIO(export.to_csv(frame)), encoding="utf-8-sig")
    assert back.evidence[0] == long  # the CSV keeps the whole text


def test_a_views_download_is_in_the_ui_language_in_the_order_given(seed_con):
    from dashboard import queries

    rows = queries.run(seed_con, "lagging", municipality=None, year=2019, domains=None, statuses=None, q=None,
                       carry_over=None)
    frame = export.view_table(rows, "lagging", "ja")
    assert list(frame.columns[:8]) == ["番号", "領域", "取組み", "年度", "目標", "状況", "状況コード", "根拠"]
    assert list(frame["番号"]) == list(rows.number)  # the order shown, not re-sorted
    assert set(frame["状況コード"]) == {"not_achieved", "partial"} and "未達成" in set(frame["状況"])
    assert set(frame["次年度計画への反映"]) == {"あり", "見当たらない"}
    assert "住まいの確保" in set(frame["領域"])
    english = export.view_table(rows, "lagging", "en", other_names=Names.from_rows(queries.run(seed_con, "names")))
    assert english.columns[0] == "No." and set(english["Carried into next year's plan"]) == {"yes", "not found"}
    assert "Securing housing" in set(english["Domain"]) and "住まいの確保" not in set(english["Domain"])
    several = export.view_table(rows, "lagging", "en", several=True,
                                other_names=Names.from_rows(queries.run(seed_con, "names")))
    assert set(several["Municipality"]) == {"Shiroi"}  # the municipality too, by its name in the language


def test_the_measures_download_has_no_english_codes_in_japanese(seed_con):
    from dashboard import queries

    rows = queries.run(seed_con, "status", municipality=None, year=2019, domains=None, statuses=None, q=None)
    frame = export.view_table(rows, "measures", "ja")
    assert "not_addressed" not in set(frame["次年度計画への反映"]) and "automatic" not in set(frame["判定"])
    assert set(frame["判定"]) == {"自動判定"} and list(frame["番号"]) == list(rows.number)


def test_excel_states_the_conditions_on_a_first_sheet():
    frame = pd.DataFrame({"番号": ["1-①"], "根拠": ["=1+1"]})
    data = export.to_xlsx_with_conditions(frame, [("絞り込み", "領域: 生活支援"), ("件数", "1")], "遅れている取組み", "条件")
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["条件", "遅れている取組み"]
    assert [tuple(r) for r in book["条件"].iter_rows(values_only=True)] == [("絞り込み", "領域: 生活支援"), ("件数", "1")]
    assert book["遅れている取組み"]["B2"].value == "=1+1" and book["遅れている取組み"]["B2"].data_type == "s"


def test_a_download_says_corrected_with_the_automatic_reading_and_names_only_for_editors(seed_dir, tmp_path):
    from dashboard import db, queries

    overrides = tmp_path / "status_overrides.csv"
    overrides.write_text("recorded_at,municipality,measure_id,fiscal_year,action,status,automatic_status,reason,by\n"
                         "2026-11-20T10:00:00+09:00,白井市,6-3-5,2019,correct,not_achieved,partial,未実施,山田\n"
                         "2026-11-20T10:05:00+09:00,白井市,6-3-4,2019,confirm,not_achieved,not_achieved,確認,山田\n",
                         encoding="utf-8")
    rows = queries.run(db.open_data(seed_dir, overrides=overrides), "lagging", municipality=None, year=2019,
                       domains=None, statuses=None, q=None, carry_over=None)
    anonymous = export.view_table(rows, "lagging", "ja").set_index("取組みID")
    assert "確認・訂正した人" not in anonymous.columns and "山田" not in anonymous.to_csv()
    assert tuple(anonymous.loc["6-3-5", ["状況", "判定", "自動判定"]]) == ("未達成", "担当者が訂正", "一部達成")
    assert tuple(anonymous.loc["6-3-4", ["状況", "判定", "自動判定"]]) == ("未達成", "担当者が確認", "未達成")
    assert anonymous.loc["4-3-3", "自動判定"] == ""  # an automatic status: nothing beside it
    editor = export.view_table(rows, "lagging", "ja", names=True).set_index("取組みID")
    assert editor.loc["6-3-5", "確認・訂正した人"] == "山田"


def test_the_xlsx_table_has_bold_headings_and_wraps_long_text():
    frame = pd.DataFrame({"番号": ["1-①"], "取組み": ["地域の見守り体制を広げる。" * 5]})
    book = openpyxl.load_workbook(io.BytesIO(export.to_xlsx_with_conditions(frame, [("年度", "2019")], "遅れ", "条件")))
    sheet = book["遅れ"]
    assert sheet["A1"].font.b and sheet["B1"].font.b and sheet["B2"].alignment.wrap_text
    assert sheet.column_dimensions["B"].width > 50 and sheet["B2"].value == frame.iloc[0, 1]


def test_a_downloads_conditions_name_only_the_filters_the_view_applies():
    """The comparison compares every municipality: a municipality in the URL is not one of its conditions."""
    from dashboard.state import Choices, ViewState
    from dashboard.views.context import Context
    from dashboard.views.downloads import conditions

    state = ViewState(view="compare", year=2019, municipality="合成市0002", domains=["生活支援"])
    choices = Choices(years=(2019,), default_year=2019, domains=("生活支援",), measures=frozenset())
    for ignored, named in (((), True), (("municipality",), False)):
        ctx = Context(state=state, lang="ja", choices=choices, reported=frozenset({2019}), domain_names={},
                      ignored=ignored)
        filters = dict(conditions(ctx, 4, "order_compare"))["絞り込み"]
        assert ("合成市0002" in filters) == named and "生活支援" in filters
