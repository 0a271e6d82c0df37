"""`python -m dashboard eval`: the status rules measured on notes a planner has labelled.

A label is a status word (achieved …), its Japanese label (達成 …) or a grade word of
data/grade_words.csv (順調 → achieved, やや遅れ and 遅れ → a shortfall, 概ね順調 → between, reported apart).
A shortfall is a status word the status-word table marks as one (partial, not_achieved, cancelled); one
read as unclear is missed.
"""

from __future__ import annotations

import csv
import hashlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .errors import InputError, project_path
from .i18n import LAGGING, ROOT, STATUSES, WORDS
from .status import classify

GRADE_FILE = ROOT / "data" / "grade_words.csv"
GRADE_CLASSES = ("achieved", "between", "shortfall")


def _grades(path: Path) -> dict[str, str]:
    """A city's grade words and what each reads as (data/grade_words.csv), checked row by row."""
    grades: dict[str, str] = {}
    with path.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        if not {"grade", "reads_as"} <= set(reader.fieldnames or ()):
            raise InputError(project_path(path), "needs the columns grade, reads_as", line=1)
        for r in reader:
            where = project_path(path)
            grade, reads_as = (r["grade"] or "").strip(), (r["reads_as"] or "").strip()
            if not grade:
                raise InputError(where, "grade is empty", line=reader.line_num)
            if reads_as not in GRADE_CLASSES:
                raise InputError(where, f"reads_as {reads_as!r}: one of {', '.join(GRADE_CLASSES)}",
                                 line=reader.line_num)
            if grade in grades:
                raise InputError(where, f"grade {grade!r} is listed twice", line=reader.line_num)
            grades[grade] = reads_as
    return grades


GRADES = _grades(GRADE_FILE)  # grade word → achieved, between or shortfall
SHORTFALL = tuple(w for w, s in WORDS.items() if s.shortfall)  # data/status_words.csv, display order
MASK = "＊"


def _words() -> tuple[dict[str, str], set[str]]:
    """Every accepted label (a status word or its label in any language) → its class, and the lagging
    statuses."""
    labels = {w: w for w in WORDS} | {label: w for w, s in WORDS.items() for label in s.labels.values()}
    return labels | GRADES, set(LAGGING)


@dataclass
class Result:
    rows: list[dict]  # label, expected class, status, confidence, evidence, note
    lagging: set[str]
    grades: bool
    masked: list[str] = field(default_factory=list)
    found: tuple[str, ...] = SHORTFALL  # readings that find a shortfall

    def count(self, expected, got=None) -> int:
        return sum(1 for r in self.rows if r["expected"] in expected and (got is None or r["status"] in got))

    @property
    def shortfall_classes(self) -> tuple[str, ...]:
        return ("shortfall", *SHORTFALL)

    def figures(self) -> dict:
        short = self.shortfall_classes
        n_short, n_ach = self.count(short), self.count(("achieved",))
        graded = [r for r in self.rows if r["expected"] not in ("between", "shortfall")]
        return {
            "notes": len(self.rows),
            "shortfalls": n_short,
            "shortfall_recall": self.count(short, self.found) / n_short if n_short else None,
            "shortfalls_read_as_achieved": self.count(short, ("achieved",)) / n_short if n_short else None,
            "achieved": n_ach,
            "false_alarms": self.count(("achieved",), self.lagging) / n_ach if n_ach else None,
            "unclear": sum(r["status"] == "unclear" for r in self.rows) / len(self.rows) if self.rows else None,
            "exact": (sum(r["status"] == r["expected"] for r in graded), len(graded)),
        }


def _read(path: Path, text_column: str, label_column: str) -> list[tuple[str, str, int]]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as f:
            reader = csv.DictReader(f, delimiter="\t")
            missing = [c for c in (text_column, label_column) if c not in (reader.fieldnames or [])]
            if missing:
                raise InputError(path, f"no column {', '.join(missing)} (columns: {', '.join(reader.fieldnames or [])})")
            return [(row[text_column] or "", (row[label_column] or "").strip(), n) for n, row in enumerate(reader, start=2)]
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except IsADirectoryError:
        raise InputError(path, "is a directory") from None
    except UnicodeDecodeError:
        raise InputError(path, "not UTF-8 text") from None


