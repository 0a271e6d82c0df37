"""The table a user downloads: CSV (UTF-8 with BOM) or Excel, no cell able to act as a formula."""

from __future__ import annotations

import io

import pandas as pd

from .i18n import DEFAULT_LANG, Names, status_label, t

COLUMNS = (
    "municipality", "measure_id", "domain", "domain_label", "number", "measure", "fiscal_year", "target",
    "status", "status_label", "status_source", "correction_action", "automatic_status", "confirmed_reason", "confidence",
    "evidence",
    "carry_over", "report", "plan",
)
_RISKY = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")  # full-width forms too: a spreadsheet may read them
XLSX_CELL = 32_767  # the most an Excel cell holds (UTF-16 code units)


def table(status_rows: pd.DataFrame, lang: str = DEFAULT_LANG, names: Names | None = None) -> pd.DataFrame:
    """Rows of queries/status.sql → the download's columns (municipality only when there are several): the
    domain's canonical name and its name in `lang` (domain_label, from names), the status and its label."""
    names = names or Names()
    frame = status_rows.assign(domain_label=[names.name("domain", d, lang) for d in status_rows.domain],
                               status_label=[status_label(s, lang) for s in status_rows.status])
    columns = [c for c in COLUMNS if c != "municipality" or status_rows.municipality.nunique() > 1]
    return frame[columns].reset_index(drop=True)


def neutralize(value):
    """Text that a spreadsheet would read as a formula gets a leading apostrophe; the text is kept."""
    if isinstance(value, str) and value.startswith(_RISKY):
        return "'" + value
    return value


def to_csv(frame: pd.DataFrame) -> bytes:
    safe = frame.astype(object).map(neutralize)
    return safe.to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def _units(text: str) -> int:
    return len(text) + sum(1 for c in text if ord(c) > 0xFFFF)


