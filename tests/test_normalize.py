"""Each repair on small hand-made sources and on the real seed."""

from __future__ import annotations

import pytest

from dashboard.errors import InputError
from dashboard.normalize import normalize
from dashboard.source import read_source

from .conftest import HEADER, write_source


def tables_of(path):
    return normalize([read_source(path)]).rows


def repairs_of(rows, kind):
    return [r for r in rows["repairs"] if r["kind"] == kind]


# --- the real seed -------------------------------------------------------------------------

SEED_DOMAINS = [
    ("医療・看護", 4),
    ("介護・リハビリテーション", 8),
    ("保健・福祉", 10),
    ("本人の選択・本人家族の心構え", 10),
    ("住まいの確保", 2),
    ("生活支援", 10),
    ("認知症の予防と支援", 7),
]


def test_seed_has_51_measures_in_7_domains_in_source_order(seed_tables):
    measures = seed_tables["measures"]
    counts = measures.groupby("domain_order").size()
    names = dict(zip(seed_tables["domains"].domain_order, seed_tables["domains"].domain))
    assert [(names[order], n) for order, n in counts.items()] == SEED_DOMAINS
    assert list(seed_tables["domains"].domain) == [d for d, _ in SEED_DOMAINS]
    assert len(measures) == 51


@pytest.mark.parametrize(
    ("line", "number", "domain", "measure_id"),
    [
        (5, "1-①", "医療・看護", "1-1-1"),
        (19, "3-②", "介護・リハビリテーション", "2-3-2"),  # the label 保健・福祉 stands on this row
        (20, "1-①", "保健・福祉", "3-1-1"),  # numbering restarts: a new domain without a label
        (25, "2-④", "保健・福祉", "3-2-4"),  # the contract's example
        (41, "4-④", "本人の選択・本人家族の心構え", "4-4-4"),  # shifted one column left
        (45, "4-⑤", "本人の選択・本人家族の心構え", "4-4-5"),  # garbled label 人本 家族の 選択 ・ 本
        (46, "1-①", "住まいの確保", "5-1-1"),  # letter-spaced label
        (60, "4-④", "生活支援", "6-4-4"),  # domain continues across a page break
        (67, "6-②", "認知症の予防と支援", "7-6-2"),
    ],
)
def test_seed_measure_domains_and_ids(seed_tables, line, number, domain, measure_id):
    m = seed_tables["measures"]
    row = m[m.source_line == str(line)].iloc[0]
    assert (row.number, row.domain, row.measure_id) == (number, domain, measure_id)


def test_seed_shifted_rows_keep_their_cells(seed_tables):
    m = seed_tables["measures"].set_index("measure_id")
    assert m.loc["6-4-2", "text"] == "住民の支え合いによるごみ出し支援を検討し実施する。"
    t = seed_tables["targets"]
    t = t[t.measure_id == "6-4-2"]
    assert dict(zip(t.fiscal_year, t.text)) == {"2019": "モデル実践の実現", "2020": "事業化"}


def test_seed_header_gives_years_and_warns_of_the_jisseki_page(seed_tables):
    s = seed_tables["sources"].iloc[0]
    assert (s.plan_start, s.plan_end, s.report_year, s.report_as_of, s.plan_year, s.plan_label) == (
        "2018", "2020", "2019", "2020-01", "2020", "計画案")
    assert s.municipality == "白井市"
    warnings = seed_tables["repairs"]
    warnings = warnings[(warnings.level == "warning") & (warnings.kind == "header_mismatch")]
    assert ("3", "2020年度の実績", "2020年度の計画案") in set(zip(warnings.source_line, warnings.before, warnings.after))


def test_seed_import_report_lists_every_repair_with_its_line(seed_tables):
    r = seed_tables["repairs"]
    listed = {(k, int(line)) for k, line in zip(r.kind, r.source_line)}
    expected = {("page_header_dropped", n) for n in (13, 14, 28, 29, 43, 44, 58, 59)}
    expected |= {("row_shifted", n) for n in (41, 55, 56)}
    expected |= {("garbled_label", 45), ("letter_spaced_label", 46), ("letter_spaced_label", 48),
                 ("label_in_wrong_row", 19), ("domain_from_numbering", 20)}
    expected |= {("wrapped_space", 30), ("wrapped_space", 48), ("wrapped_space", 52)}
    assert expected <= listed


def test_seed_wrapped_spaces_are_joined(seed_tables):
    t = seed_tables["targets"]
    assert "モデル的に会議創設" in set(t.text)
    items = seed_tables["items"]
    assert any(text.startswith("しろい高齢者みまもりネットは、協力者が293か所となった。") for text in items.text)


def test_seed_bullets_keep_their_markers_and_flags(seed_tables):
    items = seed_tables["items"]
    plan = items[(items.measure_id == "3-3-3") & (items.kind == "plan")]
    assert list(zip(plan.marker, plan.is_note)) == [("○", "false"), ("※", "true")]
    relisted = items[items.relisted == "true"]
    assert "4-4-4" in set(relisted.measure_id)  # ○…2020年度も講座を実施する。（再掲）


# --- hand-made fixtures ---------------------------------------------------------------------

