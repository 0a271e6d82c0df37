"""Every UI text, Japanese first, English second. Source text is never translated."""

from __future__ import annotations

LANGS = ("ja", "en")

# Status words of the contract, in display order (best first), with label and a symbol so the
# status reads without colour. Colours: Okabe–Ito, safe for colour-blind readers.
STATUSES = ("achieved", "partial", "not_achieved", "cancelled", "no_report", "target_only", "no_target")
STATUS_LABEL = {
    "achieved": ("達成", "Achieved"),
    "partial": ("一部達成", "Partly achieved"),
    "not_achieved": ("未達成", "Not achieved"),
    "cancelled": ("中止", "Cancelled"),
    "no_report": ("未報告", "No report"),
    "target_only": ("目標のみ", "Target only"),
    "no_target": ("目標なし", "No target"),
}
STATUS_SYMBOL = {
    "achieved": "✓", "partial": "◐", "not_achieved": "✗", "cancelled": "⊘",
    "no_report": "?", "target_only": "○", "no_target": "–",
}
STATUS_COLOR = {
    "achieved": "#009E73", "partial": "#E69F00", "not_achieved": "#D55E00", "cancelled": "#CC79A7",
    "no_report": "#0072B2", "target_only": "#BBBBBB", "no_target": "#E8E8E8",
}

