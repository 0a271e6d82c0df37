"""AppTest: every view renders from a URL, filters and parameters work, source text stays literal."""

from __future__ import annotations

import json
import os
import re

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.cli import main
from dashboard.ui import literal

from .apptest import APP, new_session, page_text
from .conftest import ROOT, write_source


def app(params: dict | None = None, data=None, overrides=None) -> AppTest:
    for name, value in (("CAREPLAN_DATA", data), ("CAREPLAN_OVERRIDES", overrides)):
        if value is not None:
            os.environ[name] = str(value)
        else:
            os.environ.pop(name, None)
    return new_session(params)


texts = page_text


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, "領域別の状況（2019年度・遅れの割合が高い順）"),
        ({"view": "lagging"}, "17件（未達成 → 未報告 → 一部達成の順）"),
        ({"view": "measures"}, "51件"),
        ({"view": "present"}, "1 / 12"),
        ({"view": "data"}, "取り込み時の修正と警告"),
        ({"view": "measures", "measure": "3-2-2"}, "地域ケア会議、スーパービジョンなど基幹型の対応を充実させ"),
    ],
)
def test_every_view_renders(params, expected):
    assert expected in texts(app(params))


def test_every_registered_view_renders_from_its_url():
    """Every view of the registry (a new one too, with no line above) renders from ?view= without an
    exception; a view offered only with several municipalities is refused with a notice on the seed."""
    from dashboard.views.registry import REGISTRY

    for name, view in REGISTRY.items():
        at = app({"view": name})
        assert not at.exception, name
        assert bool(at.warning) is view.several_only, name
        if not view.several_only:  # the view asked for is the one drawn: its own title or switch says so
            shown = at.session_state["view"] == name and (
                not view.chrome or at.radio(key="view").value == name)
            assert shown, name


def test_overview_headline_counts_the_year():
    at = app({"year": "2019"})
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["取組み数"] == "51" and metrics["遅れ"] == "17"
    assert metrics["✓ 達成"] == "29" and metrics["✗ 未達成"] == "4"


def test_target_only_year_says_there_is_no_report():
    at = app({"year": "2020", "view": "lagging"})
    assert "2020年度の進捗報告はまだありません" in texts(at)


def test_english_switch_translates_ui_and_domains_not_source_text():
    at = app({"lang": "en", "view": "lagging"})
    body = texts(at)
    assert "Lagging measures · FY2019" in body and "Dementia prevention and support" in body
    assert "団塊の世代にとって参加しやすいイベント" in body  # source text as written


@pytest.mark.parametrize(
    ("params", "notice"),
    [
        ({"year": "1999"}, "year=1999"),
        ({"view": "slides"}, "view=slides"),
        ({"status": "achieved,bogus"}, "status=bogus"),
        ({"domain": "宇宙"}, "domain=宇宙"),
        ({"measure": "9-9-9"}, "measure=9-9-9"),
        ({"lang": "klingon"}, "lang=klingon"),  # a language the text table has no column for
    ],
)
def test_malformed_parameters_show_a_notice(params, notice):
    at = app(params)
    assert any(notice in re.sub(r"\\(.)", r"\1", w.value) for w in at.warning)  # as rendered: escapes removed


def test_filters_are_restored_from_the_url_and_written_back():
    at = app({"view": "measures", "domain": "住まいの確保", "status": "partial"})
    assert at.multiselect(key="domains").value == ["住まいの確保"]
    assert "2件" in texts(at)
    at.selectbox(key="year").select(2020).run()
    assert at.query_params["year"] == ["2020"] or at.query_params["year"] == "2020"
    assert "status" in at.query_params and "domain" in at.query_params


def test_search_filters_measures_by_report_text():
    at = app({"view": "measures"})
    at.text_input(key="q").input("ごみ出し").run()
    assert "1件" in texts(at)


def test_row_counts_are_singular_or_plural_in_english():
    assert "1 row" in texts(app({"view": "measures", "q": "ごみ出し", "lang": "en"})).split("\n")
    assert "1 rows" not in texts(app({"view": "measures", "q": "ごみ出し", "lang": "en"}))
    assert "1件" in texts(app({"view": "measures", "q": "ごみ出し"}))
    lagging = texts(app({"view": "lagging", "q": "ごみ出し", "lang": "en"}))
    assert "1 measure, in order: Not achieved, No report, Partly achieved" in lagging


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_status_column_is_wide_enough_for_every_label(lang):
    from dashboard.i18n import STATUSES, status_badge
    from dashboard.ui import CELL_PAD_PX, text_px
    from dashboard.views.measures import widths

    w = widths(lang)
    assert all(text_px(status_badge(s, lang)) + CELL_PAD_PX <= w["status"] for s in STATUSES)
    assert sum(w.values()) <= sum(widths("ja").values())  # no wider in English: nothing scrolls sideways
    at = app({"view": "measures", "lang": lang})
    config = json.loads(at.dataframe[0].proto.columns)
    assert config[next(k for k in config if "Status" in k or "状況" in k)]["width"] == w["status"]


def test_long_cells_end_with_an_ellipsis_and_the_detail_gives_them_whole():
    from dashboard.pack import count_lines
    from dashboard.views.measures import LINES, widths

    at = app({"view": "measures"})
    table, w = at.dataframe[0].value, widths("ja")
    for column, name in (("取組み", "measure"), ("目標", "target"), ("根拠", "evidence")):
        assert all(count_lines(v, 14, w[name] - 16) <= LINES for v in table[column])  # what four lines show
    cut = [i for i, v in enumerate(table["根拠"]) if v.endswith("…")]
    assert cut
    measure, _ = at.session_state["_table_ids"][cut[0]]
    detail = texts(app({"view": "measures", "measure": measure})).replace("\\", "")
    shown = table["根拠"].iloc[cut[0]][:-1]
    assert shown[:20] in detail and len(shown) < len(detail)