def _half(rows_file: Path, half: str) -> set[str]:
    try:
        with rows_file.open(encoding="utf-8", newline="") as f:
            reader = csv.DictReader(f)
            if not {"sha256_12", "half"} <= set(reader.fieldnames or []):
                raise InputError(rows_file, "needs the columns sha256_12 and half")
            return {r["sha256_12"] for r in reader if r["half"] == half}
    except FileNotFoundError:
        raise InputError(rows_file, "no such file") from None


def note_key(note: str) -> str:
    """The first 12 hex characters of the sha256 of a note's text (how a split file names a note)."""
    return hashlib.sha256(note.encode("utf-8")).hexdigest()[:12]


@dataclass
class Notes:
    notes: list[tuple[str, str, int]]  # note as written, label, line
    texts: list[str]  # what the rules read: grade words masked, one line each
    labels: dict[str, str]  # accepted label → its class
    lagging: set[str]
    grades: bool
    masked: list[str]


def labelled_notes(path: Path, text_column: str = "note", label_column: str = "label", mask: list[str] | None = None,
                   rows_file: Path | None = None, half: str | None = None) -> Notes:
    """A file of labelled notes, checked, as the rules will read them."""
    notes = _read(Path(path), text_column, label_column)
    labels, lagging = _words()
    for _, label, line in notes:
        if label not in labels:
            raise InputError(Path(path), f"line {line}: unknown label {label!r}")
    if rows_file is not None:
        keep = _half(Path(rows_file), half or "dev")
        notes = [n for n in notes if note_key(n[0]) in keep]
    grades = any(label in GRADES for _, label, _ in notes)
    if mask is None:
        mask = list(GRADES) if grades else []
    words = sorted((w for w in mask if w), key=len, reverse=True)
    texts = []
    for note, _, _ in notes:
        for w in words:
            note = note.replace(w, MASK)
        texts.append(" ".join(note.split("\n")))
    return Notes(notes, texts, labels, lagging, grades, words)


def evaluate(path: Path, text_column: str = "note", label_column: str = "label", mask: list[str] | None = None,
             rows_file: Path | None = None, half: str | None = None,
             read: Callable[[list[str]], pd.DataFrame] = classify) -> Result:
    """The notes read by the rules (read: classify, or the same rows from an earlier call) against their labels."""
    n = labelled_notes(path, text_column, label_column, mask, rows_file, half)
    out = read(n.texts) if n.texts else None
    rows = []
    for i, (_, label, _) in enumerate(n.notes):
        r = out.iloc[i]
        rows.append(dict(label=label, expected=n.labels[label], status=r.status, confidence=r.confidence,
                         key=note_key(n.notes[i][0]),
                         evidence=r.evidence_phrase if isinstance(r.evidence_phrase, str) else "", note=n.texts[i]))
    return Result(rows, n.lagging, n.grades, n.masked)


def _pct(x) -> str:
    return "–" if x is None else f"{x:.0%}"


