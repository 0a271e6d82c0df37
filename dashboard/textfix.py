"""Text repairs for PDF-extracted Japanese: wrapped spaces, bullets, targets, item numbers.

Every function here keeps every non-space character of its input, in order.
"""

from __future__ import annotations

import re
import unicodedata

# Characters that count as Japanese for joining line-wrapped text: kana, kanji,
# CJK punctuation and full-width forms (（）、。「」・ー …).
_JA = (
    "\u3001-\u303f"  # CJK symbols and punctuation (without the ideographic space U+3000)
    "\u3040-\u309f"  # hiragana
    "\u30a0-\u30ff"  # katakana, ・ and ー
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # kanji
    "\uff01-\uff5e\uff5f-\uff9f"  # full-width forms, half-width katakana
)
_JA_OR_DIGIT = _JA + "0-9"

# A run of ASCII spaces with Japanese on one side and Japanese or a digit on the other.
# Digit-space-digit and anything touching Latin letters or ASCII punctuation is kept:
# `293 か所` was wrapped, `OPEN し` and `開催 / 着手` were written so.
_WRAP_SPACE = re.compile(
    f"(?<=[{_JA}]) +(?=[{_JA_OR_DIGIT}])|(?<=[0-9]) +(?=[{_JA}])"
)

BULLETS = "●○◎◆◇■□▲△▼▽★☆"
NOTE_MARK = "※"
_ITEM_START = re.compile(f"[{BULLETS}{NOTE_MARK}]")
_RELISTED = re.compile(r"[（(]再掲[）)]")

_DASHES = "-－‐‑–—ー"
_NUMBER = re.compile(rf"^\s*(\d+)\s*[{_DASHES}]\s*(\S+?)\s*$")


def despace(text: str) -> str:
    """Remove the spaces a PDF line wrap left inside Japanese text; trim the ends."""
    return _WRAP_SPACE.sub("", text.strip())


def split_items(text: str) -> list[tuple[str, str]]:
    """Split a report or plan cell into (marker, text) items, markers kept as written.

    Text before the first marker is an item with an empty marker. `※` starts a note item.
    """
    text = text.strip()
    if not text:
        return []
    starts = [m.start() for m in _ITEM_START.finditer(text)]
    if not starts or starts[0] != 0:
        starts.insert(0, 0)
    items = []
    for begin, end in zip(starts, starts[1:] + [len(text)]):
        chunk = text[begin:end].strip()
        if not chunk:
            continue
        if chunk[0] in BULLETS or chunk[0] == NOTE_MARK:
            items.append((chunk[0], chunk[1:].strip()))
        else:
            items.append(("", chunk))
    return items


def split_target(text: str) -> list[str]:
    """Split a target cell on `/` (half or full width) into its parts."""
    return [p.strip() for p in re.split(r"[/／]", text) if p.strip()]


def is_relisted(text: str) -> bool:
    """True when the text is marked （再掲）: re-listed from another measure."""
    return bool(_RELISTED.search(text))


def parse_number(cell: str) -> tuple[int, int] | None:
    """`2-④` → (2, 4); `3-12` → (3, 12); anything else → None."""
    m = _NUMBER.match(cell)
    if not m:
        return None
    item = m.group(2)
    if item.isascii() and item.isdigit():
        return int(m.group(1)), int(item)
    if len(item) == 1:
        try:
            value = unicodedata.numeric(item)
        except ValueError:
            return None
        if value == int(value) and value > 0 and "CIRCLED" in unicodedata.name(item, ""):
            return int(m.group(1)), int(value)
    return None


# Text hygiene before the status rules match: characters that hide inside words, width variants and
# spelling variants (表記ゆれ). The rules see the cleaned text; the evidence is cut from the original.
INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"  # soft hyphen, zero-width space/joiners, word joiner, BOM
_WIDE = "\uff01-\uff9f"  # full-width ASCII, half-width katakana and punctuation: NFKC
_HALF_VOICING = "\uff9e\uff9f"  # ﾞ ﾟ join the half-width kana before them


def cleaner(variants: dict[str, str]):
    """A function text → (cleaned, starts, ends), or None when the text needs no cleaning.

    starts[i] and ends[i] give the span of the original text that cleaned character i comes from, so
    a phrase found in the cleaned text at [a, b) is original[starts[a]:ends[b - 1]].
    """
    spellings = sorted(variants, key=len, reverse=True)
    parts = [f"[{INVISIBLE}{_WIDE}]", *(re.escape(s) for s in spellings)]
    needs = re.compile("|".join(parts))
    chunk = re.compile(
        f"(?P<invisible>[{INVISIBLE}])|(?P<wide>[{_WIDE}][{_HALF_VOICING}]*)"
        + "".join(f"|(?P<v{i}>{re.escape(s)})" for i, s in enumerate(spellings)))

    def clean(text: str):
        if not text or not needs.search(text):
            return None
        out, starts, ends = [], [], []
        pos = 0
        for m in chunk.finditer(text):
            for i in range(pos, m.start()):
                out.append(text[i]), starts.append(i), ends.append(i + 1)
            pos = m.end()
            if m.group("invisible"):
                continue
            if m.group("wide"):
                new = unicodedata.normalize("NFKC", m.group())
            else:
                new = variants[spellings[int(m.lastgroup[1:])]]
            for ch in new:
                out.append(ch), starts.append(m.start()), ends.append(m.end())
        for i in range(pos, len(text)):
            out.append(text[i]), starts.append(i), ends.append(i + 1)
        return "".join(out), starts, ends

    clean.pattern = needs.pattern  # what a text needing cleaning contains (also valid RE2)
    return clean