def test_a_cell_is_cut_only_when_it_does_not_fit_and_then_fits_with_its_ellipsis():
    import random

    from dashboard.pack import count_lines
    from dashboard.ui import clipped

    rng = random.Random(1)
    for _ in range(2000):
        text = "".join(rng.choice("あいう abc DEF\n、。") for _ in range(rng.randint(1, 200)))
        shown = clipped(text, 234, 4)
        assert count_lines(shown, 14, 218) <= 4
        assert (shown == text) == (count_lines(text, 14, 218) <= 4)
        assert shown == text or (shown.endswith("…") and text.startswith(shown[:-1]))


def test_search_matches_the_domain_name_in_japanese_and_english():
    assert "2件" in texts(app({"view": "measures", "q": "housing"}))
    assert "2 rows" in texts(app({"view": "measures", "q": "Securing housing", "lang": "en"}))
    at = app({"view": "measures", "q": "認知症の予防"})
    assert {"✗ 未達成", "✓ 達成"} & set(at.dataframe[0].value["状況"])


def test_presentation_pages_through_domains():
    at = app({"view": "present"})
    assert at.title[0].value == "白井市 2019年度の進捗"  # the title slide, as in the meeting pack
    at.button(key="slide-next").click().run()
    at.button(key="slide-next").click().run()
    assert "3 / 12" in texts(at) and at.title[0].value == "介護・リハビリテーション"
    assert at.session_state["slide"] == 3 and at.session_state["domains"] == []
    at.button(key="slide-exit").click().run()
    assert at.session_state["view"] == "overview"


def test_detail_opens_from_a_lagging_card():
    at = app({"view": "lagging"})
    at.button(key="lag-shiroi-2019-4-3-3-open").click().run()
    assert at.session_state["measure"] == "4-3-3" and at.session_state["view"] == "measures"
    assert "2025年問題を広報等でとりあげ" in texts(at)


def _broken(tmp_path, how: str):
    import shutil

    data = tmp_path / "data"
    if how == "missing":
        return data
    data.mkdir()
    if how == "empty":
        return data
    shutil.copytree(ROOT / "data" / "normalized", data, dirs_exist_ok=True)
    if how == "damaged":
        (data / "measures.csv").write_text("measure_id,oops\n1,\x00garbage\n", encoding="utf-8")
    elif how == "wrong_type":
        text = (data / "domains.csv").read_text(encoding="utf-8").replace(",1,医療", ",一,医療")
        (data / "domains.csv").write_text(text, encoding="utf-8")
    return data


@pytest.mark.parametrize("how", ["missing", "empty", "damaged", "wrong_type"])
def test_missing_or_broken_data_shows_the_command_that_fixes_it(tmp_path, how):
    os.environ["CAREPLAN_DATA"] = str(_broken(tmp_path, how))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert at.error[0].value.count("python -m dashboard normalize") == 1  # the hint once, not in the line too
    os.environ.pop("CAREPLAN_DATA")


@pytest.mark.parametrize(("attr", "was", "typo", "line"), [
    ("RULES", ",weak,", ",waek,", "rule {rule}: strength 'waek': one of strong, weak"),
    ("STATUS_WORDS", ",true,3,", ",ture,3,", "lagging 'ture': true or false"),
])
def test_a_typo_in_a_reference_file_shows_the_command_lines_error_without_the_normalize_hint(
        tmp_path, seed_copy, monkeypatch, attr, was, typo, line):
    """Normalizing does not mend a rules typo: the page shows the same line as the command line, and how
    to go on, never "Create it with: python -m dashboard normalize"."""
    import csv

    from dashboard import db

    from .conftest import cli

    data = seed_copy(tmp_path / "data")
    for cache in data.glob(".careplan-cache-*"):
        cache.unlink()  # built from the file as it was
    original = getattr(db, attr)
    text = original.read_text(encoding="utf-8")
    assert was in text
    path = tmp_path / original.name
    path.write_text(text.replace(was, typo, 1), encoding="utf-8")
    monkeypatch.setattr(db, attr, path)
    done = cli("status", "--data", str(data))
    assert done.returncode == 2
    rule = next(r for r in csv.DictReader(original.open(encoding="utf-8")) if f",{r.get('strength')}," == was)["rule_id"] \
        if attr == "RULES" else ""
    assert line.format(rule=rule) in done.stderr
    for lang, how in (("ja", "名前の挙がったファイルを直して"), ("en", "Correct the file it names")):
        at = app({"lang": lang}, data=data)
        assert not at.exception
        shown = at.error[0].value
        assert literal(done.stderr.strip()) in shown and how in shown
        assert "normalize" not in shown
    os.environ.pop("CAREPLAN_DATA")


HOSTILE = "1. 項目 *強調* _下線_ ~打消~ <b>太字</b> $x$ :red[赤] #見出し"


def test_source_text_is_shown_literally(tmp_path):
    src = write_source(tmp_path, f"医療・看護\t1-①\t{HOSTILE}\t=1+1\t実施\t実施\t●{HOSTILE}を実施した。\t@計画\n")
    out = tmp_path / "n"
    assert main(["normalize", str(src), "--out", str(out)]) == 0
    at = app({"view": "measures", "measure": "1-1-1"}, data=out)
    sources = [m.value for m in at.markdown]
    # The Markdown source escapes every ASCII punctuation mark, so nothing is interpreted.
    assert any(r"1\. 項目 \*強調\* \_下線\_ \~打消\~ \<b\>太字\<\/b\> \$x\$ \:red\[赤\] \#見出し" in s for s in sources)