def test_years_come_from_the_header_not_the_code(tmp_path):
    header = HEADER.replace("2018-2020", "2021-2023").replace("2019年度の進捗(2020年1月", "2022年度の進捗(2023年2月")
    header = header.replace("2020年度の計画案", "2023年度の計画案").replace("2018\t2019\t2020", "2021\t2022\t2023")
    rows = tables_of(write_source(tmp_path, "医療・看護\t1-①\t項目\t着手\t実施\t実施\t●実施した。\t●継続する。\n", header))
    s = rows["sources"][0]
    assert (s["plan_start"], s["plan_end"], s["report_year"], s["report_as_of"], s["plan_year"]) == (
        2021, 2023, 2022, "2023-02", 2023)
    assert sorted(t["fiscal_year"] for t in rows["targets"]) == [2021, 2022, 2023]
    assert rows["items"][0]["fiscal_year"] == 2022


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # the numbering restarts: a second domain, even though only one label is written
        ("領域A\t1-①\tx\t\t\t\t\t\n\t1-②\tx\t\t\t\t\t\n領域B\t1-①\tx\t\t\t\t\t\n",
         ["領域A", "領域A", "領域B"]),
        # label one row early: it stands on the last row of the previous domain
        ("領域A\t1-①\tx\t\t\t\t\t\n領域B\t1-②\tx\t\t\t\t\t\n\t1-①\tx\t\t\t\t\t\n",
         ["領域A", "領域A", "領域B"]),
        # label mid-domain (a vertical label centred on the page)
        ("領域A\t1-①\tx\t\t\t\t\t\n\t1-①\ty\t\t\t\t\t\n領域B\t1-②\tz\t\t\t\t\t\n",
         ["領域A", "領域B", "領域B"]),
        # garbled vertical text matched by its characters; letter spacing joined
        ("生活の支援と安心\t1-①\tx\t\t\t\t\t\n安 心 生 活\t1-②\tx\t\t\t\t\t\n住 ま い\t1-①\tx\t\t\t\t\t\n",
         ["生活の支援と安心", "生活の支援と安心", "住まい"]),
    ],
)
def test_domains_from_numbering_reconciled_with_labels(tmp_path, body, expected):
    rows = tables_of(write_source(tmp_path, body))
    assert [m["domain"] for m in rows["measures"]] == expected


def test_unlabelled_domain_gets_a_visible_placeholder_and_warning(tmp_path):
    rows = tables_of(write_source(tmp_path, "領域A\t1-①\tx\t\t\t\t\t\n\t1-①\ty\t\t\t\t\t\n"))
    assert [m["domain"] for m in rows["measures"]] == ["領域A", "領域2"]
    assert repairs_of(rows, "domain_unlabelled")[0]["level"] == "warning"


def test_shifted_row_is_moved_back_and_listed(tmp_path):
    rows = tables_of(write_source(tmp_path, "領域A\t1-①\tx\t\t\t\t\t\n1-②\t項目\t目標\t\t\t●した。\t●する。\t\n"))
    m = rows["measures"][1]
    assert (m["number"], m["text"], m["domain"]) == ("1-②", "項目", "領域A")
    assert [(i["kind"], i["text"]) for i in rows["items"]] == [("report", "した。"), ("plan", "する。")]
    assert repairs_of(rows, "row_shifted")[0]["source_line"] == 4


def test_repeated_page_header_dropped_and_mismatch_warned(tmp_path):
    page2 = HEADER.replace("計画案", "実績")
    body = "領域A\t1-①\tx\t\t\t\t\t\n\n" + page2 + "\t1-②\tx\t\t\t\t\t\n"
    rows = tables_of(write_source(tmp_path, body))
    assert len(rows["measures"]) == 2
    assert [r["source_line"] for r in repairs_of(rows, "page_header_dropped")] == [5, 6]
    [mismatch] = repairs_of(rows, "header_mismatch")
    assert (mismatch["level"], mismatch["before"]) == ("warning", "2020年度の実績")


@pytest.mark.parametrize(
    ("body", "message", "line"),
    [
        ("", "header but no rows of measures", None),
        ("領域A\t一の1\tx\t\t\t\t\t\n", "item number cannot be read: '一の1'", 3),
        ("領域A\t1-①\t同じ\t\t\t\t\t\n\t1-①\t同じ\t\t\t\t\t\n", "the same measure twice: 1-① (also line 3)", 4),
    ],
)
def test_unusable_rows_name_file_line_and_problem(tmp_path, body, message, line):
    path = write_source(tmp_path, body)
    with pytest.raises(InputError) as e:
        tables_of(path)
    assert (e.value.message, e.value.line) == (message, line)


def test_data_before_any_header_is_refused(tmp_path):
    with pytest.raises(InputError, match="no header row|before the first header"):
        tables_of(write_source(tmp_path, "領域A\t1-①\tx\t目標\t●実施した。\n", header=""))


@pytest.mark.parametrize(("edit", "found"), [(",白井市,", ",,白井市,"), (",白井市,Shiroi,", ",白井市Shiroi,")],
                         ids=["a cell too many", "a cell missing"])
def test_a_stray_or_missing_comma_in_the_manifest_is_one_error_naming_its_row(tmp_path, edit, found):
    """A shifted row would give every later column the wrong value (the municipality left empty …)."""
    import shutil

    from dashboard.source import RAW_DIR, load_manifest

    shutil.copytree(RAW_DIR, tmp_path / "raw")
    manifest = tmp_path / "raw" / "manifest.csv"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace(edit, found, 1), encoding="utf-8")
    with pytest.raises(InputError) as e:
        load_manifest(tmp_path / "raw")
    assert e.value.line == 2 and "10 cells expected (file,source_id," in e.value.message


def test_a_header_without_the_domain_column_names_the_header_it_expected(tmp_path):
    """分野 where the domain header 領域 should be: said of the header row, not of a data row further down."""
    from .conftest import HEADER

    path = write_source(tmp_path, "医療・看護\t1-①\t項目\t着手\t実施\t実施\t●実施した。\t●継続する。\n",
                        header=HEADER.replace("領域", "分野", 1))
    with pytest.raises(InputError) as e:
        tables_of(path)
    assert e.value.line == 1
    assert e.value.message.startswith("header row: no cell 領域 (the domain column); its cells are '分野', '番号', ")
