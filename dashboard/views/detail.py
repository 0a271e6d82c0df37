"""The drill-down: full measure text, target and status per year, report bullets, plan, links."""

from __future__ import annotations

import streamlit as st

from .. import data
from ..controls import drill
from ..i18n import status_label, t
from ..ui import highlighted, literal
from . import correction
from .cards import as_int, carry_over_line, domain_label, evidence_line, status_line


def _bullet(item, lang: str) -> str:
    marker = literal(item.marker) if isinstance(item.marker, str) else ""
    text = highlighted(item.text or "", as_int(item.highlight_start), as_int(item.highlight_end)) \
        if isinstance(item.text, str) else ""
    flags = []
    if item.relisted:
        flags.append(f":gray-badge[{t('relisted_mark', lang)}]")
    if item.is_note:
        flags.append(f":gray-badge[{t('note_mark', lang)}]")
    return f"{marker}{text} {' '.join(flags)}".strip()  # the marker touches its text, as written


def rule_words(row, lang: str) -> str:
    """What decided the status, in a planner's words (否定表現, 中止, 一部のみ …), never a rule id."""
    signal = row.evidence_signal if isinstance(row.evidence_signal, str) else None
    if row.evidence_rule == "none" or signal is None:
        return t("rule_none", lang)
    return t(f"signal_{signal}", lang)


def render(measure_id: str, municipality: str | None, lang: str, reported: frozenset[int] = frozenset(),
           several: bool = False) -> None:
    """The detail; a signed-in editor also gets, for each reported year, the form to confirm, correct or
    withdraw its status, beside the automatic status and its evidence."""
    years = data.run("measure_detail", measure_id=measure_id, municipality=municipality)
    if years.empty:
        return
    first = years.iloc[0]
    with st.container(key="measure-detail", border=True):
        head, close = st.columns([6, 1])
        head.markdown(f"### {literal(first.number)} · {literal(domain_label(first, lang))}")
        head.caption(t("measure_id_line", lang, id=first.measure_id))  # the id `correct --measure` takes
        close.button(t("close", lang), key="close-detail", on_click=drill, kwargs=dict(measure=None))
        st.markdown(literal(first.measure))

        st.markdown(f"**{t('targets_by_year', lang)}**")
        for row in years.itertuples():
            target = literal(row.target) if isinstance(row.target, str) else f"*{t('no_text', lang)}*"
            said = "status_auto_low" if row.confidence == "low" else "status_auto"  # why the review list has it
            auto = f" :gray[{t('in_brackets', lang, text=t(said, lang))}]" if row.status_source == "automatic" else ""
            st.markdown(f"{t('year_value', lang, year=row.fiscal_year)}: {target} &nbsp; {status_line(row, lang)}{auto}")
            if row.status_source == "confirmed":
                note = "corrected_note" if row.correction_action == "correct" else "confirmed_note"
                st.markdown("&emsp;" + t(note, lang, date=row.confirmed_on,
                                         reason=literal(row.confirmed_reason)))
                if row.correction_stale:
                    st.markdown("&emsp;:orange[" + t("correction_stale", lang,
                                                     status=status_label(row.automatic_status, lang)) + "]")
            if isinstance(row.evidence, str):
                st.markdown(f"&emsp;{t('evidence', lang)}: {evidence_line(row, lang)} "
                            f":gray[{t('in_brackets', lang, text=t('rule', lang) + ': ' + rule_words(row, lang))}]")
            if carry := carry_over_line(row, lang):
                st.markdown(f"&emsp;{carry}")
            if int(row.fiscal_year) in reported:
                correction.form(row, lang, several)

        items = data.run("measure_items", measure_id=measure_id, municipality=first.municipality)
        for kind in ("report", "plan"):
            part = items[items.kind == kind]
            year = int(part.fiscal_year.iloc[0]) if len(part) else None
            title = t(kind, lang) + (t("in_brackets", lang, text=t("year_value", lang, year=year)) if year else "")
            st.markdown(f"**{title}**")
            if part.empty:
                st.markdown(f"*{t('no_text', lang)}*")
            for item in part.itertuples():
                st.markdown(_bullet(item, lang))

        links = data.run("relisted_links", measure_id=measure_id, source_id=first.source_id)
        if not links.empty:
            st.markdown(f"**{t('relisted_links', lang)}**")
            for link in links.itertuples():
                st.button(f"{link.number} · {domain_label(link, lang)} — {link.measure[:40]}",
                          key=f"link-{link.measure_id}", on_click=drill, kwargs=dict(measure=link.measure_id))