def test_detail_shows_a_corrected_status_beside_the_automatic_one(tmp_path):
    overrides = tmp_path / "status_overrides.csv"
    overrides.write_text(
        "recorded_at,municipality,measure_id,fiscal_year,action,status,automatic_status,reason,by\n"
        "2026-11-20T10:00:00+09:00,白井市,6-3-5,2019,correct,未達成,partial,サロンのポイント交付は未実施,高齢者支援課\n",
        encoding="utf-8")
    at = app({"view": "measures", "measure": "6-3-5"}, overrides=overrides)
    body = texts(at)
    assert ":red-badge[✗ 未達成] :gray[訂正済み] · 自動判定: :orange-badge[◐ 一部達成]" in body
    assert "担当者が2026-11-20に訂正: サロンのポイント交付は未実施" in body
    assert "ポイント交付は:orange-background[**実施できていない**]" in body  # the automatic evidence stays
    os.environ.pop("CAREPLAN_OVERRIDES")


@pytest.mark.parametrize(("lang", "said"), [("ja", " · 訂正済み"), ("en", " · corrected")])
def test_the_measures_table_says_which_status_a_planner_corrected(tmp_path, lang, said):
    """As the cards do; the status column widens for it, the measure gives way, nothing scrolls sideways."""
    from dashboard.i18n import STATUSES, status_badge
    from dashboard.ui import CELL_PAD_PX, text_px
    from dashboard.views.measures import widths

    overrides = tmp_path / "status_overrides.csv"
    overrides.write_text(
        "recorded_at,municipality,measure_id,fiscal_year,action,status,automatic_status,reason,by\n"
        "2026-11-20T10:00:00+09:00,白井市,6-3-5,2019,correct,未達成,partial,ポイント交付は未実施,\n", encoding="utf-8")
    at = app({"view": "measures", "lang": lang}, overrides=overrides)
    os.environ.pop("CAREPLAN_OVERRIDES")
    table = at.dataframe[0].value
    marked = [v for v in table[table.columns[4]] if v.endswith(said)]
    assert len(marked) == 1 and marked[0].startswith(status_badge("not_achieved", lang))
    w = widths(lang, marked=True)
    assert all(text_px(status_badge(s, lang) + said) + CELL_PAD_PX <= w["status"] for s in STATUSES)
    assert sum(w.values()) <= sum(widths("ja").values())  # no wider than the table without marks


def test_lagging_cards_say_whether_next_years_plan_takes_it_up():
    body = texts(app({"view": "lagging"}))
    assert "次年度計画への反映: あり（共通語: 医療機関）" in body
    assert "次年度計画への反映: :orange[見当たらない]" in body


def test_data_page_lists_every_repair_and_the_source():
    at = app({"view": "data"})
    report = at.dataframe[0].value
    assert len(report) == 45
    assert {"garbled_label", "row_shifted", "header_mismatch", "wrapped_space"} <= set(report["種類コード"])
    assert {"崩れた縦書きラベル", "行のずれ", "見出しの食い違い", "改行による空白"} <= set(report["種類"])
    assert set(report["区分"]) == {"修正", "警告"}
    assert any(literal("白井市 2018-2020年度の取組み") in m.value for m in at.markdown)  # the title, as literal text


def test_data_page_speaks_the_ui_language_and_shows_no_none():
    report = app({"view": "data"}).dataframe[0].value
    cells = report.astype(str)
    assert not cells.isin(["None", "nan", "NaN", "<NA>"]).any().any()
    assert "—" in set(report["列"])  # a repeated page header is a repair of the whole row: no column
    assert not report["内容"].str.contains(r"[a-z]{3,}").any(), "an English message in the Japanese UI"
    assert "ページごとに繰り返された見出し行を削除しました。" in set(report["内容"])
    english = app({"view": "data", "lang": "en"}).dataframe[0].value
    assert "page 2: repeated page header row removed" in set(english["Message"])
    assert "repeated page header" in set(english["Kind"]) and not english.astype(str).isin(["None"]).any().any()


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    out = tmp_path_factory.mktemp("synthetic") / "n"
    assert main(["synth", "--municipalities", "4", "--out", str(out), "--seed", "3"]) == 0
    return out


def test_several_municipalities_get_a_filter_and_a_comparison(synthetic):
    at = app({"view": "compare"}, data=synthetic)
    table = at.dataframe[0].value
    assert sorted(table["自治体"]) == [f"合成市{k:04d}" for k in range(1, 5)]
    assert list(table["遅れの割合"]) == sorted(table["遅れの割合"], reverse=True)  # worst first
    assert all(isinstance(v, int) for v in table["遅れの割合"])  # whole per cents, as the overview gives them
    downloads = {b.proto.label for b in at.get("download_button")}
    assert downloads == {"CSVをダウンロード", "Excelをダウンロード"}  # the table as shown
    assert at.selectbox(key="municipality").options == ["すべての自治体"] + [f"合成市{k:04d}" for k in range(1, 5)]


def test_municipalities_are_named_in_the_language_of_the_ui(synthetic):
    """English UI: the sidebar, the filter line, the comparison, the measures table and grid, the cards and the
    download name each municipality by its English name; selecting one still works by the canonical name."""
    english = [f"Synth City {k:04d}" for k in range(1, 5)]
    at = app({"view": "compare", "lang": "en"}, data=synthetic)
    assert sorted(at.dataframe[0].value["Municipality"]) == english
    assert at.selectbox(key="municipality").options == ["All municipalities", *english]
    at = app({"view": "measures", "lang": "en"}, data=synthetic)
    table = at.dataframe[0].value
    assert set(table["Municipality"]) == set(english)
    at = app({"view": "lagging", "lang": "en"}, data=synthetic)
    cards = [m.value for m in at.markdown if "Synth City" in m.value]
    assert cards and not any("合成市" in m.value for m in at.markdown)
    at = app({"view": "measures", "lang": "en", "municipality": "合成市0002"}, data=synthetic)
    assert at.selectbox(key="municipality").value == "合成市0002"
    assert any(m.value.startswith("Filters") and "Synth City 0002" in m.value for m in at.markdown)
    assert "合成市" not in page_text(at)


