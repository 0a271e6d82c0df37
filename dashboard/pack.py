"""The meeting pack: slides (PPTX) and a printable handout (PDF) of one municipality's report.

`build` reads the query files into a small model (title facts, counts per domain, lagging measures);
`slides` paginates it once: a title slide, then a slide per domain and a continuation slide for each
further PER_SLIDE lagging measures — the paging the on-screen presentation uses too (`parts`), so slide N
is the same slide on screen and in the files. The text is never made smaller than 18 pt: a row longer
than its share of a slide is shortened around its deciding phrase (how much fits is estimated from the
text's width, a CJK character being about 1 em). `deck` draws those slides with
python-pptx and `handout` draws the same slides as A4 landscape pages with WeasyPrint, so both files
have the same pages with the same content.
"""

from __future__ import annotations

import functools
import html
import io
import math
import re
import unicodedata
from dataclasses import dataclass, replace

import duckdb
import pandas as pd

from . import queries
from .errors import InputError
from .i18n import DEFAULT_LANG, STATUS_COLOR, STATUS_SYMBOL, STATUSES, Names, in_language, month_name, status_label, t

FONT = "Noto Sans CJK JP"  # named as Latin and East Asian typeface; PowerPoint falls back to Meiryo / Yu Gothic
FONT_FALLBACK = ("Meiryo", "Yu Gothic", "Hiragino Sans", "sans-serif")
TEXT_COLOR = "222222"
MUTED_COLOR = "555555"


# ---------------------------------------------------------------------------------------------------------
# The model: what the pack says, read once through the query files.

@dataclass(frozen=True)
class Row:
    """A lagging measure as the pack shows it."""

    number: str
    measure: str
    status: str
    confirmed: bool  # a planner confirmed or corrected the status (status_source = confirmed)
    evidence: str | None  # the sentence that decided the status
    start: int | None  # the deciding phrase is evidence[start:end]
    end: int | None
    corrected: bool = False  # a planner gave another status than the automatic one