def report(result: Result, show_errors: bool = False) -> str:
    seen = {r["status"] for r in result.rows}
    got = [w for w in STATUSES if w in seen or w in ("achieved", *SHORTFALL, "no_report", "unclear")]  # table order
    expected = [e for e in ("achieved", "between", *SHORTFALL, "shortfall", "unclear", "no_report")
                if any(r["expected"] == e for r in result.rows)]
    width = max(len(e) for e in [*expected, "labelled \\ read"]) + 2
    lines = ["labelled \\ read".ljust(width) + "".join(g.rjust(14) for g in got)]
    for e in expected:
        counts = Counter(r["status"] for r in result.rows if r["expected"] == e)
        lines.append(e.ljust(width) + "".join(str(counts[g]).rjust(14) for g in got))
    lines += ["", f"notes: {len(result.rows)}" + (f" (masked: {', '.join(result.masked)})" if result.masked else ""),
              *_figure_lines(result)]
    f = result.figures()
    hits, total = f["exact"]
    if total and not result.grades:
        lines.append(f"exact agreement: {hits}/{total} ({_pct(hits / total)})")
    between = [r for r in result.rows if r["expected"] == "between"]
    if between:
        c = Counter(r["status"] for r in between)
        lines.append("between (概ね順調), read as: " + ", ".join(f"{g} {c[g]}" for g in got if c[g]))
    low = sum(r["confidence"] == "low" for r in result.rows)
    lines.append(f"low confidence: {low}/{f['notes']}")
    if show_errors:
        lines += ["", "misread notes:"]
        for r in result.rows:
            wrong = (r["expected"] in result.shortfall_classes and r["status"] not in SHORTFALL) or \
                    (r["expected"] == "achieved" and r["status"] != "achieved") or \
                    (r["expected"] in SHORTFALL and r["status"] != r["expected"]) or \
                    (r["expected"] == "between" and r["status"] not in ("achieved", "partial"))
            if wrong:
                lines.append(f"  {r['label']} → {r['status']} ({r['confidence']}) [{r['evidence']}] {r['note']}")
    return "\n".join(lines)


def _figure_lines(result: Result) -> list[str]:
    f = result.figures()
    n_short, n_ach = f["shortfalls"], f["achieved"]
    short = result.shortfall_classes
    return [
        f"shortfall recall: {result.count(short, result.found)}/{n_short} ({_pct(f['shortfall_recall'])})",
        f"shortfalls read as achieved: {result.count(short, ('achieved',))}/{n_short} "
        f"({_pct(f['shortfalls_read_as_achieved'])})",
        f"false alarms (achieved read as lagging): {result.count(('achieved',), result.lagging)}/{n_ach} "
        f"({_pct(f['false_alarms'])})",
        f"unclear: {sum(r['status'] == 'unclear' for r in result.rows)}/{f['notes']} ({_pct(f['unclear'])})",
    ]


def readers(result: Result, path: Path) -> str:
    """Each reader's own reading of the same notes (a CSV: sha256_12 and one column per reader, a label
    each) in the rules' figures: how far the words of the notes carry their labels at all."""
    labels, _ = _words()
    try:
        with path.open(encoding="utf-8-sig", newline="") as f:
            reader = csv.DictReader(f)
            names = [c for c in reader.fieldnames or [] if c != "sha256_12"]
            if "sha256_12" not in (reader.fieldnames or []) or not names:
                raise InputError(path, "needs the column sha256_12 and one column per reader", line=1)
            table = {}
            for r in reader:
                for name in names:
                    if (r[name] or "").strip() not in labels:
                        raise InputError(path, f"{name}: unknown label {r[name]!r}", line=reader.line_num)
                table[r["sha256_12"]] = r
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except UnicodeDecodeError:
        raise InputError(path, "not UTF-8 text") from None
    lines = []
    for name in names:
        rows = [dict(r, status=labels[table[k][name].strip()]) for r in result.rows if (k := r["key"]) in table]
        read = Result(rows, result.lagging | {"shortfall"}, result.grades, found=(*SHORTFALL, "shortfall"))
        between = Counter(r["status"] for r in rows if r["expected"] == "between")
        lines += ["", f"reader {name}: {len(rows)} of the {len(result.rows)} notes", *_figure_lines(read)[:3]]
        if n := read.count(read.shortfall_classes, ("between",)):
            lines.append(f"shortfalls read as between: {n}/{read.count(read.shortfall_classes)}")
        if between:
            lines.append("between (概ね順調), read as: " + ", ".join(f"{g} {n}" for g, n in between.items()))
    return "\n".join(lines)
