"""Showing source text literally in Streamlit Markdown, and small shared pieces of the page."""

from __future__ import annotations

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


def badge(word: str, lang: str) -> str:
    return f":{STATUS_BADGE[word]}-badge[{STATUS_SYMBOL[word]} {literal(status_label(word, lang))}]"


def show(text: str | None, empty: str = "") -> None:
    st.markdown(literal(text) if text else f"*{literal(empty)}*")
