"""Source rows → normalized tables, with every repair listed against its source line.

The tables (their columns and types are in queries/build/schema.sql):
sources, columns, headers, domains, names, measures, targets, target_parts, items, repairs.

Names in other languages come from columns of text a user edits: `domain_<lang>` in
data/domain_names.csv and `municipality_<lang>` in the manifest, one row of `names` per filled cell.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError, csv_rows, project_path
from .source import ROOT, Source
from .textfix import despace, is_relisted, parse_number, split_items, split_target

DOMAIN_NAMES = ROOT / "data" / "domain_names.csv"  # domain, then a column domain_<lang> per language
_LANG = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]+)*")  # a language code: en, fr, pt-BR

# The header words of the layout: the item-number column (the measure column is the one after it) and
# the domain column, written in full; the report, plan, as-of and plan-period patterns below.
_NUMBER_HEADER = re.compile(r"^番号$")
_DOMAIN_HEADER = re.compile(r"^領域$")
_YEAR = re.compile(r"^\d{4}$")
_REPORT = re.compile(r"(\d{4})年度の(進捗|実績|評価)")
_AS_OF = re.compile(r"[(（](\d{4})年(\d{1,2})月時点[)）]")
_PLAN = re.compile(r"(\d{4})年度の(計画案|計画|予定)")
_PERIOD = re.compile(r"(\d{4})\s*[-－~〜～]\s*(\d{4})\s*年度")


@dataclass
class Layout:
    """Where each role sits, read from the header most pages agree on."""

    domain: int
    number: int
    measure: int
    targets: dict[int, int]  # column → fiscal year
    report: int
    report_year: int
    as_of: str | None
    plan: int | None
    plan_year: int | None
    period: tuple[int, int] | None
    width: int


@dataclass
class Tables:
    rows: dict[str, list[dict]] = field(
        default_factory=lambda: {
            name: []
            for name in (
                "sources", "columns", "headers", "domains", "names", "measures",
                "targets", "target_parts", "items", "repairs",
            )
        }
    )

    def add(self, table: str, **row) -> None:
        self.rows[table].append(row)


def translations(row: dict[str, str], prefix: str) -> dict[str, str]:
    """The filled `<prefix>_<lang>` cells of a row: {lang: text}."""
    return {k[len(prefix) + 1:]: v.strip() for k, v in row.items()
            if k and k.startswith(f"{prefix}_") and _LANG.fullmatch(k[len(prefix) + 1:]) and v and v.strip()}


@dataclass(frozen=True)
class DomainNames:
    """data/domain_names.csv as read: its languages and {canonical name: {lang: name}} (filled cells only)."""

    langs: tuple[str, ...]
    names: dict[str, dict[str, str]]


def _domain_names(path=None) -> DomainNames:
    """data/domain_names.csv. The first column is `domain`; every other column is `domain_<lang>`, a
    language (a column for a third language needs no code). One cell per column and one row per domain:
    anything else is refused naming its line."""
    path = Path(path or DOMAIN_NAMES)
    shown = project_path(path)
    columns, rows = csv_rows(path)
    if columns[:1] != ["domain"]:
        raise InputError(shown, "the first column must be domain", 1)
    for c in columns[1:]:
        if not (c.startswith("domain_") and _LANG.fullmatch(c[len("domain_"):])):
            raise InputError(shown, f"column {c!r}: every column after domain is domain_<lang> (domain_en)", 1)
        if columns.count(c) > 1:
            raise InputError(shown, f"column {c!r} is there twice", 1)
    names: dict[str, dict[str, str]] = {}
    lines: dict[str, int] = {}
    for line, cells in rows:
        row = dict(zip(columns, cells))
        domain = row["domain"].strip()
        if not domain:
            if any(c.strip() for c in cells):
                raise InputError(shown, "the domain cell is empty", line)
            continue
        if domain in names:
            raise InputError(shown, f"domain {domain} is listed twice (also line {lines[domain]}): one row per domain", line)
        names[domain], lines[domain] = translations(row, "domain"), line
    return DomainNames(tuple(c[len("domain_"):] for c in columns[1:]), names)


def _comparable(text: str) -> str:
    """Header text as compared across pages: width variants folded, spaces dropped."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def _is_header(cells: list[str]) -> bool:
    return any(_NUMBER_HEADER.search(despace(c)) for c in cells)


