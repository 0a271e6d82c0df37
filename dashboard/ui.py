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
