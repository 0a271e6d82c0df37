"""The table a user downloads: CSV (UTF-8 with BOM) or Excel, no cell able to act as a formula."""

from __future__ import annotations

import io

import pandas as pd

from .i18n import status_label

COLUMNS = (
    "municipality", "measure_id", "domain", "domain_en", "number", "measure", "fiscal_year", "target",
    "status", "status_label", "status_source", "automatic_status", "confirmed_reason", "confidence", "evidence",
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