def _is_year_row(cells: list[str]) -> bool:
    filled = [c.strip() for c in cells if c.strip()]
    return bool(filled) and all(_YEAR.match(c) for c in filled)


def _layout(src: Source, line: int, header: list[str], years: list[str]) -> Layout:
    cells = [despace(c) for c in header]

    def find(pattern: re.Pattern) -> int | None:
        return next((i for i, c in enumerate(cells) if pattern.search(c)), None)

    number = find(_NUMBER_HEADER)
    domain = find(_DOMAIN_HEADER)
    report = next((i for i, c in enumerate(cells) if _REPORT.search(c) and not _PLAN.search(c)), None)
    for found, expected in ((domain, "領域 (the domain column)"), (number, "番号 (the item number column)"),
                            (report, "YYYY年度の進捗, 実績 or 評価 (the report column)")):
        if found is None:  # the header most pages agree on, shown from its first page's line
            shown = ", ".join(repr(c[:20] + ("…" if len(c) > 20 else "")) for c in cells if c) or "none"
            raise InputError(src.path, f"header row: no cell {expected}; its cells are {shown}", line)
    targets = {i: int(y) for i, y in enumerate(years) if _YEAR.match(y.strip())}
    if not targets:
        raise InputError(src.path, "header has no row of target years under 年度の進捗目標", line + 1)
    plan = next((i for i, c in enumerate(cells) if i != report and _PLAN.search(c)), None)
    as_of = _AS_OF.search(cells[report])
    period = _PERIOD.search(cells[number + 1]) if number + 1 < len(cells) else None
    return Layout(
        domain=domain,
        number=number,
        measure=number + 1,
        targets=targets,
        report=report,
        report_year=int(_REPORT.search(cells[report]).group(1)),
        as_of=f"{as_of.group(1)}-{int(as_of.group(2)):02d}" if as_of else None,
        plan=plan,
        plan_year=int(_PLAN.search(cells[plan]).group(1)) if plan is not None else None,
        period=(int(period.group(1)), int(period.group(2))) if period else None,
        width=max(len(header), len(years)),
    )


def normalize(sources: list[Source], domain_names=None) -> Tables:
    """The normalized tables of these sources; domain_names: the file of domain names in other
    languages (default DOMAIN_NAMES)."""
    tables = Tables()
    names = _domain_names(domain_names)
    for src in sources:
        _normalize_one(src, tables, names)
    return tables


@dataclass
class Repairs:
    """Adds rows to the import report (the repairs table) of one source."""

    t: Tables
    source_id: str

    def __call__(self, line: int, column: int | None, kind: str, message: str, before="", after="",
                 level="repair") -> None:
        self.t.add("repairs", source_id=self.source_id, source_line=line, column_no=column, level=level,
                   kind=kind, before=before or None, after=after or None, message=message)


@dataclass
class Pages:
    """A source split at its page headers: the header rows and the data rows between them."""

    headers: list[tuple[int, int, list[str]]]  # (page, line, comparable cells)
    year_rows: list[list[str]]  # the row of target years under each header
    data: list[tuple[int, int, list[str]]]  # (page, line, cells)
    count: int


@dataclass
class Row:
    """A measure's row of the source, cells aligned with the layout."""

    line: int
    page: int
    cells: list[str]
    number: str  # as written: 2-④
    group: int
    item: int
    label_raw: str  # the domain cell as written
    shift: int  # 1 when the row stood one column to the left
    label: str = ""  # the domain label, repaired


def _normalize_one(src: Source, t: Tables, domain_names: DomainNames) -> None:
    """One source's tables, phase by phase: pages, layout, rows, domains and measures, the source."""
    repair = Repairs(t, src.source_id)
    for line, column, kind, message in src.warnings:  # what reading the file found (e.g. a workbook's formulas)
        repair(line, column, kind, message, level="warning")
    pages = _pages(src, t, repair)
    usual_header, years = _usual_header(pages, repair)
    layout = _layout(src, pages.headers[0][1], usual_header, list(years))
    rows = _rows(src, layout, pages.data, repair)
    segments = _segments(src, layout, rows)
    _repair_labels(rows, layout, repair)
    names = _domain_per_segment(rows, segments)
    for s, seg in enumerate(segments):
        before = rows[seg[0] - 1] if seg[0] else None
        _add_domain(t, src.source_id, layout, [rows[k] for k in seg], before, s + 1, names.get(s), domain_names, repair)
    _add_source(t, src, layout, usual_header, pages, repair)


