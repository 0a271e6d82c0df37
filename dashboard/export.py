"""The table a user downloads: CSV (UTF-8 with BOM) or Excel, no cell able to act as a formula."""

from __future__ import annotations

import io

import pandas as pd

from .i18n import status_label

COLUMNS = (
    "municipality", "measure_id", "domain", "domain_en", "number", "measure", "fiscal_year", "target",
    "status", "status_label", "status_source", "automatic_status", "confirmed_reason", "evidence",
    "carry_over", "report", "plan",
)
_RISKY = ("=", "+", "-", "@", "\t", "\r")


def table(status_rows: pd.DataFrame, lang: str = "ja") -> pd.DataFrame:
    """Rows of queries/status.sql → the download's columns (municipality only when there are several)."""
    frame = status_rows.assign(status_label=[status_label(s, lang) for s in status_rows.status])
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


def to_xlsx(frame: pd.DataFrame, sheet: str = "status") -> bytes:
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
    "lagging": ("municipality", "number", "domain", "measure", "target", "status_label", "status", "evidence",
                "evidence_phrase", "carry_over", "carry_over_terms", "status_source"),
    "measures": ("municipality", "number", "domain", "measure", "fiscal_year", "target", "status_label", "status",
                 "evidence", "status_source", "carry_over", "report", "plan"),
    "review": ("municipality", "number", "domain", "measure", "target", "status_label", "status", "review_reason",
               "evidence"),
}


def view_table(rows: pd.DataFrame, view: str, lang: str, several: bool = False) -> pd.DataFrame:
    """Rows of a view's query (in the order shown) → the download: UI-language headings and values."""
    from .i18n import row_domain, t

    def said(prefix: str, values) -> list:
        return [t(f"{prefix}_{v}", lang) if isinstance(v, str) and v else "" for v in values]

    values = {
        "municipality": list(rows.municipality),
        "number": list(rows.number),
        "domain": [row_domain(r, lang) for r in rows.itertuples()],
        "measure": list(rows.measure),
        "fiscal_year": [int(y) for y in rows.fiscal_year],
        "target": list(rows.target),
        "status_label": [status_label(s, lang) for s in rows.status],
        "status": list(rows.status),
        "evidence": list(rows.evidence),
        "evidence_phrase": list(rows.evidence_phrase),
        "carry_over": said("carry_value", rows.carry_over),
        "carry_over_terms": list(rows.carry_over_terms),
        "status_source": said("source_value", rows.status_source),
        "report": list(rows.report),
        "plan": list(rows.plan),
        **({"review_reason": said("review_reason", rows.review_reason)} if "review_reason" in rows else {}),
    }
    columns = [c for c in VIEW_COLUMNS[view] if c != "municipality" or several]
    frame = pd.DataFrame({t(f"col_{c}", lang): values[c] for c in columns})
    return frame.astype(object).where(frame.notna(), "")


def to_xlsx_with_conditions(frame: pd.DataFrame, conditions: list[tuple[str, str]], sheet: str,
                            conditions_sheet: str) -> bytes:
    """Excel: a first sheet stating the conditions (filters, data, date) the table was made with, then the
    table. Every cell text, never a formula."""
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
        for i, column in enumerate(frame.columns):
            longest = frame[column].astype(str).str.len().max() if len(frame) else 0
            table_sheet.set_column(i, i, 60 if longest > 40 else 16)
    return out.getvalue()
