"""Showing source text literally in Streamlit Markdown, and small shared pieces of the page."""

from __future__ import annotations

import functools
import re

import streamlit as st

from .i18n import STATUS_BADGE, STATUS_SYMBOL, status_label

# Every ASCII punctuation character can be backslash-escaped in CommonMark; escaping all of them keeps
# `1.`, `*x*`, `_x_`, `~x~`, `<b>`, `$x$`, `:red[x]` and `#` exactly as written.
_PUNCT = re.compile(r"([!-/:-@\[-`{-~])")



def literal(text: str | None) -> str:
    """Markdown source that renders `text` exactly as written (line breaks kept)."""
    if not text:
        return ""
    lines = str(text).replace("\r\n", "\n").replace("\r", "\n").split("\n")  # a lone CR ends a Markdown line too
    return "  \n".join(_PUNCT.sub(r"\\\1", line) for line in lines)


def highlighted(text: str, start: int | None, end: int | None, color: str = "orange") -> str:
    """Literal Markdown of `text` with characters start:end highlighted."""
    if start is None or end is None or not (0 <= start < end <= len(text)):
        return literal(text)
    return (literal(text[:start]) + f":{color}-background[**{literal(text[start:end])}**]"
            + literal(text[end:]))


_HIRAGANA = re.compile(r"[ぁ-ゖ]")
_BREAK_AFTER = set(" 、。，．,.・：:；;！!？?）)」』】〕●○◆◇■□")


def phrase_starts(text: str) -> list[int]:
    """Where a phrase of `text` may begin: its ends, after punctuation or a space, and where Japanese turns
    from the particles or endings written in hiragana to a new word (`2025年問題や|地域包括ケア…`)."""
    out = [0]
    for i in range(1, len(text)):
        prev, ch = text[i - 1], text[i]
        if prev in _BREAK_AFTER or (_HIRAGANA.match(prev) and not _HIRAGANA.match(ch) and ch not in _BREAK_AFTER
                                    and ch not in "ー〜"):
            out.append(i)
    return [*out, len(text)]


def excerpt(text: str, start: int, end: int, before: int, after: int, whole: int) -> tuple[int, int]:
    """The part of `text` to show around characters start:end: all of it when it is `whole` characters or
    fewer; otherwise cut only where a phrase begins, at most `before` characters before start:end (more
    only where no phrase begins nearer) and `after` after it, and never a few characters from either end."""
    if len(text) <= whole:
        return 0, len(text)
    starts = phrase_starts(text)
    a = min((p for p in starts if start - before <= p <= start), default=None)
    if a is None:  # no phrase begins near enough: the nearest before
        a = max(p for p in starts if p <= start)
    b = max((p for p in starts if end <= p <= end + after), default=end)
    if a <= 4:
        a = 0
    if len(text) - b <= 4:
        b = len(text)
    return a, b


CELL_PX = 14.0  # the table's font size: a CJK character is about this wide
CELL_PAD_PX = 16.0  # a table cell's padding, both sides together


def text_px(text: str) -> float:
    """About how wide `text` is in a table cell, in CSS pixels (generous: a cell this wide shows it whole)."""
    from .pack import em_width

    return em_width(text) * CELL_PX


@functools.lru_cache(maxsize=65536)
def clipped(text, width_px: float, lines: int) -> str:
    """`text` as `lines` lines of a table cell `width_px` wide show it: whole when it fits, else cut and
    ended with …, so that a cut is seen (the table's own clipping cuts mid-line, without a sign). Lines
    are counted as pack.count_lines counts them (Latin words kept whole, an em of slack per line)."""
    from .pack import _TOKEN, count_lines, em_width

    if not isinstance(text, str) or not text:
        return ""
    inner = width_px - CELL_PAD_PX
    per_line = max(inner / CELL_PX - 1.0, 1.0)
    if len(text) <= per_line * lines * 0.5 and "\n" not in text:
        return text  # quick: even Latin text this short fits
    n, used, cut = 1, 0.0, None
    for token in _TOKEN.finditer(text):  # one pass: where the line after the last would begin
        if token.group() == "\n":
            n, used, w = n + 1, 0.0, 0.0
        else:
            w = em_width(token.group())
            if used + w > per_line and used > 0:
                n, used = n + 1, 0.0
            while w > per_line:
                n, w = n + 1, w - per_line
        if n > lines:
            cut = token.start()
            break
        used += w
    if cut is None:
        return text
    head = text[:cut].rstrip()
    while head and count_lines(head + "…", CELL_PX, inner) > lines:  # room for the … (a character or two)
        head = head[:-1].rstrip()
    return head + "…"


def badge(word: str, lang: str) -> str:
    return f":{STATUS_BADGE[word]}-badge[{STATUS_SYMBOL[word]} {literal(status_label(word, lang))}]"


def show(text: str | None, empty: str = "") -> None:
    st.markdown(literal(text) if text else f"*{literal(empty)}*")