def _pages(src: Source, t: Tables, repair: Repairs) -> Pages:
    """Page headers: every cell kept in the headers table, repeats reported as dropped."""
    pages = Pages(headers=[], year_rows=[], data=[], count=0)
    rows = src.rows
    i = 0
    while i < len(rows):
        line, cells = rows[i]
        if not any(c.strip() for c in cells):
            i += 1
            continue
        if _is_header(cells):
            pages.count += 1
            header_rows = [(line, cells)]
            if i + 1 < len(rows) and _is_year_row(rows[i + 1][1]):
                header_rows.append(rows[i + 1])
                pages.year_rows.append([c.strip() for c in rows[i + 1][1]])
                i += 1
            if pages.count > 1:
                for hline, _ in header_rows:
                    repair(hline, None, "page_header_dropped", f"page {pages.count}: repeated page header row removed")
            for hline, hcells in header_rows:
                for col, text in enumerate(hcells, start=1):
                    if text.strip():
                        t.add("headers", source_id=src.source_id, page=pages.count, source_line=hline,
                              column_no=col, text=text)
            pages.headers.append((pages.count, line, [_comparable(c) for c in cells]))
            i += 1
            continue
        if not pages.headers:
            raise InputError(src.path, "data before the first header row (番号 column not found)", line)
        pages.data.append((pages.count, line, cells))
        i += 1
    if not pages.headers:
        raise InputError(src.path, "no header row with a 番号 (item number) column")
    if not pages.data:
        raise InputError(src.path, "header but no rows of measures")
    return pages


def _usual_header(pages: Pages, repair: Repairs) -> tuple[list[str], tuple[str, ...]]:
    """The header most pages agree on, column by column, and the usual row of years; pages that say
    otherwise get a warning."""
    width = max(len(c) for _, _, c in pages.headers)
    usual_header = []
    for col in range(width):
        texts = Counter(c[col] if col < len(c) else "" for _, _, c in pages.headers)
        usual, _ = texts.most_common(1)[0]
        usual_header.append(usual)
        for pg, hline, cells in pages.headers:
            text = cells[col] if col < len(cells) else ""
            if text != usual:
                repair(hline, col + 1, "header_mismatch", f"page {pg} header says 「{text}」 where other pages say 「{usual}」",
                       before=text, after=usual, level="warning")
    years = Counter(tuple(r) for r in pages.year_rows).most_common(1)[0][0] if pages.year_rows else ()
    return usual_header, years


def _rows(src: Source, layout: Layout, data: list[tuple[int, int, list[str]]], repair: Repairs) -> list[Row]:
    """Data rows aligned with the layout: a row shifted one column left (its item number in the domain
    column) is moved back; every row must have a readable item number."""
    rows = []
    for pg, line, cells in data:
        cells = list(cells)
        shift = 0
        if (layout.domain >= 0 and parse_number(cells[layout.domain]) is not None
                and (layout.number >= len(cells) or parse_number(cells[layout.number]) is None)):
            if len(cells) >= layout.width and cells[-1].strip():
                raise InputError(src.path, "row looks shifted one column left but its last cell is not empty", line)
            shifted_from = cells[layout.domain]
            shift = 1
            cells = cells[: layout.domain] + [""] + cells[layout.domain:]
            cells = cells[: max(layout.width, len(cells) - 1)]
            repair(line, layout.domain + 1, "row_shifted",
                   f"item number {shifted_from.strip()} stood in the domain column; row moved one column right")
        for col in range(layout.width, len(cells)):
            if cells[col].strip():
                repair(line, col + 1 - shift, "cell_outside_table",
                       f"cell in column {col + 1 - shift}, beyond the header's {layout.width} columns: not read",
                       before=cells[col].strip(), level="warning")
        cells += [""] * (layout.width - len(cells))
        number_cell = cells[layout.number].strip()
        parsed = parse_number(number_cell)
        if parsed is None:
            raise InputError(src.path, f"item number cannot be read: {number_cell!r}" if number_cell
                             else "row has no item number", line)
        rows.append(Row(line=line, page=pg, cells=cells, number=number_cell, group=parsed[0], item=parsed[1],
                        label_raw=cells[layout.domain].strip() if layout.domain >= 0 else "", shift=shift))
    return rows