def _too_long(frame: pd.DataFrame) -> list[tuple[int, str, int]]:
    """(row, column, length) of every text too long for an Excel cell (lengths measured column-wise: fast
    at national size)."""
    out = []
    for column in frame.columns:
        if pd.api.types.is_numeric_dtype(frame[column]) or pd.api.types.is_bool_dtype(frame[column]):
            continue
        lengths = frame[column].astype("string").str.len()
        for i in (lengths > XLSX_CELL // 2).fillna(False).to_numpy().nonzero()[0]:
            value = frame[column].iloc[i]
            if isinstance(value, str) and _units(value) > XLSX_CELL:
                out.append((int(i), column, len(value)))
    return out


def _cut(text: str, lang: str) -> str:
    """The text cut to fit an Excel cell, ending with a visible note of how much there is."""
    note = t("xlsx_cut", lang, n=len(text))
    budget, units = XLSX_CELL - _units(note), 0
    for i, c in enumerate(text):
        units += 2 if ord(c) > 0xFFFF else 1
        if units > budget:
            return text[:i] + note
    return text


def warnings(frame: pd.DataFrame, fmt: str) -> list[str]:
    """What a download in `fmt` (".csv" or ".xlsx") cannot keep as it is: one line each, for `warning: …`."""
    if fmt.lstrip(".").lower() != "xlsx":
        return []

    def which(i: int) -> str:
        said = [str(frame[c].iloc[i]) for c in ("municipality", "measure_id", "fiscal_year") if c in frame]
        return " ".join(said) if said else f"row {i + 2}"

    return [f"{column} of {which(i)} has {n:,} characters, more than an Excel cell holds ({XLSX_CELL:,}): "
            "cut in the .xlsx with a note at its end; the .csv keeps it whole" for i, column, n in _too_long(frame)]


def to_xlsx(frame: pd.DataFrame, sheet: str = "status", lang: str = DEFAULT_LANG) -> bytes:
    """Excel, every text a text cell; a text longer than a cell holds is cut with a visible note (see warnings)."""
    long = _too_long(frame)
    if long:
        frame = frame.astype(object).copy()
        for i, column, _ in long:
            frame.iat[i, frame.columns.get_loc(column)] = _cut(frame.iat[i, frame.columns.get_loc(column)], lang)
    out = io.BytesIO()
    options = {"strings_to_formulas": False, "strings_to_urls": False}
    with pd.ExcelWriter(out, engine="xlsxwriter", engine_kwargs={"options": options}) as writer:
        frame.to_excel(writer, sheet_name=sheet, index=False)
        sheet_ = writer.sheets[sheet]
        sheet_.freeze_panes(1, 0)
        for i, column in enumerate(frame.columns):
            width = 60 if column in ("measure", "evidence", "report", "plan") else 16
            sheet_.set_column(i, i, width)
    return out.getvalue()


# The app's downloads: the rows a view shows, in its order, headed and worded in the UI language, with
# the status word kept in a column of its own (so a sheet can be filtered on it in any language).
VIEW_COLUMNS = {
    "lagging": ("municipality", "number", "domain", "measure", "fiscal_year", "target", "status_label", "status", "evidence",
                "evidence_phrase", "carry_over", "carry_over_terms", "plan", "status_source",
                "automatic_status_label", "confirmed_reason", "confirmed_by", "measure_id"),
    "measures": ("municipality", "number", "domain", "measure", "fiscal_year", "target", "status_label", "status",
                 "evidence", "status_source", "automatic_status_label", "confirmed_reason", "confirmed_by",
                 "carry_over", "report", "plan", "measure_id"),
    "review": ("municipality", "number", "domain", "measure", "fiscal_year", "target", "status_label", "status", "review_reason",
               "evidence", "measure_id"),
}


def view_table(rows: pd.DataFrame, view: str, lang: str, several: bool = False, names: bool = False,
               other_names: Names | None = None) -> pd.DataFrame:
    """Rows of a view's query (in the order shown) → the download: UI-language headings and values (domain
    names from other_names); who confirmed or corrected a status only for a signed-in editor (names)."""
    other_names = other_names or Names()

    def said(prefix: str, values) -> list:
        return [t(f"{prefix}_{v}", lang) if isinstance(v, str) and v else "" for v in values]

    values = {
        "municipality": [other_names.name("municipality", m, lang) for m in rows.municipality],
        "number": list(rows.number),
        "domain": [other_names.name("domain", d, lang) for d in rows.domain],
        "measure": list(rows.measure),
        "fiscal_year": [int(y) for y in rows.fiscal_year],
        "target": list(rows.target),
        "status_label": [status_label(s, lang) for s in rows.status],
        "status": list(rows.status),
        "evidence": list(rows.evidence),
        "evidence_phrase": list(rows.evidence_phrase),
        "carry_over": said("carry_value", rows.carry_over),
        "carry_over_terms": list(rows.carry_over_terms),
        "status_source": said("source_value", [
            "corrected" if s == "confirmed" and a == "correct" else s
            for s, a in zip(rows.status_source, rows.get("correction_action", [None] * len(rows)))]),
        "automatic_status_label": [status_label(a, lang) if s == "confirmed" and isinstance(a, str) else ""
                                   for s, a in zip(rows.status_source, rows.automatic_status)],
        "report": list(rows.report),
        "plan": list(rows.plan),
        "confirmed_reason": list(rows.confirmed_reason) if "confirmed_reason" in rows else [None] * len(rows),
        "confirmed_by": list(rows.confirmed_by) if "confirmed_by" in rows else [None] * len(rows),
        "measure_id": list(rows.measure_id),
        **({"review_reason": said("review_reason", rows.review_reason)} if "review_reason" in rows else {}),
    }
    columns = [c for c in VIEW_COLUMNS[view] if (c != "municipality" or several) and (c != "confirmed_by" or names)]
    frame = pd.DataFrame({t(f"col_{c}", lang): values[c] for c in columns})
    return frame.astype(object).where(frame.notna(), "")


def to_xlsx_with_conditions(frame: pd.DataFrame, conditions: list[tuple[str, str]], sheet: str,
                            conditions_sheet: str) -> bytes:
    """Excel: a first sheet stating the conditions (filters, data, date) the table was made with, then the
    table, its headings bold and long text wrapped in wide columns. Every cell text, never a formula."""
    out = io.BytesIO()
    options = {"strings_to_formulas": False, "strings_to_urls": False}
    with pd.ExcelWriter(out, engine="xlsxwriter", engine_kwargs={"options": options}) as writer:
        about = pd.DataFrame(conditions, columns=["", " "])
        about.to_excel(writer, sheet_name=conditions_sheet, index=False, header=False)
        writer.sheets[conditions_sheet].set_column(0, 0, 24)
        writer.sheets[conditions_sheet].set_column(1, 1, 90)
        frame.to_excel(writer, sheet_name=sheet, index=False)
        table_sheet = writer.sheets[sheet]
        table_sheet.freeze_panes(1, 0)
        bold = writer.book.add_format({"bold": True, "text_wrap": True, "valign": "top", "bottom": 1})
        wrap = writer.book.add_format({"text_wrap": True, "valign": "top"})
        for i, column in enumerate(frame.columns):
            longest = frame[column].astype(str).str.len().max() if len(frame) else 0
            table_sheet.set_column(i, i, 60 if longest > 40 else 16, wrap)
            table_sheet.write_string(0, i, str(column), bold)
    return out.getvalue()