def test_the_comparison_names_every_municipality_whatever_the_filter(synthetic):
    """The comparison does not use the municipality filter: its context line and page title say so too."""
    at = app({"view": "compare", "municipality": "合成市0002", "lang": "en"}, data=synthetic)
    line = next(c.value for c in at.caption if "plan" in c.value)
    assert line.startswith("4 municipalities") and "Synth City 0002" not in line
    assert len(at.dataframe[0].value) == 4


def test_a_municipality_in_the_url_narrows_every_view(synthetic):
    at = app({"municipality": "合成市0002", "view": "measures"}, data=synthetic)
    assert at.selectbox(key="municipality").value == "合成市0002"
    caption = next(c.value for c in at.caption if "件" in c.value)
    assert int(caption.split("件")[0]) <= 51


def test_detail_links_re_listed_measures():
    at = app({"view": "measures", "measure": "4-4-4"})
    link = at.button(key="link-1-2-2")
    assert link.label.startswith("2-② · 医療・看護")
    link.click().run()
    assert at.session_state["measure"] == "1-2-2"
    assert "終末期や亡くなった後の対応に関する意思を明らかにする" in texts(at)


def test_measures_view_offers_csv_and_excel_of_the_filtered_table():
    at = app({"view": "measures", "domain": "住まいの確保"})
    buttons = {b.proto.label: b for b in at.get("download_button")}
    assert set(buttons) == {"CSVをダウンロード", "Excelをダウンロード"}


def test_comparison_is_offered_only_with_several_municipalities(synthetic):
    assert "自治体比較" not in app().radio(key="view").options
    assert "自治体比較" in app(data=synthetic).radio(key="view").options


def test_a_long_lagging_list_is_paged(synthetic):
    at = app({"view": "lagging"}, data=synthetic)
    total = int(next(m.value for m in at.markdown if "件（" in m.value).split("件")[0])
    assert total > 50
    assert f"{total}件中 1–50件目" in texts(at)
    at.button(key="lagging-next").click().run()
    assert f"{total}件中 51–{min(100, total)}件目" in texts(at)


def test_cards_name_the_municipality_and_open_its_own_detail(synthetic):
    at = app({"view": "lagging"}, data=synthetic)
    first = next(m.value for m in at.markdown if "合成市" in m.value)
    name = first.split(" · ")[0].split("&nbsp; ")[-1]
    assert name.startswith("合成市")
    button = next(b for b in at.button if b.key and b.key.endswith("-open"))
    button.click().run()
    assert at.session_state["municipality"] == name


# Hostile URL values: the app shows a notice and never raises; what a notice quotes stays literal text.

RTL = "\u202e"
HOSTILE_PARAMS = [
    ({"view": "[公式の修正版](https://evil.example/login)"}, "view"),
    ({"measure": "![x](http://127.0.0.1:9/t.png)"}, "measure"),
    ({"year": "99999999999999999999"}, "year"),
    ({"year": "-1"}, "year"),
    ({"year": "2019.0"}, "year"),
    ({"domain": "," * 10_000}, None),
    ({"domain": ",".join(f"宇宙{k}" for k in range(10_000))}, "domain"),
    ({"status": ",".join(["bogus"] * 5000)}, "status"),
    ({"q": "検" * (1 << 20)}, None),  # Streamlit ignores a query string over 524,288 characters
    ({"q": "検" * 400_000}, None),  # as URL-encoded text over that limit too
    ({"q": "検" * 300}, "q"),  # cut to 200 characters, and said
    ({"view": "x" * 400_000}, "view"),
    ({"lang": "<script>alert(1)</script>"}, "lang"),
    ({"measure": "../../etc/passwd"}, "measure"),
    ({"municipality": "<img src=x onerror=alert(1)>"}, "municipality"),
    ({"view": "overview\x00"}, "view"),
    ({"q": "\x00\x01検索"}, "q"),
    ({"measure": "3-2-2\x00"}, "measure"),
    ({"view": f"{RTL}weivrevo"}, "view"),
    ({"domain": f"{RTL}医療・看護"}, "domain"),
    ({"lang": "en", "view": "measures", "q": "%_\\'\"; drop table items; --"}, None),
    ({"view": "present", "domain": "[x](https://evil.example)", "year": "1e9"}, "domain"),
]
_UNESCAPED = re.compile(r"(?<!\\)[\[\]<>()!]")  # Markdown or HTML syntax not escaped by ui.literal


@pytest.mark.parametrize(("params", "notice"), HOSTILE_PARAMS, ids=[f"{i}-{n}" for i, (_, n) in enumerate(HOSTILE_PARAMS)])
def test_hostile_url_values_give_a_notice_never_an_exception(params, notice):
    at = app(params)  # asserts: no exception
    warnings = [w.value for w in [*at.warning, *at.toast] if w.value.startswith("URLの")]  # toasts on a slide
    if notice is None:
        assert not warnings
        return
    assert any(f"{notice}=" in w for w in warnings)
    assert len(warnings) <= 3  # one notice a parameter, however many values were wrong
    for body in warnings:
        quoted = body.split("=", 1)[1]
        assert not _UNESCAPED.search(quoted), body
        assert RTL not in body and "\x00" not in body  # shown visibly, not obeyed
        assert len(body) < 400


def test_search_text_is_bounded_from_the_url_and_the_box():
    at = app({"view": "measures", "q": "検" * 10_000})
    assert at.text_input(key="q").value == "検" * 200 and at.text_input(key="q").proto.max_chars == 200
    assert at.session_state["_shown"]["q"] == "検" * 200  # the address is completed with the cut text


def test_invisible_direction_characters_in_the_search_text_are_dropped():
    at = app({"view": "measures", "q": f"{RTL}abcdef\u200b"})
    assert at.text_input(key="q").value == "abcdef"
    assert RTL not in page_text(at) and at.session_state["_shown"]["q"] == "abcdef"