@dataclass(frozen=True)
class Domain:
    name: str  # canonical (Japanese), as in the source
    names: dict[str, str]  # lang → the domain's name in that language (queries/names.sql)
    counts: dict[str, int]  # status word → measures in this domain and year
    lagging: tuple[Row, ...]  # most serious first

    def label(self, lang: str) -> str:
        return in_language(self.name, self.names, lang)

    @property
    def measures(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class Model:
    municipality: str  # canonical (Japanese), as in the manifest
    municipality_names: dict[str, str]  # lang → the municipality's name in that language (queries/names.sql)
    title: str | None  # the source's title, as written
    plan_start: int
    plan_end: int
    report_year: int  # the year the cited report is on
    as_of: str | None  # 'YYYY-MM'
    year: int  # the fiscal year the pack shows
    reported: bool  # whether that year has a progress report
    counts: dict[str, int]  # status word → measures, every word of i18n.STATUSES
    lagging: int  # lagging measures (status_totals.sql)
    lagging_share: float  # their share of the measures (status_totals.sql)
    domains: tuple[Domain, ...]
    # the app's filters (the screen's deck): their line in the pack's language, and the chosen domains
    # they leave no measure in (left out, as on screen); None and () for every measure
    filters: str | None = None
    left_out: tuple[Domain, ...] = ()

    @property
    def measures(self) -> int:
        return sum(self.counts.values())

    def place(self, lang: str) -> str:
        return in_language(self.municipality, self.municipality_names, lang)

    def as_of_text(self, lang: str) -> str:
        if not self.as_of or not re.fullmatch(r"\d{4}-\d{2}", self.as_of):
            return self.as_of or t("pack_as_of_unknown", lang)
        year, month = (int(x) for x in self.as_of.split("-"))
        return t("pack_month", lang, year=year, month=month, month_name=month_name(month, lang))

    def shown_statuses(self) -> list[str]:
        """The statuses a chart shows: those that occur in the pack, in display order."""
        return [s for s in STATUSES if self.counts.get(s)] or list(STATUSES[:1])


def _int(value) -> int | None:
    try:
        return None if value is None or value != value else int(value)
    except (TypeError, ValueError):
        return None


def _row(r) -> Row:
    evidence = r.evidence if isinstance(r.evidence, str) and r.evidence else None
    start, end = _int(r.evidence_start), _int(r.evidence_end)
    phrase = r.evidence_phrase if isinstance(r.evidence_phrase, str) else None
    if evidence is None or start is None or end is None or evidence[start:end] != phrase:
        found = evidence.find(phrase) if evidence and phrase else -1
        start, end = (found, found + len(phrase)) if found >= 0 else (None, None)
    return Row(number=str(r.number), measure=r.measure if isinstance(r.measure, str) else "", status=r.status,
               confirmed=r.status_source == "confirmed", evidence=evidence, start=start, end=end,
               corrected=getattr(r, "correction_action", None) == "correct")


def left_out(run, **chosen) -> tuple[pd.DataFrame, list[str]]:
    """The status counts of the chosen measures (`run`: a query runner, `chosen`: its filters) and the
    domains that the status and search filters leave no measure in: no slide for them, on screen or in the
    pack, and the title slide names them."""
    every = run("status_counts", **(chosen | dict(statuses=None, q=None)))
    counts = run("status_counts", **chosen) if chosen.get("statuses") or chosen.get("q") else every
    kept = set(counts.domain)
    return counts, [d for d in every.domain.drop_duplicates() if d not in kept]


def build(con: duckdb.DuckDBPyConnection, year: int | None = None, domain: str | None = None,
          municipality: str | None = None, domains: list[str] | None = None, statuses: list[str] | None = None,
          q: str | None = None, filters: str | None = None) -> Model:
    """The pack's model for one municipality (the only one, or `municipality`), `year` (default: its latest
    report) and `domain` (its Japanese name or a name in another language; default all). Unusable choices
    raise InputError. The app's filters (`domains`, `statuses`, `q`, named by the line `filters`) make the
    screen's deck: only their measures, and no slide for a domain they leave none in."""
    sources = queries.run(con, "pack_source", municipality=municipality, year=year)
    if sources.empty:
        raise InputError("--municipality", f"{municipality}: no such municipality in the data")
    if len(sources) > 1:
        names = ", ".join(sources.municipality.head(5)) + (" …" if len(sources) > 5 else "")
        raise InputError("--municipality", f"the data holds {len(sources)} municipalities ({names}): name one")
    src = sources.iloc[0]
    place = src.municipality
    year = int(year if year is not None else src.report_year)
    domains = [domain] if domain else (domains or None)
    chosen = dict(municipality=place, year=year, domains=domains, statuses=statuses or None, q=q or None)
    counts, left = left_out(functools.partial(queries.run, con), **chosen)
    if counts.empty and not left:
        if domain and not queries.run(con, "status_counts", municipality=place, year=year, domains=None, statuses=None, q=None).empty:
            raise InputError("--domain", f"{domain}: no such domain for {place}")
        raise InputError("--year", f"{year}: no measures of {place} in that fiscal year")
    lagging = queries.run(con, "lagging", **chosen, carry_over=None)
    totals = queries.run(con, "status_totals", **chosen)
    years = queries.run(con, "fiscal_years")
    reported = bool(years[years.fiscal_year == year].reported.any())
    names = Names.from_rows(queries.run(con, "names"))

    rows_by_domain: dict[str, list[Row]] = {}
    for r in lagging.itertuples():
        rows_by_domain.setdefault(r.domain, []).append(_row(r))
    parts: list[Domain] = []
    for (_, name), group in counts.groupby(["domain_order", "domain"], sort=True):
        parts.append(Domain(
            name=name, names=names.of("domain", name),
            counts={s: int(n) for s, n in zip(group.status, group.measures)},
            lagging=tuple(rows_by_domain.get(name, ()))))
    return Model(
        municipality=place, municipality_names=names.of("municipality", place),
        title=src.title if isinstance(src.title, str) else None, plan_start=int(src.plan_start),
        plan_end=int(src.plan_end), report_year=int(src.report_year),
        as_of=src.report_as_of if isinstance(src.report_as_of, str) else None, year=year, reported=reported,
        counts={s: int(dict(zip(totals.status, totals.measures)).get(s, 0)) for s in STATUSES},
        lagging=int(totals.lagging_measures.iloc[0]), lagging_share=float(totals.lagging_share.iloc[0]),
        domains=tuple(parts), filters=filters,
        left_out=tuple(Domain(name=n, names=names.of("domain", n), counts={}, lagging=()) for n in left))


# ---------------------------------------------------------------------------------------------------------
# Pagination: how much text fits, estimated from its width.

SLIDE_W, SLIDE_H = 960.0, 540.0  # points: 13.333 x 7.5 in, 16:9
MARGIN = 30.0
TITLE_PT, SUB_PT, HEAD_PT, BODY_PT, FOOT_PT = 32, 20, 20, 18, 18
LINE = 1.25  # line height, as a multiple of the font size (set exactly in the deck)
INSET = 4.0  # text box inner margin, each side
PARA_GAP = 2.0
ROW_GAP = 7.0
BAR_W = 7.0  # the status colour bar left of a lagging row
CHART_W = 280.0
GUTTER = 18.0
PAGE_NO_W = 110.0  # "3 / 14", right of the subtitle
TOP_H = TITLE_PT * LINE + 2 * INSET  # title
SUB_Y = MARGIN + TOP_H
BODY_Y = SUB_Y + SUB_PT * LINE + 2 * INSET + 8
BODY_H = SLIDE_H - MARGIN - BODY_Y
LIST_HEAD_H = HEAD_PT * LINE + 2 * INSET + 4
WIDE_W = SLIDE_W - 2 * MARGIN
LIST_W = WIDE_W - CHART_W - GUTTER  # the lagging list, right of the chart


def em_width(text: str) -> float:
    """Width in em: CJK and full-width characters 1, Latin about 0.6, a space 0.3."""
    width = 0.0
    for ch in text:
        if ch == " ":
            width += 0.3
        elif unicodedata.east_asian_width(ch) in ("W", "F", "A"):
            width += 1.0
        elif ch.isupper():
            width += 0.68
        else:
            width += 0.6
    return width


_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9.,:;'’()\-/%&+]* ?|.", re.S)


def count_lines(text: str, size: float, width: float) -> int:
    """Lines `text` takes at `size` pt in a box `width` pt wide (inner), Latin words kept whole; one em of
    slack per line for Japanese line-break rules (a 。 never starts a line)."""
    per_line = max(width / size - 1.0, 1.0)
    lines = 0
    for paragraph in text.split("\n"):
        n, used = 1, 0.0
        for token in _TOKEN.findall(paragraph):
            w = em_width(token)
            if used + w > per_line and used > 0:
                n += 1
                used = 0.0
            while w > per_line:  # a word longer than a line breaks anyway
                n += 1
                w -= per_line
            used += w
        lines += n
    return lines


def text_height(paragraphs: list[tuple[str, float]], width: float) -> float:
    """Height of a text box holding these (text, size) paragraphs, insets included."""
    inner = width - 2 * INSET
    body = sum(count_lines(text, size, inner) * size * LINE for text, size in paragraphs)
    return body + PARA_GAP * (len(paragraphs) - 1) + 2 * INSET


def badge(status: str, lang: str) -> str:
    """Symbol and label of a status word."""
    return f"{STATUS_SYMBOL.get(status, '')} {status_label(status, lang)}".strip()


def status_text(row: Row, lang: str) -> str:
    if not row.confirmed:
        return badge(row.status, lang)
    return t("pack_status_corrected" if row.corrected else "pack_status_confirmed", lang, status=badge(row.status, lang))


def row_lines(row: Row, lang: str) -> list[tuple[str, float]]:
    """The paragraphs of a lagging row: number and status, the measure, the evidence."""
    evidence = row.evidence if row.evidence else t("no_text", lang)
    return [(f"{row.number}　{status_text(row, lang)}", HEAD_PT), (row.measure, BODY_PT),
            (f"{t('evidence', lang)}: {evidence}", BODY_PT)]


def row_height(row: Row, lang: str, width: float) -> float:
    return text_height(row_lines(row, lang), width - BAR_W - 4)


def _clip(row: Row, lang: str, width: float, height: float) -> Row:
    """A row too long for a whole slide: the measure, then the evidence around its phrase, shortened with …"""
    while row_height(row, lang, width) > height:
        if len(row.measure) > 40:
            row = replace(row, measure=row.measure[: int(len(row.measure) * 0.8)] + "…")
            continue
        ev = row.evidence or ""
        if len(ev) <= 40:
            break
        s, e = (row.start, row.end) if row.start is not None else (0, 0)
        keep = int(len(ev) * 0.8)
        lo = max(0, min(s - (keep - (e - s)) // 2, len(ev) - keep))
        hi = min(len(ev), max(lo + keep, e))
        text = ("…" if lo > 0 else "") + ev[lo:hi] + ("…" if hi < len(ev) else "")
        shift = (1 if lo > 0 else 0) - lo
        row = replace(row, evidence=text, start=None if row.start is None else row.start + shift,
                      end=None if row.end is None else row.end + shift)
    return row


PER_SLIDE = 2  # lagging measures on a domain's slide: here and on screen (views/present.py), so slide N is the same


def parts(n: int) -> list[range]:
    """The lagging rows of one domain, slide by slide: PER_SLIDE to a slide; one slide when there are none.
    The pack and the on-screen presentation page with this, so their slides line up one for one."""
    return [range(k, min(k + PER_SLIDE, n)) for k in range(0, n, PER_SLIDE)] or [range(0)]


@dataclass(frozen=True)
class Slide:
    """A page of the pack: the title (domain None) or a domain's slide with some of its lagging rows."""

    domain: Domain | None
    rows: tuple[Row, ...] = ()
    first: int = 0  # index of rows[0] in domain.lagging
    continued: bool = False  # a continuation slide (its title says which part, as on screen: （2/3）)


def slides(model: Model, lang: str) -> list[Slide]:
    """The title slide, then each domain's slides (each with the domain's chart): PER_SLIDE lagging rows to
    a slide (`parts`), each row shortened to its share of the list's room where it is longer."""
    out = [Slide(None)]
    room = BODY_H - LIST_HEAD_H
    for domain in model.domains:
        rows = list(domain.lagging)
        for k, part in enumerate(parts(len(rows))):
            out.append(Slide(domain, _fit(rows[part.start:part.stop], lang, room), part.start, k > 0))
    return out


def _fit(rows: list[Row], lang: str, room: float) -> tuple[Row, ...]:
    """A slide's rows, the tallest shortened (_clip) while together they are taller than the room: text is
    only cut where the slide's rows do not fit whole."""
    rows = [_clip(r, lang, LIST_W, room) for r in rows]
    for _ in range(2 * len(rows)):
        heights = [row_height(r, lang, LIST_W) for r in rows]
        if sum(heights) + ROW_GAP * (len(rows) - 1) <= room:
            break
        k = heights.index(max(heights))
        rest = room - ROW_GAP * (len(rows) - 1) - (sum(heights) - heights[k])
        rows[k] = _clip(rows[k], lang, LIST_W, max(rest, (room - ROW_GAP * (len(rows) - 1)) / len(rows)))
    return tuple(rows)


def _slide_title(slide: Slide, lang: str) -> str:
    """The domain's name, with its part (1/2) where its lagging list takes several slides, as on screen."""
    name = slide.domain.label(lang)
    parts = -(-len(slide.domain.lagging) // PER_SLIDE)
    return name if parts <= 1 else name + " " + t("slide_part", lang, k=slide.first // PER_SLIDE + 1, n=parts)


def _list_heading(slide: Slide, lang: str) -> str | None:
    n = len(slide.domain.lagging)
    if not slide.rows:
        return None
    first, last = slide.first + 1, slide.first + len(slide.rows)
    if n == 1:
        return t("lagging_in_domain", lang)
    return t("pack_lagging_part" if last > first else "pack_lagging_one", lang, n=n, first=first, last=last)


def _empty_note(slide: Slide, model: Model, lang: str) -> str | None:
    if slide.rows:
        return None
    if not model.reported:
        return t("no_report_year", lang, year=model.year)
    return t("no_lagging_filtered" if model.filters else "no_lagging", lang)


def _subtitle(model: Model, domain: Domain, lang: str) -> str:
    """A year without a report has no lagging count (never 0): it says so."""
    return t("pack_domain_sub" if model.reported else "pack_domain_sub_no_report", lang,
             municipality=model.place(lang), year=model.year, n=domain.measures, lagging=len(domain.lagging))


def _lagging_figure(model: Model, lang: str) -> str:
    """The title slide's lagging figure: count and share, or that the year has no report yet."""
    if not model.reported:
        return t("no_report_yet_metric", lang)
    return t("pack_lagging_share", lang, n=model.lagging, share=model.lagging_share)


def _source_line(model: Model, lang: str) -> str:
    return t("pack_source", lang, municipality=model.place(lang), title=model.title or model.municipality,
             as_of=model.as_of_text(lang))


def _title_lines(model: Model, lang: str) -> list[str]:
    lines = [f"{t('pack_period', lang, start=model.plan_start, end=model.plan_end)} ｜ "
             f"{t('as_of', lang, year=model.report_year, as_of=model.as_of_text(lang))}"]
    if model.year != model.report_year:
        lines.append(t("pack_year_shown", lang, year=model.year))
    if model.filters:
        lines.append(model.filters)
    if model.left_out:
        lines.append(left_out_line([d.label(lang) for d in model.left_out], lang))
    return lines


def left_out_line(labels: list[str], lang: str) -> str:
    """The domains a filtered deck has no slide for, named on its title slide (screen and files)."""
    return t("slides_left_out", lang, names=t("list_separator", lang).join(labels))


def _per_column() -> int:
    """Statuses per column of the title slide's figures: one column up to five, else two."""
    return len(STATUSES) if len(STATUSES) <= 5 else math.ceil(len(STATUSES) / 2)


# ---------------------------------------------------------------------------------------------------------
# The deck (python-pptx).

def deck(model: Model, lang: str = DEFAULT_LANG) -> bytes:
    """The pack as a 16:9 PPTX: text as runs in a named Japanese font, native bar charts, ≥ 18 pt."""
    from pptx import Presentation
    from pptx.util import Pt

    prs = Presentation()
    prs.slide_width, prs.slide_height = Pt(SLIDE_W), Pt(SLIDE_H)
    prs.core_properties.title = _source_line(model, lang)
    pages = slides(model, lang)
    for i, page in enumerate(pages, start=1):
        slide = prs.slides.add_slide(prs.slide_layouts[6])  # blank
        if page.domain is None:
            _deck_title(slide, model, lang)
        else:
            _deck_domain(slide, page, model, lang)
        page_y = SLIDE_H - MARGIN - (FOOT_PT * LINE + 2 * INSET) if page.domain is None else SUB_Y
        _box(slide, SLIDE_W - MARGIN - PAGE_NO_W, page_y, PAGE_NO_W,
             [[(t("slide_of", lang, i=i, n=len(pages)), False, MUTED_COLOR)]], FOOT_PT, align="right")
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def _font(font, size: float, bold: bool = False, color: str = TEXT_COLOR) -> None:
    """Size, weight, colour and the Japanese font as both Latin and East Asian typeface."""
    from pptx.dml.color import RGBColor
    from pptx.oxml.ns import qn
    from pptx.util import Pt

    font.size = Pt(size)
    font.bold = bold
    font.color.rgb = RGBColor.from_string(color)
    font.name = FONT
    rpr = font._rPr
    for tag in ("a:ea", "a:cs"):
        old = rpr.find(qn(tag))
        if old is not None:
            rpr.remove(old)
    latin = rpr.find(qn("a:latin"))
    cs = latin.makeelement(qn("a:cs"), {"typeface": FONT})
    ea = latin.makeelement(qn("a:ea"), {"typeface": FONT})
    latin.addnext(cs)
    latin.addnext(ea)


def _box(slide, x, y, w, paragraphs, size, align="left", height=None, sizes=None):
    """A text box; paragraphs are lists of (text, bold, colour) runs. Height: as given, else estimated."""
    from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
    from pptx.util import Pt

    sizes = sizes or [size] * len(paragraphs)
    if height is None:
        height = text_height([("".join(r[0] for r in p), s) for p, s in zip(paragraphs, sizes)], w)
    shape = slide.shapes.add_textbox(Pt(x), Pt(y), Pt(w), Pt(height))
    tf = shape.text_frame
    tf.word_wrap = True
    tf.auto_size = MSO_AUTO_SIZE.NONE
    tf.vertical_anchor = MSO_ANCHOR.TOP
    tf.margin_left = tf.margin_right = tf.margin_top = tf.margin_bottom = Pt(INSET)
    for k, (runs, s) in enumerate(zip(paragraphs, sizes)):
        p = tf.paragraphs[0] if k == 0 else tf.add_paragraph()
        p.line_spacing = Pt(round(s * LINE, 1))
        p.space_before = Pt(PARA_GAP if k else 0)
        p.alignment = {"left": PP_ALIGN.LEFT, "right": PP_ALIGN.RIGHT, "center": PP_ALIGN.CENTER}[align]
        for text, bold, color in runs:
            if text:
                run = p.add_run()
                run.text = text
                _font(run.font, s, bold, color)
    return shape


def _rect(slide, x, y, w, h, color: str, line: str | None = None):
    from pptx.dml.color import RGBColor
    from pptx.enum.shapes import MSO_SHAPE
    from pptx.util import Pt

    shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, Pt(x), Pt(y), Pt(w), Pt(h))
    shape.fill.solid()
    shape.fill.fore_color.rgb = RGBColor.from_string(color.lstrip("#"))
    if line:
        shape.line.color.rgb = RGBColor.from_string(line)
        shape.line.width = Pt(0.75)
    else:
        shape.line.fill.background()
    shape.shadow.inherit = False
    return shape


def _deck_title(slide, model: Model, lang: str) -> None:
    y = MARGIN
    shape = _box(slide, MARGIN, y, WIDE_W, [[(model.place(lang), True, TEXT_COLOR)]], 40)
    y += shape.height.pt + 4
    if model.title:
        shape = _box(slide, MARGIN, y, WIDE_W, [[(model.title, False, TEXT_COLOR)]], 24)
        y += shape.height.pt
    lines = _title_lines(model, lang)
    shape = _box(slide, MARGIN, y, WIDE_W, [[(line, False, MUTED_COLOR)] for line in lines], 22)
    y += shape.height.pt + 18

    # headline figures: measures and lagging, then every status's count
    left_w = 280.0
    figures = [(t("measures_count", lang), str(model.measures)),
               (t("lagging_count", lang), _lagging_figure(model, lang))]
    fy = y
    for label, value in figures:
        shape = _box(slide, MARGIN, fy, left_w, [[(label, False, MUTED_COLOR)], [(value, True, TEXT_COLOR)]],
                     0, sizes=[22, 36])
        fy += shape.height.pt + 8
    gx = MARGIN + left_w + GUTTER
    gw = SLIDE_W - MARGIN - gx
    _box(slide, gx, y, gw, [[(t("pack_by_status", lang), False, MUTED_COLOR)]], 22)
    y += 22 * LINE + 2 * INSET + 4
    statuses = list(STATUSES)
    per_col = _per_column()
    columns = math.ceil(len(statuses) / per_col)
    cell_h = min(40.0, (SLIDE_H - MARGIN - FOOT_PT * LINE - 2 * INSET - 8 - y) / per_col)
    col_w = (gw - GUTTER * (columns - 1)) / columns
    label_w = col_w - 28 - 56
    size = 20 if all(count_lines(badge(s, lang), 20, label_w - 2 * INSET) == 1 for s in statuses) else BODY_PT
    for k, status in enumerate(statuses):
        cx = gx + (k // per_col) * (col_w + GUTTER)
        cy = y + (k % per_col) * cell_h
        _rect(slide, cx, cy + (cell_h - 22) / 2, 22, 22, STATUS_COLOR.get(status, "#999999"), line="888888")
        _box(slide, cx + 28, cy, label_w, [[(badge(status, lang), False, TEXT_COLOR)]], size, height=cell_h - 2)
        _box(slide, cx + col_w - 56, cy, 56, [[(str(model.counts.get(status, 0)), True, TEXT_COLOR)]],
             size, align="right", height=cell_h - 2)


def _deck_domain(slide, page: Slide, model: Model, lang: str) -> None:
    domain = page.domain
    _box(slide, MARGIN, MARGIN, WIDE_W, [[(_slide_title(page, lang), True, TEXT_COLOR)]], TITLE_PT,
         height=TOP_H)
    _box(slide, MARGIN, SUB_Y, WIDE_W - PAGE_NO_W, [[(_subtitle(model, domain, lang), False, MUTED_COLOR)]], SUB_PT)
    _deck_chart(slide, domain, model, lang, MARGIN, BODY_Y, CHART_W, BODY_H)
    x, width = MARGIN + CHART_W + GUTTER, LIST_W
    y = BODY_Y
    heading = _list_heading(page, lang)
    note = _empty_note(page, model, lang)
    if heading:
        _box(slide, x, y, width, [[(heading, True, TEXT_COLOR)]], HEAD_PT, height=LIST_HEAD_H - 4)
        y += LIST_HEAD_H
    elif note:
        _box(slide, x, y, width, [[(t("lagging_in_domain", lang), True, TEXT_COLOR)], [(note, False, TEXT_COLOR)]],
             0, sizes=[HEAD_PT, BODY_PT])
    for row in page.rows:
        h = row_height(row, lang, width)
        _rect(slide, x, y + 2, BAR_W, h - 4, STATUS_COLOR.get(row.status, "#999999"))
        _box(slide, x + BAR_W + 4, y, width - BAR_W - 4, _row_runs(row, lang), 0,
             sizes=[size for _, size in row_lines(row, lang)], height=h)
        y += h + ROW_GAP


def _row_runs(row: Row, lang: str) -> list[list[tuple[str, bool, str]]]:
    """The row's paragraphs as runs, the deciding phrase in bold."""
    head = [(row.number, True, TEXT_COLOR), ("　" + status_text(row, lang), True, TEXT_COLOR)]
    label = f"{t('evidence', lang)}: "
    if not row.evidence:
        evidence = [(label, False, MUTED_COLOR), (t("no_text", lang), False, MUTED_COLOR)]
    elif row.start is None:
        evidence = [(label, False, MUTED_COLOR), (row.evidence, False, TEXT_COLOR)]
    else:
        evidence = [(label, False, MUTED_COLOR), (row.evidence[: row.start], False, TEXT_COLOR),
                    (row.evidence[row.start: row.end], True, TEXT_COLOR), (row.evidence[row.end:], False, TEXT_COLOR)]
    return [head, [(row.measure, False, TEXT_COLOR)], evidence]


def _deck_chart(slide, domain: Domain, model: Model, lang: str, x, y, w, h) -> None:
    """A native bar chart of the domain's status counts, one bar per status in its colour."""
    from pptx.chart.data import CategoryChartData
    from pptx.dml.color import RGBColor
    from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION
    from pptx.util import Pt

    statuses = model.shown_statuses()
    data = CategoryChartData()
    data.categories = [badge(s, lang) for s in statuses]
    values = [domain.counts.get(s, 0) for s in statuses]
    data.add_series(t("count", lang), values)
    chart = slide.shapes.add_chart(XL_CHART_TYPE.BAR_CLUSTERED, Pt(x), Pt(y), Pt(w), Pt(h), data).chart
    chart.has_legend = False
    chart.has_title = False
    _font(chart.font, BODY_PT)
    plot = chart.plots[0]
    plot.gap_width = 45 if len(statuses) >= 4 else 150  # few bars: not too fat
    plot.vary_by_categories = False
    plot.has_data_labels = True
    labels = plot.data_labels
    _font(labels.font, BODY_PT, bold=True)
    labels.number_format = "0"
    labels.number_format_is_linked = False
    labels.position = XL_LABEL_POSITION.OUTSIDE_END
    for point, status in zip(plot.series[0].points, statuses):
        point.format.fill.solid()
        point.format.fill.fore_color.rgb = RGBColor.from_string(STATUS_COLOR.get(status, "#999999").lstrip("#"))
        point.format.line.color.rgb = RGBColor.from_string("888888")
        point.format.line.width = Pt(0.75)
    cat = chart.category_axis
    cat.reverse_order = True  # first status at the top
    cat.has_major_gridlines = False
    _font(cat.tick_labels.font, BODY_PT)
    val = chart.value_axis
    val.visible = False
    val.has_major_gridlines = False
    val.minimum_scale = 0
    val.maximum_scale = max(max(values) * 1.3, 1)
    _font(val.tick_labels.font, BODY_PT)


# ---------------------------------------------------------------------------------------------------------
# The handout (WeasyPrint): the same slides as A4 landscape pages.

SCALE = 0.8  # slide points → printed points: a 960 pt slide is 768 pt (271 mm) wide on A4 landscape


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def _pt(value: float) -> str:
    return f"{value * SCALE:.1f}pt"


def handout(model: Model, lang: str = DEFAULT_LANG) -> bytes:
    """The pack as a printable PDF: a page per slide, A4 landscape, page numbers, source and as-of in the footer."""
    import weasyprint

    return weasyprint.HTML(string=handout_html(model, lang)).write_pdf()


def handout_html(model: Model, lang: str = DEFAULT_LANG) -> str:
    pages = slides(model, lang)
    body = "\n".join(_html_title(model, lang) if p.domain is None else _html_domain(p, model, lang) for p in pages)
    fonts = ", ".join(f'"{f}"' for f in (FONT, *FONT_FALLBACK[:-1])) + ", sans-serif"
    css = f"""
@page {{
  size: A4 landscape;
  margin: 12mm 13mm 15mm 13mm;
  @bottom-left {{ content: {_css_string(_source_line(model, lang))}; font: 9pt {fonts}; color: #555; }}
  @bottom-right {{ content: counter(page) " / " counter(pages); font: 9pt {fonts}; color: #555; }}
}}
html {{ font-family: {fonts}; color: #{TEXT_COLOR}; line-height: {LINE}; }}
body {{ margin: 0; }}
.slide {{ height: 182mm; overflow: hidden; position: relative; }}
.slide + .slide {{ break-before: page; }}
p {{ margin: 0; }}
h1 {{ font-size: {_pt(TITLE_PT)}; margin: 0 0 {_pt(INSET)}; line-height: {LINE}; }}
.sub {{ font-size: {_pt(SUB_PT)}; color: #{MUTED_COLOR}; margin-bottom: {_pt(10)}; }}
.chart {{ float: left; width: {_pt(CHART_W)}; }}  /* fixed widths and no flex: WeasyPrint lays it out fast */
.chart + .list {{ margin-left: {_pt(CHART_W + GUTTER)}; }}
.list h2 {{ font-size: {_pt(HEAD_PT)}; margin: 0 0 {_pt(6)}; }}
.row {{ border-left: {_pt(BAR_W)} solid; padding-left: {_pt(6)}; margin-bottom: {_pt(ROW_GAP + 2)}; }}
.row .head {{ font-size: {_pt(HEAD_PT)}; font-weight: bold; }}
.row p {{ font-size: {_pt(BODY_PT)}; margin-top: {_pt(PARA_GAP)}; }}
.label {{ color: #{MUTED_COLOR}; }}
.note {{ font-size: {_pt(BODY_PT)}; }}
.place {{ font-size: {_pt(40)}; font-weight: bold; margin-bottom: {_pt(4)}; }}
.source-title {{ font-size: {_pt(24)}; }}
.facts {{ font-size: {_pt(22)}; color: #{MUTED_COLOR}; margin-bottom: {_pt(22)}; }}
.big {{ float: left; width: {_pt(280)}; }}
.statuses {{ margin-left: {_pt(280 + GUTTER)}; }}
.big .k {{ font-size: {_pt(22)}; color: #{MUTED_COLOR}; }}
.big .v {{ font-size: {_pt(36)}; font-weight: bold; margin-bottom: {_pt(10)}; }}
.grid-head {{ font-size: {_pt(22)}; color: #{MUTED_COLOR}; margin-bottom: {_pt(6)}; }}
.grid {{ display: grid; grid-auto-flow: column; grid-template-rows: repeat({_per_column()}, {_pt(40)});
          grid-template-columns: 1fr 1fr; column-gap: {_pt(GUTTER)}; }}
.cell {{ display: flex; align-items: center; font-size: {_pt(20)}; }}
.swatch {{ width: {_pt(22)}; height: {_pt(22)}; border: 0.6pt solid #888; margin-right: {_pt(8)}; flex: none; }}
.cell .n {{ margin-left: auto; font-weight: bold; padding-right: {_pt(12)}; }}
"""
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
            f"<title>{html.escape(_source_line(model, lang))}</title><style>{css}</style></head>"
            f"<body>{body}</body></html>")


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _html_title(model: Model, lang: str) -> str:
    lines = "".join(f"<p>{_e(line)}</p>" for line in _title_lines(model, lang))
    cells = "".join(
        f'<div class="cell"><span class="swatch" style="background:{STATUS_COLOR.get(s, "#999999")}"></span>'
        f'<span>{_e(badge(s, lang))}</span>'
        f'<span class="n">{model.counts.get(s, 0)}</span></div>' for s in STATUSES)
    lag = _lagging_figure(model, lang)
    return (f'<section class="slide title-slide"><p class="place">{_e(model.place(lang))}</p>'
            + (f'<p class="source-title">{_e(model.title)}</p>' if model.title else "")
            + f'<div class="facts">{lines}</div><div class="figures"><div class="big">'
            f'<p class="k">{_e(t("measures_count", lang))}</p><p class="v">{model.measures}</p>'
            f'<p class="k">{_e(t("lagging_count", lang))}</p><p class="v">{_e(lag)}</p></div>'
            f'<div class="statuses"><p class="grid-head">{_e(t("pack_by_status", lang))}</p>'
            f'<div class="grid">{cells}</div></div></div></section>')


def _html_domain(page: Slide, model: Model, lang: str) -> str:
    domain = page.domain
    sub = _subtitle(model, domain, lang)
    chart = f'<div class="chart">{chart_svg(domain, model, lang)}</div>'
    heading = _list_heading(page, lang)
    note = _empty_note(page, model, lang)
    items = []
    if heading:
        items.append(f"<h2>{_e(heading)}</h2>")
    elif note:
        items.append(f'<h2>{_e(t("lagging_in_domain", lang))}</h2><p class="note">{_e(note)}</p>')
    for row in page.rows:
        head, measure, evidence = _row_runs(row, lang)
        items.append(f'<div class="row" style="border-color:{STATUS_COLOR.get(row.status, "#999999")}">'
                     f'<p class="head">{_runs_html(head)}</p><p>{_runs_html(measure)}</p>'
                     f"<p>{_runs_html(evidence)}</p></div>")
    return (f'<section class="slide"><h1>{_e(_slide_title(page, lang))}</h1><p class="sub">{_e(sub)}</p>'
            f'<div class="body">{chart}<div class="list">{"".join(items)}</div></div></section>')


def _runs_html(runs) -> str:
    out = []
    for text, bold, color in runs:
        if not text:
            continue
        inner = _e(text)
        if bold:
            out.append(f"<b>{inner}</b>")
        elif color == MUTED_COLOR:
            out.append(f'<span class="label">{inner}</span>')
        else:
            out.append(inner)
    return "".join(out)


def chart_svg(domain: Domain, model: Model, lang: str) -> str:
    """The domain's status counts as an inline SVG bar chart (the deck's chart, drawn without a browser)."""
    statuses = model.shown_statuses()
    values = [domain.counts.get(s, 0) for s in statuses]
    size = BODY_PT
    label_w = max(em_width(badge(s, lang)) for s in statuses) * size + 8
    width = CHART_W
    bar_h = min(44.0, (BODY_H - 10) / len(statuses))
    height = bar_h * len(statuses) + 10
    top = max(values) or 1
    room = width - label_w - 4 - em_width(str(top)) * size - 10
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width * SCALE:.1f}pt" height="{height * SCALE:.1f}pt" '
             f'viewBox="0 0 {width:.1f} {height:.1f}" font-family="{FONT}, sans-serif" font-size="{size}">']
    parts.append(f'<line x1="{label_w:.1f}" y1="0" x2="{label_w:.1f}" y2="{height - 5:.1f}" stroke="#888" '
                 'stroke-width="1"/>')
    for k, (status, value) in enumerate(zip(statuses, values)):
        y = 5 + k * bar_h
        label = badge(status, lang)
        bar = room * value / top
        parts.append(f'<text x="{label_w - 6:.1f}" y="{y + bar_h / 2:.1f}" text-anchor="end" '
                     f'dominant-baseline="central">{_e(label)}</text>')
        parts.append(f'<rect x="{label_w:.1f}" y="{y + bar_h * 0.18:.1f}" width="{bar:.1f}" height="{bar_h * 0.64:.1f}" '
                     f'fill="{STATUS_COLOR.get(status, "#999999")}" stroke="#888" stroke-width="0.75"/>')
        parts.append(f'<text x="{label_w + bar + 5:.1f}" y="{y + bar_h / 2:.1f}" font-weight="bold" '
                     f'dominant-baseline="central">{value}</text>')
    parts.append("</svg>")
    return "".join(parts)
