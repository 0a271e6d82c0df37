"""Statuses of free text: the `classify` command's core, through the same SQL as `status`."""

from __future__ import annotations

import pandas as pd

from . import db, queries
from .normalize import Tables, item_rows
from .textfix import despace


def classify(lines: list[str]) -> pd.DataFrame:
    """One row per line (line, status, evidence, evidence_phrase and its offsets, evidence_rule,
    evidence_ratio, confidence); an empty line is no_report."""
    tables = Tables()
    tables.rows["items"] = [
        row for n, line in enumerate(lines, start=1)
        for row in item_rows("classify", str(n), "report", 0, despace(line), n)
    ]
    con = db.from_tables(tables)
    return queries.run(con, "classify", lines=len(lines))