def _segments(src: Source, layout: Layout, rows: list[Row]) -> list[list[int]]:
    """Domains by the numbering: a group-item number that does not increase starts a new domain."""
    segments: list[list[int]] = []
    for k, m in enumerate(rows):
        prev = rows[k - 1] if k else None
        if prev is not None and (m.group, m.item) == (prev.group, prev.item) \
                and despace(m.cells[layout.measure]) == despace(prev.cells[layout.measure]):
            raise InputError(src.path, f"the same measure twice: {m.number} (also line {prev.line})", m.line)
        if prev is None or (m.group, m.item) <= (prev.group, prev.item):
            segments.append([])
        segments[-1].append(k)
    return segments


def _repair_labels(rows: list[Row], layout: Layout, repair: Repairs) -> None:
    """Each row's domain label, repaired: a letter-spaced label joined, a garbled one matched by its
    characters to the one clean label that holds them all."""
    clean = {despace(m.label_raw) for m in rows if m.label_raw and not re.search(r"\s", m.label_raw)}

    def canonical(raw: str) -> tuple[str, str | None]:
        flat = re.sub(r"\s+", "", raw)
        if flat in clean:
            return flat, ("letter_spaced_label" if flat != raw else None)
        wanted = Counter(flat)
        matches = [c for c in clean if not wanted - Counter(c)]
        if len(matches) == 1:
            return matches[0], "garbled_label"
        return flat, ("letter_spaced_label" if flat != raw else None)

    for m in rows:
        m.label, kind = canonical(m.label_raw) if m.label_raw else ("", None)
        if kind:
            what = "garbled vertical label matched by its characters" if kind == "garbled_label" \
                else "letter-spaced label joined"
            repair(m.line, layout.domain + 1, kind, what, before=m.label_raw, after=m.label)


def _domain_per_segment(rows: list[Row], segments: list[list[int]]) -> dict[int, str]:
    """Labels reconciled with the numbering: each segment takes the label most of its rows carry (a
    label one row before its first row counts half); each label goes to one segment."""
    scores: list[tuple[float, int, int, str]] = []  # (score, -first line, segment, label)
    for s, seg in enumerate(segments):
        votes: Counter = Counter(rows[k].label for k in seg if rows[k].label)
        before = seg[0] - 1
        if before >= 0 and rows[before].label:
            votes[rows[before].label] += 0.5  # a label one row too early
        for label, score in votes.items():
            first = min((rows[k].line for k in seg if rows[k].label == label), default=0)
            scores.append((score, -first, s, label))
    assigned: dict[int, str] = {}
    for score, _, s, label in sorted(scores, reverse=True):
        if s not in assigned and label not in assigned.values():
            assigned[s] = label
    return assigned


def _add_domain(t: Tables, sid: str, layout: Layout, seg: list[Row], before: Row | None, order: int,
                domain: str | None, domain_names: DomainNames, repair: Repairs) -> None:
    """One domain and its measures (`before`: the row above its first), with the repairs its naming needed."""
    first = seg[0]
    if domain is None:
        domain = f"領域{order}"
        repair(first.line, layout.domain + 1, "domain_unlabelled",
               f"no label found for the domain starting at {first.number}; named {domain}", level="warning")
    elif first.label != domain:
        where = next((m.line for m in seg if m.label == domain), None)
        found = f"label on line {where}" if where else f"label one row early, on line {before.line}"
        repair(first.line, layout.domain + 1, "domain_from_numbering",
               f"numbering restarts at {first.number}: domain {domain} begins here ({found})", after=domain)
    other = domain_names.names.get(domain, {})
    missing = [lang for lang in domain_names.langs if lang not in other]
    if missing:
        repair(first.line, layout.domain + 1, "domain_without_name",
               f"no {', '.join(missing)} name for {domain} in data/domain_names.csv", level="warning")
    t.add("domains", source_id=sid, domain_order=order, domain=domain, first_line=first.line)
    for lang, text in sorted(other.items()):
        t.add("names", source_id=sid, kind="domain", name=domain, lang=lang, text=text)
    for m in seg:
        if m.label and m.label != domain:
            repair(m.line, layout.domain + 1, "label_in_wrong_row",
                   f"label {m.label} stands on {m.number}, which the numbering keeps in {domain}",
                   before=m.label_raw, after=domain)
        _add_measure(t, sid, layout, m, order, domain, repair)