@pytest.mark.parametrize(("params", "name", "last"), [
    ({"view": "lagging", "page": "99999"}, "page", 1),
    ({"view": "lagging", "page": "9" * 40}, "page", 1),
    ({"view": "present", "slide": "99999"}, "slide", None),
    ({"view": "present", "slide": "9" * 40}, "slide", None),
    ({"view": "present", "slide": "9" * 5000}, "slide", None),  # more digits than int() reads
])
def test_a_page_or_slide_past_the_end_shows_the_last_and_says_so(params, name, last):
    at = app(params)
    # a slide keeps its room: its notice is a toast that passes, not a warning above the slide
    said = at.toast if name == "slide" else at.warning
    notice = [w.value for w in said if w.value.startswith(f"URLの {name} の値は最後")]
    assert len(notice) == 1 and not (name == "slide" and at.warning), [w.value for w in [*at.warning, *at.toast]]
    shown = at.session_state[name]
    assert shown == (last or shown) and 1 < shown < 99999 or last == 1
    assert f"（{shown}）" in notice[0]


def test_a_parameter_given_twice_says_the_last_one_is_used():
    at = app({"view": ["lagging", "present", "measures"], "year": ["2019", "2020"]})
    notices = [re.sub(r"\\(.)", r"\1", w.value) for w in at.warning]  # as rendered: escapes removed
    assert any(w.startswith("URLに view が3回あります") and "lagging,present,measures" in w for w in notices), notices
    assert any(w.startswith("URLに year が2回あります") for w in notices), notices
    assert at.session_state["view"] == "measures" and at.session_state["year"] == 2020


def test_a_repeated_status_is_merged_without_a_notice():
    at = app({"view": "measures", "status": "partial,partial"})
    assert not at.warning
    assert at.multiselect(key="statuses").value == ["partial"]


def test_an_error_naming_a_hostile_path_stays_literal(tmp_path):
    os.environ["CAREPLAN_DATA"] = str(tmp_path / "[公式の修正版](https:" / "evil.example)" / "![x](http:" / "t.png)")
    at = AppTest.from_file(APP, default_timeout=60).run()
    os.environ.pop("CAREPLAN_DATA")
    assert not at.exception
    body = at.error[0].value
    assert "python -m dashboard normalize" in body
    assert r"\[公式の修正版\]\(https\:" in body and r"\!\[x\]\(http\:" in body
    assert not _UNESCAPED.search(body.split("`")[0])


def test_a_carriage_return_cannot_start_a_markdown_block():
    from dashboard.ui import literal

    assert literal("前\r# 見出し\r\n1. 項目") == "前  \n\\# 見出し  \n1\\. 項目"


# --- The URL leads: Back and Forward restore the view; one step, one history entry ---------------------


def test_back_restores_the_previous_view_and_filters_whatever_the_widgets_held():
    at = app({"view": "lagging"})
    assert dict(at.query_params) == {"view": "lagging"}  # a run restored from the URL writes nothing
    at.selectbox(key="year").select(2020).run()
    at.multiselect(key="domains").select("生活支援").run()
    assert at.query_params["domain"] in ("生活支援", ["生活支援"])
    at.query_params.clear()  # Back: the browser's address changes, the widgets still hold 2020 / 生活支援
    at.query_params.update({"view": "lagging", "year": "2020"})
    at.run()
    assert at.session_state["year"] == 2020 and at.session_state["domains"] == []
    assert dict(at.query_params) == {"view": "lagging", "year": "2020"}  # not written back over
    at.query_params.clear()  # Back again: the first address, without a year
    at.query_params.update({"view": "lagging"})
    at.run()
    assert at.session_state["year"] == 2019 and at.session_state["view"] == "lagging"


def test_after_a_drill_down_back_returns_to_the_list_without_the_drills_state():
    at = app({"view": "lagging", "domain": "生活支援"})
    at.button(key="lag-shiroi-2019-6-2-2-open").click().run()
    assert at.session_state["view"] == "measures" and at.session_state["measure"] == "6-2-2"
    assert dict(at.query_params) == {"view": "measures", "year": "2019", "domain": "生活支援", "measure": "6-2-2"}
    at.query_params.clear()  # Back to the list's address
    at.query_params.update({"view": "lagging", "domain": "生活支援"})
    at.run()
    assert at.session_state["view"] == "lagging" and at.session_state["measure"] is None
    assert at.session_state["domains"] == ["生活支援"]


def test_a_written_link_always_carries_its_year():
    at = app()
    at.radio(key="view").set_value("lagging").run()
    assert dict(at.query_params) == {"view": "lagging", "year": "2019"}
    code = next(c.value for c in at.code)
    assert code.startswith("http") and "year=2019" in code and "view=lagging" in code


def test_a_link_to_localhost_says_it_opens_on_this_computer_only():
    at = app({"view": "lagging"})
    assert "このリンクはこのコンピューターでのみ開けます" in texts(at)
    assert any("make run HOST=0.0.0.0" in c.value for c in at.caption)


@pytest.mark.parametrize(("url", "local"), [
    ("http://localhost:8501/?year=2019", True), ("http://127.0.0.1:8501/", True), ("http://[::1]:8501/", True),
    ("http://127.1.2.3/", True), ("http://192.168.1.20:8501/?view=lagging", False),
    ("https://careplan.example.lg.jp/?year=2019", False), ("http://localhost.example.com/", False),
])
def test_only_links_to_this_machine_are_marked(url, local):
    from dashboard.controls import only_this_machine

    assert only_this_machine(url) is local


@pytest.mark.parametrize("view", ["overview", "lagging", "measures", "present", "review"])
@pytest.mark.parametrize("params", [{"q": "該当なしの語"}, {"year": "2020", "status": "not_achieved"}])
def test_filters_that_select_nothing_give_one_message_and_the_way_to_widen_them(view, params):
    at = app({"view": view, **params})
    body = texts(at)
    assert body.count("該当する取組みはありません") == 1 and "絞り込み（領域・状況・キーワード）を減らすか" in body
    assert not at.metric and not at.get("plotly_chart") and not at.dataframe  # no bare headings or empty charts
    assert not [m.value for m in at.markdown if m.value.startswith("#### ")]  # no section left without content
    at.button(key="nothing-reset").click().run()
    assert at.session_state["q"] == "" and at.session_state["statuses"] == []
    assert "該当する取組みはありません" not in texts(at)