TEXT = {
    "app_title": ("地域包括ケア 取組み進捗ダッシュボード", "Community care plan progress dashboard"),
    "view": ("表示", "View"),
    "view_overview": ("概要", "Overview"),
    "view_lagging": ("遅れている取組み", "Lagging measures"),
    "view_measures": ("取組み一覧", "Measures"),
    "view_present": ("プレゼンテーション", "Presentation"),
    "view_data": ("データと修正記録", "Data and repairs"),
    "language": ("言語 / Language", "Language / 言語"),
    "filters": ("絞り込み", "Filters"),
    "year": ("年度", "Fiscal year"),
    "year_value": ("{year}年度", "FY{year}"),
    "domain": ("領域", "Domain"),
    "domain_placeholder": ("すべての領域", "All domains"),
    "status": ("状況", "Status"),
    "status_placeholder": ("すべての状況", "All statuses"),
    "search": ("キーワード検索（取組み・進捗・計画）", "Search measure, report and plan text"),
    "search_placeholder": ("例: 研修", "e.g. 研修"),
    "reset": ("絞り込みを解除", "Clear filters"),
    "share": ("このURLで今の表示を共有できます。", "This page's URL restores the current view."),
    "measures_count": ("取組み数", "Measures"),
    "lagging_count": ("遅れ", "Lagging"),
    "share_of": ("{share:.0%}", "{share:.0%}"),
    "by_domain": ("領域別の状況（{year}年度）", "Status by domain (FY{year})"),
    "grid_title": ("領域×年度の状況", "Status by domain and year"),
    "grid_help": ("セルをクリックすると該当する取組みを表示します。", "Click a cell to list its measures."),
    "bar_help": ("棒をクリックすると該当する取組みを表示します。", "Click a bar segment to list its measures."),
    "count": ("件数", "Count"),
    "no_report_year": ("{year}年度は進捗の報告がない年度です（目標のみ）。",
                       "FY{year} has no progress report in the source (targets only)."),
    "no_lagging": ("遅れている取組みはありません。", "No lagging measures."),
    "lagging_intro": ("{n}件（未達成 → 未報告 → 一部達成の順）", "{n} measures (not achieved, no report, partly achieved)"),
    "evidence": ("根拠", "Evidence"),
    "open_detail": ("詳細", "Details"),
    "measure": ("取組み", "Measure"),
    "number": ("番号", "No."),
    "target": ("目標", "Target"),
    "report": ("進捗", "Progress report"),
    "plan": ("計画", "Plan"),
    "no_text": ("（記載なし）", "(nothing written)"),
    "table_hint": ("行を選択すると詳細を表示します。", "Select a row to see its details."),
    "measure_grid": ("取組み×年度の状況", "Status by measure and year"),
    "rows_found": ("{n}件", "{n} rows"),
    "rows_of": ("{n}件中 {first}–{last}件目", "{first}–{last} of {n}"),
    "more_lagging": ("ほか{n}件（絞り込みで確認できます）", "and {n} more (narrow the filters to see them)"),
    "grid_too_large": ("{n}件は一覧表示に多すぎるため、自治体や領域で絞り込むと表示します。",
                       "{n} rows are too many for this grid; narrow by municipality or domain to see it."),
    "nothing_found": ("条件に合う取組みはありません。", "No measure matches these filters."),
    "detail": ("取組みの詳細", "Measure details"),
    "close": ("閉じる", "Close"),
    "targets_by_year": ("年度別の目標と状況", "Targets and status by year"),
    "status_auto": ("自動判定", "automatic"),
    "status_confirmed": ("確認済み", "confirmed"),
    "relisted_links": ("再掲の関連取組み", "Re-listed in other measures"),
    "relisted_mark": ("再掲", "re-listed"),
    "note_mark": ("注記", "note"),
    "rule": ("判定規則", "Rule"),
    "rule_none": ("該当する表現なし（既定で達成）", "no phrase matched (achieved by default)"),
    "carry_over": ("次年度計画への反映", "Carried into next year's plan"),
    "carry_addressed": ("あり（共通語: {terms}）", "yes (shared terms: {terms})"),
    "carry_not_addressed": ("見当たらない", "not found"),
    "confirmed_note": ("担当者が{date}に確認: {reason}", "Confirmed on {date}: {reason}"),
    "automatic_was": ("自動判定", "Automatic"),
    "prev": ("← 前へ", "← Previous"),
    "next": ("次へ →", "Next →"),
    "slide_of": ("{i} / {n}", "{i} / {n}"),
    "exit_present": ("終了", "Exit"),
    "lagging_in_domain": ("遅れている取組み", "Lagging measures"),
    "none": ("なし", "none"),
    "download_csv": ("CSVをダウンロード", "Download CSV"),
    "download_xlsx": ("Excelをダウンロード", "Download Excel"),
    "import_report": ("取り込み時の修正と警告", "Repairs and warnings made on import"),
    "import_intro": ("元の表（PDFから抽出）に対して行ったすべての修正と警告です。元の文字は失われていません。",
                     "Every repair and warning made to the source table (extracted from a PDF). "
                     "No character of the source was lost."),
    "sources": ("出典", "Sources"),
    "report_line": ("行", "Line"),
    "report_column": ("列", "Column"),
    "report_level": ("区分", "Level"),
    "report_kind": ("種類", "Kind"),
    "report_before": ("修正前", "Before"),
    "report_after": ("修正後", "After"),
    "report_message": ("内容", "Message"),
    "level_repair": ("修正", "repair"),
    "level_warning": ("警告", "warning"),
    "repairs_n": ("修正 {n}件", "{n} repairs"),
    "warnings_n": ("警告 {n}件", "{n} warnings"),
    "notice_bad_param": ("URLの {name}={value} は使えないため無視しました。", "Ignored {name}={value} in the URL: not a valid value."),
    "no_data": ("表示するデータがありません: {error}\n\n次のコマンドで作成してください: `{fix}`",
                "No data to show: {error}\n\nCreate it with: `{fix}`"),
    "municipality": ("自治体", "Municipality"),
    "all_municipalities": ("すべての自治体", "All municipalities"),
    "view_compare": ("自治体比較", "Compare municipalities"),
    "compare_intro": ("遅れている取組みの割合（{year}年度）。列見出しで並べ替え、行を選ぶとその自治体の概要を開きます。",
                      "Share of lagging measures (FY{year}). Sort by a column; select a row to open that "
                      "municipality's overview."),
    "lagging_share": ("遅れの割合", "Lagging share"),
    "as_of": ("{year}年度の進捗（{as_of}時点）", "FY{year} progress (as of {as_of})"),
    "corrections_skipped": ("状況の確認・訂正ファイルの{n}行を読み飛ばしました（一覧はデータページ）:",
                            "{n} rows of the status corrections file were skipped (all listed on the data page):"),
    "correction_stale": ("確認後に自動判定が変わりました（現在: {status}）。確認し直してください。",
                         "The automatic reading has changed since (now: {status}); please check again."),
    "corrections_title": ("状況の確認・訂正", "Status confirmations and corrections"),
    "corrections_intro": ("{file}: 有効な確認・訂正 {n}件。読み飛ばした行:",
                          "{file}: {n} confirmations or corrections in force. Rows skipped:"),
}


def t(key: str, lang: str = "ja", **values) -> str:
    ja, en = TEXT[key]
    text = en if lang == "en" else ja
    return text.format(**values) if values else text


def status_label(word: str, lang: str = "ja") -> str:
    ja, en = STATUS_LABEL[word]
    return en if lang == "en" else ja


def status_badge(word: str, lang: str = "ja") -> str:
    """Symbol and label: the status reads without colour."""
    return f"{STATUS_SYMBOL[word]} {status_label(word, lang)}"
