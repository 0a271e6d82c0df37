"""A measure as a compact, readable card: status, number, domain, text, target, the highlighted evidence
and the carry-over check, in one block of lines (several cards fit a screen)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from .. import data
from ..controls import drill
from ..i18n import t
from ..ui import badge, highlighted, literal

# Cards: tight padding and line spacing, the details button beside the text.
CSS = """
<style>
[class*="st-key-cards"] [data-testid="stVerticalBlockBorderWrapper"] > div { padding: 0.45rem 0.75rem 0.5rem 0.75rem !important; }
[class*="st-key-cards"] [data-testid="stVerticalBlock"] { gap: 0.35rem; }
[class*="st-key-cards"] .stMarkdown p { margin-bottom: 0; line-height: 1.5; font-size: 0.95rem; }
[class*="st-key-cards"] [data-testid="stMarkdownContainer"] { margin-bottom: 0 !important; }  /* with p's margin gone */
</style>
"""


def as_int(value) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


def domain_label(row, lang: str) -> str:
    """The name in `lang` of a row's domain (its `domain` column: the canonical name)."""
    return data.names().name("domain", row.domain, lang)


def municipality_label(row, lang: str) -> str:
    """The name in `lang` of a row's municipality."""
    return data.names().name("municipality", row.municipality, lang)


def evidence_line(row, lang: str) -> str:
    """The deciding sentence with its phrase highlighted, as Markdown."""
    if not isinstance(row.evidence, str) or not row.evidence:
        return f"*{literal(t('no_text', lang))}*"
    return highlighted(row.evidence, as_int(row.evidence_start), as_int(row.evidence_end))


def carry_over_line(row, lang: str) -> str | None:
    """Whether next year's plan takes up the shortfall, as Markdown; None when not lagging."""
    if not isinstance(row.carry_over, str):
        return None
    if row.carry_over == "addressed":
        said = t("carry_addressed", lang, terms=literal(row.carry_over_terms))
    else:
        said = f":orange[{t('carry_not_addressed', lang)}]"
    return f"{t('carry_over', lang)}: {said}"


def status_line(row, lang: str) -> str:
    """The status badge; a confirmed or corrected status says which, with the automatic one beside it."""
    line = badge(row.status, lang)
    if row.status_source == "confirmed":
        said = t("status_corrected" if row.correction_action == "correct" else "status_confirmed", lang)
        line += (f" :gray[{said}] · {t('automatic_was', lang)}: "
                 f"{badge(row.automatic_status, lang)}")
    return line


def card_markdown(row, lang: str, municipality: bool = False, extra: str | None = None) -> str:
    where = f"{literal(municipality_label(row, lang))} · " if municipality else ""
    lines = [f"{status_line(row, lang)} &nbsp; {where}**{literal(row.number)}** · {literal(domain_label(row, lang))}"
             + (f" &nbsp; {extra}" if extra else ""),
             f"{literal(row.measure)}"]
    if isinstance(row.target, str):
        lines.append(f"{t('target', lang)}: {literal(row.target)}")
    lines.append(f"{t('evidence', lang)}: {evidence_line(row, lang)}")
    if carry := carry_over_line(row, lang):
        lines.append(carry)
    return "  \n".join(lines)


def measure_card(row, lang: str, key: str, details: bool = True, municipality: bool = False,
                 extra: str | None = None) -> None:
    """A card; `municipality` names it too (when the data holds several)."""
    with st.container(border=True, key=key):
        text, button = st.columns([14, 1.6] if details else [1, 0.001], vertical_alignment="top")
        text.markdown(card_markdown(row, lang, municipality, extra))
        if details:
            button.button(t("open_detail", lang), key=f"{key}-open", on_click=drill,
                        kwargs=dict(view="measures", measure=row.measure_id,
                                    **({"municipality": row.municipality} if municipality else {})))