def test_the_empty_message_is_english_in_the_english_ui():
    body = texts(app({"view": "overview", "q": "zzz-none", "lang": "en"}))
    assert "No measures match these filters" in body and "Clear filters" in body


# --- Filters in force, data context, years without a report --------------------------------------------


@pytest.mark.parametrize("view", ["overview", "lagging", "measures"])
def test_the_page_says_which_filters_are_in_force(view):
    at = app({"view": view, "domain": "生活支援", "status": "not_achieved", "q": "支援"})
    line = next(m.value for m in at.markdown if m.value.startswith("絞り込み:")).replace("\\", "")
    assert line == "絞り込み: 領域: 生活支援 · 状況: 未達成 · キーワード「支援」"
    assert at.button(key="filter-reset")


def test_comparison_says_it_compares_every_municipality(synthetic):
    at = app({"view": "compare", "municipality": "合成市0002"}, data=synthetic)
    line = next(m.value for m in at.markdown if m.value.startswith("絞り込み:")).replace("\\", "")
    assert "自治体: 合成市0002" in line and "この表示では自治体、状況の絞り込みは使いません" in line


def test_the_comparison_gives_the_same_shares_whatever_the_status_filter(synthetic):
    """A share of lagging measures among the measures of chosen statuses would say nothing (100%)."""
    every = app({"view": "compare"}, data=synthetic).dataframe[0].value
    chosen = app({"view": "compare", "status": "not_achieved"}, data=synthetic).dataframe[0].value
    assert chosen.equals(every) and set(every["遅れの割合"]) != {100}


@pytest.mark.parametrize("view", ["overview", "lagging", "measures", "data", "present"])
def test_every_view_names_municipality_plan_period_report_year_and_as_of(view):
    at = app({"view": view})
    assert "白井市 · 計画期間 2018–2020年度 · 進捗報告 2019年度分（2020年1月時点）" in texts(at)


@pytest.mark.parametrize("year", ["2018", "2020"])
def test_a_year_without_report_never_shows_zero_percent_lagging(year):
    at = app({"year": year})
    metrics = {m.label: m for m in at.metric}
    assert metrics["遅れ"].value == "—" and "報告なし" in str(metrics["遅れ"].proto.delta)
    assert f"{year}年度の進捗報告はまだありません" in texts(at)
    assert "⚠ 要確認" not in metrics  # counted once the year is reported


# --- Which domain is worst ----------------------------------------------------------------------------


def test_the_bar_chart_ranks_domains_by_lagging_share_with_counts():
    import json

    spec = json.loads(app().get("plotly_chart")[0].proto.spec)
    axis = spec["layout"]["yaxis"]
    top_down = list(reversed(axis["categoryarray"]))
    assert top_down[:3] == ["住まいの確保", "生活支援", "保健・福祉"]  # 100 %, 50 %, 40 %
    assert "遅れ 5/10（50%）" in axis["ticktext"][axis["tickvals"].index("生活支援")]


# --- Lagging list: carry-over filter, downloads, review candidates -------------------------------------


def test_carry_parameter_keeps_the_shortfalls_next_years_plan_does_not_take_up():
    at = app({"view": "lagging", "carry": "not_addressed"})
    cards = [m.value for m in at.markdown if "次年度計画への反映:" in m.value]
    assert cards and all("見当たらない" in c for c in cards)
    assert f"{len(cards)}件（" in texts(at) and len(cards) < 17
    assert "次年度計画で取り上げていないもの" in next(m.value for m in at.markdown if m.value.startswith("絞り込み:"))
    assert at.radio(key="carry-choice").value == "not_addressed"


def test_the_carry_over_radio_always_shows_the_choice_in_force():
    at = app({"view": "lagging"})
    radio = at.radio(key="carry-choice")
    assert radio.value == "all" and radio.index == 0  # すべて is shown selected, not nothing
    radio.set_value("addressed").run()
    assert at.session_state["carry"] == "addressed" and at.query_params["carry"] in ("addressed", ["addressed"])
    at.radio(key="carry-choice").set_value("all").run()
    assert at.session_state["carry"] is None and "carry" not in at.query_params
    at.query_params.clear()  # Back to a link with carry=not_addressed
    at.query_params.update({"view": "lagging", "carry": "not_addressed"})
    at.run()
    assert at.radio(key="carry-choice").value == "not_addressed"
    at.query_params.clear()  # Back again: no carry parameter, すべて
    at.query_params.update({"view": "lagging"})
    at.run()
    assert at.radio(key="carry-choice").value == "all" and at.session_state["carry"] is None


def test_lagging_view_offers_csv_and_excel():
    at = app({"view": "lagging"})
    assert {b.proto.label for b in at.get("download_button")} == {"CSVをダウンロード", "Excelをダウンロード"}


@pytest.fixture(scope="module")
def review_data(tmp_path_factory):
    """The seed with one status a planner set to unclear (要確認), beside the seed's own low-confidence ones."""
    import shutil

    out = tmp_path_factory.mktemp("review") / "n"
    shutil.copytree(ROOT / "data" / "normalized", out)
    overrides = out.parent / "overrides.csv"
    overrides.write_text("recorded_at,municipality,measure_id,fiscal_year,action,status,automatic_status,reason,by\n"
                         "2026-11-20T10:00:00+09:00,白井市,1-1-1,2019,correct,unclear,achieved,読み取れない,高齢者支援課\n",
                         encoding="utf-8")
    return out, overrides


