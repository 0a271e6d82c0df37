"""AppTest: every view renders from a URL, filters and parameters work, source text stays literal."""

from __future__ import annotations

import os

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.cli import main

from .conftest import ROOT, write_source

APP = str(ROOT / "dashboard" / "app.py")


def app(params: dict | None = None, data=None, overrides=None) -> AppTest:
    for name, value in (("CAREPLAN_DATA", data), ("CAREPLAN_OVERRIDES", overrides)):
        if value is not None:
            os.environ[name] = str(value)
        else:
            os.environ.pop(name, None)
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def texts(at: AppTest) -> str:
    return "\n".join([m.value for m in at.markdown] + [s.value for s in at.subheader] + [c.value for c in at.caption]
                     + [str(i.value) for i in at.info] + [str(w.value) for w in at.warning])


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, "領域別の状況（2019年度）"),
        ({"view": "lagging"}, "17件（未達成 → 未報告 → 一部達成の順）"),
        ({"view": "measures"}, "51件"),
        ({"view": "present"}, "1 / 7"),
        ({"view": "data"}, "取り込み時の修正と警告"),
        ({"view": "measures", "measure": "3-2-2"}, "地域ケア会議、スーパービジョンなど基幹型の対応を充実させ"),
    ],
)
def test_every_view_renders(params, expected):
    assert expected in texts(app(params))


def test_overview_headline_counts_the_year():
    at = app({"year": "2019"})
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["取組み数"] == "51" and metrics["遅れ"] == "17"
    assert metrics["✓ 達成"] == "29" and metrics["✗ 未達成"] == "4"


def test_target_only_year_says_there_is_no_report():
    at = app({"year": "2020", "view": "lagging"})
    assert "2020年度は進捗の報告がない年度です" in texts(at)


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
        ({"lang": "fr"}, "lang=fr"),
    ],
)
def test_malformed_parameters_show_a_notice(params, notice):
    at = app(params)
    assert any(notice in w.value for w in at.warning)


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


def test_presentation_pages_through_domains():
    at = app({"view": "present"})
    at.button(key="slide-next").click().run()
    assert "2 / 7" in texts(at)
    assert at.session_state["domains"] == ["介護・リハビリテーション"]
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
    assert "python -m dashboard normalize" in at.error[0].value
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


def test_detail_shows_a_confirmed_status_beside_the_automatic_one(tmp_path):
    overrides = tmp_path / "status_overrides.csv"
    overrides.write_text(
        "recorded_at,municipality,measure_id,fiscal_year,action,status,automatic_status,reason,by\n"
        "2026-11-20T10:00:00+09:00,白井市,6-3-5,2019,correct,未達成,partial,サロンのポイント交付は未実施,高齢者支援課\n",
        encoding="utf-8")
    at = app({"view": "measures", "measure": "6-3-5"}, overrides=overrides)
    body = texts(at)
    assert ":red-badge[✗ 未達成] :gray[確認済み] · 自動判定: :orange-badge[◐ 一部達成]" in body
    assert "担当者が2026-11-20に確認: サロンのポイント交付は未実施" in body
    assert "ポイント交付は:orange-background[**実施できていない**]" in body  # the automatic evidence stays
    os.environ.pop("CAREPLAN_OVERRIDES")


def test_lagging_cards_say_whether_next_years_plan_takes_it_up():
    body = texts(app({"view": "lagging"}))
    assert "次年度計画への反映: あり（共通語: 医療機関）" in body
    assert "次年度計画への反映: :orange[見当たらない]" in body


def test_data_page_lists_every_repair_and_the_source():
    at = app({"view": "data"})
    report = at.dataframe[0].value
    assert len(report) == 45
    assert {"garbled_label", "row_shifted", "header_mismatch", "wrapped_space"} <= set(report["種類"])
    assert set(report["区分"]) == {"修正", "警告"}
    assert any("白井市 2018-2020年度の取組み" in m.value for m in at.markdown)


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
    assert at.selectbox(key="municipality").options == ["すべての自治体"] + [f"合成市{k:04d}" for k in range(1, 5)]


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
    total = int(next(c.value for c in at.caption if "件（" in c.value).split("件")[0])
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
