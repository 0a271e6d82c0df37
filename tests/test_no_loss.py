"""Nothing lost, nothing invented: every non-space character of every source cell is in the
normalized tables, in order, and nothing else is."""

from __future__ import annotations

import re
from collections import defaultdict

from .conftest import SEED


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _by_line(tables) -> dict[int, str]:
    """Per source line, the normalized text in the source's column order."""
    parts: dict[int, list[str]] = defaultdict(list)
    for h in tables["headers"].itertuples():
        parts[int(h.source_line)].append(h.text)
    targets = tables["targets"].sort_values(["measure_id", "fiscal_year"])
    items = tables["items"]
    items = items.assign(order=items.kind.map({"report": 0, "plan": 1}), n=items.seq.astype(int))
    for m in tables["measures"].itertuples():
        line = int(m.source_line)
        parts[line] += [m.domain_label, m.number, m.text]
        parts[line] += list(targets[targets.measure_id == m.measure_id].text)
        own = items[items.measure_id == m.measure_id].sort_values(["order", "n"])
        parts[line] += [marker + text for marker, text in zip(own.marker, own.text)]
    return {line: _flat("".join(p)) for line, p in parts.items()}


def test_every_source_character_is_kept_in_order(seed_tables):
    normalized = _by_line(seed_tables)
    lines = SEED.read_text(encoding="utf-8").split("\n")
    for n, line in enumerate(lines, start=1):
        assert normalized.get(n, "") == _flat(line), f"line {n}"
    assert set(normalized) <= set(range(1, len(lines) + 1))