def test_needs_review_is_counted_and_listed_as_maybe_lagging(review_data):
    out, overrides = review_data
    at = app(data=out, overrides=overrides)
    assert {m.label: m.value for m in at.metric}["⚠ 要確認"] == "1"
    from dashboard import db, queries

    expected = queries.run(db.open_data(out, overrides=overrides), "review_candidates", municipality=None,
                           domains=None, year=2019, statuses=None, q=None)
    assert "1-1-1" in set(expected.measure_id) and expected.measure_id.iloc[0] == "1-1-1"
    assert set(expected.review_reason) == {"unclear", "low_confidence"}
    at = app({"view": "lagging"}, data=out, overrides=overrides)
    body = texts(at)
    assert f"見直し候補: 判定できないもの・確度の低い「達成」（{len(expected)}件）" in body
    review = [m.value for m in at.markdown if "要確認（判定できない）" in m.value or "確度が低い" in m.value]
    assert len(review) == len(expected) and "1\\-①" in review[0]  # unclear first, then low confidence
    at = app({"view": "review"}, data=out, overrides=overrides)  # the review view: the same list, downloadable
    assert {b.proto.label for b in at.get("download_button")} == {"CSVをダウンロード", "Excelをダウンロード"}
    from dashboard import export

    table = export.view_table(expected, "review", "ja")
    assert list(table["取組みID"]) == list(expected.measure_id) and set(table["年度"]) == {2019}
    os.environ.pop("CAREPLAN_OVERRIDES")


def test_detail_names_the_deciding_rule_in_words_not_its_id():
    body = texts(app({"view": "measures", "measure": "3-2-2"}))
    assert "判定: 否定表現" in body or "判定: 一部のみ" in body
    assert "neg_" not in body and "partly_" not in body


# --- Slides ----------------------------------------------------------------------------------------------


def test_slides_cover_the_filters_domains_and_continue_a_long_list():
    at = app({"view": "present", "domain": "生活支援,住まいの確保"})
    assert "1 / 5" in texts(at) and at.title[0].value == "白井市 2019年度の進捗"
    at.button(key="slide-next").click().run()
    assert at.title[0].value == "住まいの確保"  # plan order: 住まいの確保 is domain 5
    at.button(key="slide-next").click().run()
    assert at.title[0].value == "生活支援 （1/3）" and at.query_params["slide"] in ("3", ["3"])
    at.button(key="slide-next").click().run()
    at.button(key="slide-next").click().run()
    assert at.title[0].value == "生活支援 （3/3）" and "5件中 5件目" in texts(at)
    assert at.button(key="slide-next").disabled


def test_key_presses_step_in_order_from_the_slide_shown():
    from dashboard.views.present import stepped

    assert stepped(1, 12, ["next"] * 4) == 5
    assert stepped(5, 12, ["next", "next", "prev", "last", "prev", "prev", "first", "next"]) == 2
    assert stepped(11, 12, ["next", "next", "next", "prev"]) == 11  # never past the last slide, then back one
    assert stepped(2, 12, ["prev", "prev", "next"]) == 2


def test_slide_evidence_is_cut_where_a_phrase_begins():
    from dashboard.ui import excerpt, phrase_starts

    text = "地域ケア推進会議においても、移動支援のニーズは高いと捉えているが、免許返上者に対する高齢者向けサービスは検討できていない。"
    starts = phrase_starts(text)
    assert [text[i:j] for i, j in zip(starts, starts[1:])][:5] == ["地域ケア推進会議においても、", "移動支援の", "ニーズは",
                                                               "高いと", "捉えているが、"]
    start = text.index("検討できていない")
    a, b = excerpt(text, start, start + 8, 26, 40, 44)
    assert text[a:b] == "捉えているが、免許返上者に対する高齢者向けサービスは検討できていない。"
    short = "2025年問題や地域包括ケアシステムをテーマとした広報掲載は行っていない。"
    assert excerpt(short, 30, 36, 26, 40, 44) == (0, len(short))  # it fits: not cut at all


def test_switching_language_inside_the_deck_keeps_the_slide():
    at = app({"view": "present", "slide": "6"})
    assert at.title[0].value == "本人の選択・本人家族の心構え （1/2）"
    at.button(key="slide-lang-en").click().run()
    assert at.session_state["lang"] == "en" and at.session_state["slide"] == 6
    assert "6 / 12" in texts(at) and at.title[0].value == "Personal choice and family readiness (1/2)"


def _slide_numbers(at) -> list[str]:
    """The measure numbers on the slide shown, in order."""
    items = [m.value for m in at.markdown if "slide-measure" in m.value]
    return [re.search(r"\*\*(.+?)\*\*", v).group(1).replace("\\", "") for v in items]


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_slide_n_on_screen_is_slide_n_of_the_meeting_pack(lang):
    """The deck on screen and the pack's files page alike (pack.parts, PER_SLIDE to a slide): the same
    number of slides, and slide N shows the same domain and the same lagging measures in both."""
    from dashboard import db, pack
    from dashboard.views import present

    assert present.PER_SLIDE == pack.PER_SLIDE
    pages = pack.slides(pack.build(db.open_data(ROOT / "data" / "normalized")), lang)
    at = app({"view": "present", "lang": lang})
    for n, page in enumerate(pages, start=1):
        assert f"{n} / {len(pages)}" in texts(at)
        if page.domain is None:
            assert at.title[0].value.startswith("白井市" if lang == "ja" else "Shiroi")
        else:
            assert at.title[0].value.replace("\\", "").startswith(page.domain.label(lang)), (n, at.title[0].value)
            assert _slide_numbers(at) == [r.number for r in page.rows], n
        if n < len(pages):
            at.button(key="slide-next").click().run()
    assert at.button(key="slide-next").disabled


def test_a_slide_beyond_the_deck_shows_the_last():
    at = app({"view": "present", "slide": "99"})
    assert "12 / 12" in texts(at)


