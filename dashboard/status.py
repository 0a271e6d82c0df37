"""Statuses of free text: the `classify` command's core, through the same SQL as `status`."""

from __future__ import annotations

import pandas as pd

from . import db, queries
from .normalize import Tables
from .textfix import despace, split_items


def classify(lines: list[str]) -> pd.DataFrame:
    """One row per line (line, status, evidence, evidence_phrase); an empty line is no_report."""
    tables = Tables()
    tables.rows["items"] = [
        dict(source_id="classify", measure_id=str(n), kind="report", fiscal_year=0, seq=seq,
             marker=marker or None, text=text or None, relisted=False, is_note=marker == "※", source_line=n)
        for n, line in enumerate(lines, start=1)
        for seq, (marker, text) in enumerate(split_items(despace(line)), start=1)
    ]
    con = db.from_tables(tables)
    return queries.run(con, "classify", lines=len(lines))
