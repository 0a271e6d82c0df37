import pytest

from dashboard.textfix import despace, is_relisted, parse_number, split_items, split_target


@pytest.mark.parametrize(
    ("raw", "fixed"),
    [
        ("モデル的に 会議創設", "モデル的に会議創設"),
        ("協力者が 293 か所となった", "協力者が293か所となった"),
        ("2019 年度の進捗 (2020 年 1 月時点)", "2019年度の進捗 (2020年1月時点)"),
        ("講座・公証 人による個 別相談会実 施（新規）", "講座・公証人による個別相談会実施（新規）"),
        ("協議会開催 / 取組み着手", "協議会開催 / 取組み着手"),  # around '/': written so
        ("カフェを OPEN し", "カフェを OPEN し"),  # next to Latin letters: kept
        ("年 12 3 回", "年12 3回"),  # digit-space-digit kept
        ("  前後の空白  ", "前後の空白"),
        ("全角　スペース", "全角　スペース"),  # an ideographic space is typed, not wrapped
    ],
)
def test_despace_removes_only_wrap_spaces_between_japanese(raw, fixed):
    assert despace(raw) == fixed


@pytest.mark.parametrize(
    ("cell", "items"),
    [
        ("●開催した。 ○周知した。", [("●", "開催した。"), ("○", "周知した。")]),
        ("(注記のみ)。", [("", "(注記のみ)。")]),
        ("前置き ●本文", [("", "前置き"), ("●", "本文")]),
        ("○実施（年1回） ※提出事例が少ないため。", [("○", "実施（年1回）"), ("※", "提出事例が少ないため。")]),
        ("", []),
    ],
)
def test_split_items_keeps_markers_as_written(cell, items):
    assert split_items(cell) == items


@pytest.mark.parametrize(
    ("cell", "parts"),
    [
        ("協議会開催 / 取組み着手", ["協議会開催", "取組み着手"]),
        ("毎年度ケアマネ支援/同行訪問やチーム化支援", ["毎年度ケアマネ支援", "同行訪問やチーム化支援"]),
        ("定期開催／拡充", ["定期開催", "拡充"]),
        ("毎年度実施", ["毎年度実施"]),
    ],
)
def test_split_target_on_slash(cell, parts):
    assert split_target(cell) == parts


@pytest.mark.parametrize(
    ("cell", "number"),
    [("1-①", (1, 1)), ("2-④", (2, 4)), ("3 - ⑫", (3, 12)), ("4-12", (4, 12)), ("6－②", (6, 2)),
     ("領域", None), ("1-", None), ("①", None), ("1-a", None), ("", None)],
)
def test_parse_number(cell, number):
    assert parse_number(cell) == number


@pytest.mark.parametrize(
    ("text", "relisted"),
    [("リーフレット配布（再掲）", True), ("開催する(再掲)。", True), ("再掲載", False)],
)
def test_is_relisted(text, relisted):
    assert is_relisted(text) is relisted