def test_every_rule_signal_has_words_for_the_detail_in_every_language():
    import csv

    from dashboard import i18n

    with (ROOT / "data" / "status_rules.csv").open(encoding="utf-8", newline="") as f:
        signals = {row["signal"] for row in csv.DictReader(f)}
    for lang in i18n.LANGS:
        assert all(i18n.t(f"signal_{s}", lang) for s in signals)


def test_the_detail_says_when_an_automatic_status_was_decided_with_low_confidence():
    """Why the review list holds an "achieved": the detail says the automatic reading is of low confidence."""
    assert "自動判定・確度が低い" in texts(app({"view": "measures", "measure": "3-5-1", "year": "2019"}))
    assert "automatic, low confidence" in texts(app({"view": "measures", "measure": "3-5-1", "lang": "en"}))
    assert "自動判定・確度が低い" not in texts(app({"view": "measures", "measure": "6-3-5"}))


def test_the_detail_names_what_decided_the_status_whatever_the_rule(tmp_path):
    """Reports decided by numbers, a rate, a remaining need, a phrase of completion, and nothing at all."""
    reports = ["目標24人に対し5人の参加であった。", "達成率は85%であった。", "教室を開催したが、更なる周知が必要である。",
               "予定の全回を実施した。", "あいうえお"]
    body = "".join(f"医療・看護\t1-{'①②③④⑤'[n]}\t項目{n}\t着手\t実施\t実施\t●{r}\t●継続する。\n" for n, r in enumerate(reports))
    out = tmp_path / "n"
    assert main(["normalize", str(write_source(tmp_path, body)), "--out", str(out)]) == 0
    from dashboard import db, queries

    rows = queries.run(db.open_data(out), "status", municipality=None, year=2019, domains=None, statuses=None, q=None)
    assert len(rows) == 5
    words = {}
    for row in rows.itertuples():  # app() asserts that each page renders without an exception
        body = texts(app({"view": "measures", "measure": row.measure_id}, data=out))
        words[row.number] = [w for w in ("目標と実績の数値", "達成率などの割合", "課題・不足の記述", "目標達成・全回実施の表現",
                                          "実施の表現", "該当する表現なし（要確認）") if w in body]
    assert words["1-①"][0] == "目標と実績の数値" and words["1-②"][0] == "達成率などの割合"
    assert words["1-⑤"] == ["該当する表現なし（要確認）"]


def test_a_filter_with_no_lagging_measure_says_how_many_it_selects():
    body = texts(app({"view": "lagging", "year": "2019", "domain": "医療・看護"}))
    assert "選んだ条件の4件に、遅れている取組みはありません" in body and "該当する取組みはありません" not in body


def test_a_corrected_status_is_marked_on_its_slide_as_in_the_file(tmp_path):
    overrides = tmp_path / "status_overrides.csv"
    overrides.write_text(
        "recorded_at,municipality,measure_id,fiscal_year,action,status,automatic_status,reason,by\n"
        "2026-11-20T10:00:00+09:00,白井市,6-3-5,2019,correct,未達成,partial,未実施,高齢者支援課\n", encoding="utf-8")
    body = texts(app({"view": "present", "year": "2019", "slide": "10"}, overrides=overrides))
    assert ":red-badge[✗ 未達成] :gray[訂正済み] &nbsp; **3\\-⑤**" in body
    assert body.count("訂正済み") == 1  # only 3-⑤; 4-② beside it is automatic
    os.environ.pop("CAREPLAN_OVERRIDES")


@pytest.mark.parametrize("view", ["overview", "lagging", "measures", "present"])
def test_a_views_own_parameters_are_written_and_in_force_only_on_that_view(view):
    """slide belongs to the presentation, carry and page to the lagging list (state.VIEW_PARAMS): another
    view neither writes them to its link nor names carry among the filters in force."""
    from dashboard.state import Choices, ViewState, to_params

    choices = Choices(years=(2019,), default_year=2019, domains=(), measures=frozenset())
    state = ViewState(view=view, year=2019, slide=3, carry="addressed", page=2, q="認知症")
    params = to_params(state, choices)
    assert ("slide" in params) is (view == "present")
    assert ("carry" in params) is ("page" in params) is (view == "lagging")
    assert state.in_force() == (["q", "carry"] if view == "lagging" else ["q"])
    assert ViewState(view=view, slide=1, page=1).in_force() == [] and "slide" not in to_params(
        ViewState(view="present", slide=1), choices)


def test_one_declaration_of_the_filters_drives_the_line_the_count_and_the_clear_button():
    """state.FILTERS: every filter in it is named on the filter line when in force and reset by clearing."""
    from dashboard import chrome
    from dashboard.state import FILTERS, VIEW_PARAMS, ViewState, cleared, field_of

    state = ViewState(view="lagging", municipality="白井市", domains=["生活支援"], statuses=["partial"], q="会議",
                      carry="not_addressed")
    on_lagging = [name for name in FILTERS if VIEW_PARAMS.get(name, "lagging") == "lagging"]
    assert state.in_force() == on_lagging and state.narrowed()
    assert len(chrome.filter_items(state, {}, "ja")) == len(on_lagging)
    blank = ViewState(view="lagging", **cleared())
    assert blank.in_force() == [] and not blank.narrowed()
    assert not ViewState(view="lagging", carry="addressed").narrowed()  # carry is the view's own, not shared
    assert all(hasattr(state, field_of(name)) for name in FILTERS)


def test_a_domain_by_its_english_name_in_the_url_is_read_as_its_canonical_name():
    """domain=Securing housing selects 住まいの確保 (no notice); the link written back names it canonically."""
    at = app({"domain": "Securing housing,住まいの確保", "lang": "en"})
    assert not at.warning
    assert at.session_state["domains"] == ["住まいの確保"]
    from urllib.parse import quote

    link = at.code[0].value  # the link offered to copy
    assert f"domain={quote('住まいの確保')}" in link and "Securing" not in link
