"""Synthetic municipalities made by varying the bundled source, for scale tests.

Each municipality keeps the bundled table's domains and most of its measures, its targets (a few
dropped) and its plans; its progress reports are recombined from the bundled reports so that its
statuses follow a distribution of its own. The statuses are then decided by the same rules as any
other data. Deterministic for a given seed.
"""

from __future__ import annotations

import random
from collections import defaultdict

from . import queries
from .db import from_tables
from .normalize import Tables, normalize
from .source import manifest_sources

KINDS = ("achieved", "partial", "not_achieved", "no_report")


def _pools(base: Tables) -> dict[str, list[list[dict]]]:
    """Report bullets of the bundled source, grouped by the status the rules give them."""
    con = from_tables(base)
    rows = queries.run(con, "status", municipality=None, year=None, domains=None, statuses=None, q=None)
    status = {(r.source_id, r.measure_id, r.fiscal_year): r.status for r in rows.itertuples()}
    reports: dict[tuple, list[dict]] = defaultdict(list)
    for item in base.rows["items"]:
        if item["kind"] == "report":
            reports[(item["source_id"], item["measure_id"], item["fiscal_year"])].append(item)
    pools: dict[str, list[list[dict]]] = defaultdict(list)
    for key, items in reports.items():
        pools[status[key]].append(items)
    return pools


def synth(municipalities: int, seed: int = 0) -> Tables:
    base = normalize(manifest_sources())
    pools = _pools(base)
    source = base.rows["sources"][0]
    report_year = source["report_year"]
    targets = defaultdict(list)
    for row in base.rows["targets"]:
        targets[row["measure_id"]].append(row)
    parts = defaultdict(list)
    for row in base.rows["target_parts"]:
        parts[(row["measure_id"], row["fiscal_year"])].append(row)
    domain_names = defaultdict(list)  # the bundled domains' names in other languages
    for row in base.rows["names"]:
        if row["kind"] == "domain":
            domain_names[row["name"]].append(row)
    plans = defaultdict(list)
    for row in base.rows["items"]:
        if row["kind"] == "plan":
            plans[row["measure_id"]].append(row)

    out = Tables()
    add = out.add
    for k in range(1, municipalities + 1):
        rnd = random.Random(seed * 1_000_003 + k)
        sid = f"synth-{k:04d}"
        weights = [rnd.uniform(0.3, 1.0), rnd.uniform(0.05, 0.5), rnd.uniform(0.0, 0.3), rnd.uniform(0.0, 0.15)]
        add("sources", **{**source, "source_id": sid, "file": f"{sid}.synthetic", "sha256": f"synthetic:{seed}:{k}",
                          "municipality": f"合成市{k:04d}",
                          "title": f"合成データ {k:04d}（白井市の表を組み替えたもの）"})
        add("names", source_id=sid, kind="municipality", name=f"合成市{k:04d}", lang="en", text=f"Synth City {k:04d}")
        for row in base.rows["columns"]:
            add("columns", **{**row, "source_id": sid})
        kept = [m for m in base.rows["measures"] if rnd.random() < 0.95]
        for d in base.rows["domains"]:
            if any(m["domain_order"] == d["domain_order"] for m in kept):
                add("domains", **{**d, "source_id": sid})
                for n in domain_names[d["domain"]]:
                    add("names", **{**n, "source_id": sid})
        for m in kept:
            mid = m["measure_id"]
            add("measures", **{**m, "source_id": sid})
            for t in targets[mid]:
                if rnd.random() < 0.05:
                    continue  # a target not set here
                add("targets", **{**t, "source_id": sid})
                for p in parts[(mid, t["fiscal_year"])]:
                    add("target_parts", **{**p, "source_id": sid})
            kind = rnd.choices(KINDS, weights)[0]
            if kind != "no_report" and pools[kind]:
                for seq, item in enumerate(rnd.choice(pools[kind]), start=1):
                    add("items", **{**item, "source_id": sid, "measure_id": mid, "seq": seq,
                                    "fiscal_year": report_year})
            for item in plans[mid]:
                add("items", **{**item, "source_id": sid})
    return out