def _add_source(t: Tables, src: Source, layout: Layout, usual_header: list[str], pages: Pages,
                repair: Repairs) -> None:
    """The source's row (checked against its manifest entry) and the role of each column."""
    man = src.manifest
    period = layout.period
    if not man:
        repair(0, None, "no_manifest_entry",
               "source is not in data/raw/manifest.csv: municipality and title left empty", level="warning")
    else:
        said = f"{period[0]}-{period[1]}" if period else ""
        if man.get("plan_period") and man["plan_period"] != said:
            repair(0, None, "manifest_mismatch", f"manifest plan period {man['plan_period']}, header {said}", level="warning")
        if man.get("report_year") and man["report_year"] != str(layout.report_year):
            repair(0, None, "manifest_mismatch",
                   f"manifest report year {man['report_year']}, header {layout.report_year}", level="warning")
    plan_label = _PLAN.search(usual_header[layout.plan]).group(2) if layout.plan is not None else None
    t.add("sources", source_id=src.source_id, file=src.path.name, sha256=src.sha256,
          municipality=man.get("municipality") or None,
          title=man.get("title") or None,
          plan_start=period[0] if period else min(layout.targets.values()),
          plan_end=period[1] if period else max(layout.targets.values()),
          report_year=layout.report_year, report_as_of=layout.as_of,
          plan_year=layout.plan_year, plan_label=plan_label, pages=pages.count)
    if man.get("municipality"):
        for lang, text in sorted(translations(man, "municipality").items()):
            t.add("names", source_id=src.source_id, kind="municipality", name=man["municipality"], lang=lang, text=text)
    roles = {layout.domain: ("domain", None), layout.number: ("number", None), layout.measure: ("measure", None),
             layout.report: ("report", layout.report_year)}
    roles.update({c: ("target", y) for c, y in layout.targets.items()})
    if layout.plan is not None:
        roles[layout.plan] = ("plan", layout.plan_year)
    for col, (role, year) in sorted(roles.items()):
        if col < 0:
            continue
        header = usual_header[col] if col < len(usual_header) else ""
        if role == "target" and not header:
            header = next((c[col] for c in (h[2] for h in pages.headers) if col < len(c) and c[col]), "")
        t.add("columns", source_id=src.source_id, column_no=col + 1, role=role, fiscal_year=year, header=header or None)


def _add_measure(t: Tables, sid: str, layout: Layout, m: Row, order: int, domain: str, repair: Repairs) -> None:
    cells, line = m.cells, m.line
    measure_id = f"{order}-{m.group}-{m.item}"

    def fixed(col: int) -> str:
        raw = cells[col]
        text = despace(raw)
        if text != raw.strip():
            repair(line, col + 1 - m.shift, "wrapped_space", "spaces left by PDF line wraps removed inside Japanese text",
                   before=raw.strip(), after=text)
        return text

    text = fixed(layout.measure)
    t.add("measures", source_id=sid, measure_id=measure_id, domain_order=order, domain=domain,
          number=m.number, group_no=m.group, item_no=m.item, text=text or None,
          domain_label=m.label_raw or None, relisted=is_relisted(text), source_line=line, page=m.page)
    for col, year in sorted(layout.targets.items()):
        target = fixed(col)
        if not target:
            continue
        t.add("targets", source_id=sid, measure_id=measure_id, fiscal_year=year, text=target,
              relisted=is_relisted(target), source_line=line)
        for seq, part in enumerate(split_target(target), start=1):
            t.add("target_parts", source_id=sid, measure_id=measure_id, fiscal_year=year, seq=seq, text=part)
    for kind, col, year in (("report", layout.report, layout.report_year), ("plan", layout.plan, layout.plan_year)):
        if col is None:
            continue
        t.rows["items"] += item_rows(sid, measure_id, kind, year, fixed(col), line)


def item_rows(source_id: str, measure_id: str, kind: str, year: int, text: str, line: int) -> list[dict]:
    """Rows of the items table for one report or plan cell (already despaced): one per bullet."""
    return [
        dict(source_id=source_id, measure_id=measure_id, kind=kind, fiscal_year=year, seq=seq,
             marker=marker or None, text=item or None, relisted=is_relisted(item), is_note=marker == "※",
             source_line=line)
        for seq, (marker, item) in enumerate(split_items(text), start=1)
    ]
