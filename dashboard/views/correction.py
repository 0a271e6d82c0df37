"""A signed-in editor's confirmation, correction or withdrawal of a measure-year's status, from the
measure's detail; and the history of that measure-year.

`save` is the one write: it asks the sign-in again (a session without an editor is refused, whatever
called it), then checks and records the entry exactly as `python -m dashboard correct` does
(corrections.new_entry, then corrections.record), with the editor's name from the sign-in as `by`.
The corrections file is read again at the next run, so every session shows the entry at its next page
view.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from .. import corrections, data
from ..errors import InputError
from ..i18n import DEFAULT_LANG, STATUSES, TEXT, status_badge, status_label, t
from ..ui import literal
from . import signin

ACTIONS = ("confirm", "correct", "withdraw")


class NotSignedIn(PermissionError):
    """A write from a session that is not signed in as an editor."""


def save(*, measure_id: str, fiscal_year: int, action: str, reason: str, status: str | None = None,
         municipality: str | None = None) -> corrections.Entry:
    """Record an entry for this session's editor. Raises NotSignedIn without one, EntryError for an entry
    that cannot be recorded (nothing is written then), InputError for a corrections file that cannot
    take it."""
    editor = signin.current_editor()
    if editor is None:
        raise NotSignedIn("only a signed-in editor can record a status")
    if action not in ACTIONS:
        raise corrections.EntryError("--action", f"unknown action {action!r}")
    snap = data.snapshot()  # the files as they are now (another session may have written since this page)
    known = snap.opened.known
    if action == "confirm":  # the automatic status, as the data says it now
        try:
            where = corrections.resolve_municipality((municipality or "").strip(), known)
            status = known.years(where, measure_id).get(int(fiscal_year))
        except ValueError:
            status = None
    entry = corrections.new_entry(known, snap.opened.entries, measure_id=measure_id, fiscal_year=int(fiscal_year),
                                  status=None if action == "withdraw" else status, withdraw=action == "withdraw",
                                  reason=reason, by=editor.name, municipality=municipality)
    corrections.record(Path(data.overrides_file()), entry)
    return entry


def _key(row) -> str:
    return f"fix-{row.source_id}-{row.measure_id}-{int(row.fiscal_year)}"


def _submitted(key: str, measure_id: str, fiscal_year: int, municipality: str | None, lang: str) -> None:
    """The form's callback: runs before the next run, so that run already shows what was recorded."""
    ss = st.session_state
    ss.pop(f"{key}-error", None)
    ss.pop(f"{key}-done", None)
    action = ss.get(f"{key}-action")
    try:
        entry = save(measure_id=measure_id, fiscal_year=fiscal_year, action=action, reason=ss.get(f"{key}-reason") or "",
                     status=ss.get(f"{key}-status"), municipality=municipality)
    except NotSignedIn:
        ss[f"{key}-error"] = t("correct_not_signed_in", lang)
        return
    except corrections.EntryError as e:
        ss[f"{key}-error"] = t("correct_error", lang, message=literal(entry_error(e, lang)))
        return
    except (InputError, OSError) as e:
        message = e.one_line() if isinstance(e, InputError) else (e.strerror or str(e))
        ss[f"{key}-error"] = t("correct_error", lang, message=literal(message))
        return
    year = t("year_value", lang, year=fiscal_year)
    shown = entry.status if entry.action != "withdraw" else entry.automatic_status
    ss[f"{key}-done"] = t(f"correct_done_{entry.action}", lang, year=year,
                          status=literal(status_label(shown, lang)) if shown else "")
    ss[f"{key}-reason"] = ""  # the next entry starts with an empty reason …
    ss[f"{key}-action"] = "confirm"  # … from 確認 and the automatic status (set again on the next run)
    ss.pop(f"{key}-status", None)


_FIELDS = {f"field_{f}" for f in ("--reason", "--status", "--withdraw", "--measure", "--year", "--municipality")}


def entry_error(e: corrections.EntryError, lang: str) -> str:
    """Why an entry cannot be recorded, in the UI's language: its field, then the reason (the command line
    keeps its own English line)."""
    field = t(f"field_{e.field}", lang) if f"field_{e.field}" in _FIELDS else e.field
    key = f"entry_error_{e.code}"
    if e.code and key in TEXT[DEFAULT_LANG]:
        return f"{field}: {t(key, lang, **e.values)}"
    return f"{field}: {e.message}"


def form(row, lang: str, several: bool) -> None:
    """The confirm / correct / withdraw form of one measure-year, for a signed-in editor (nothing else)."""
    editor = signin.current_editor()
    if editor is None:
        return
    key = _key(row)
    year = t("year_value", lang, year=int(row.fiscal_year))
    actions = ["confirm", "correct"] + (["withdraw"] if row.status_source == "confirmed" else [])
    ss = st.session_state
    if ss.get(f"{key}-action") not in actions:
        ss[f"{key}-action"] = "confirm"
    if ss.get(f"{key}-status") not in STATUSES:  # 確認 records the automatic status: the box starts from it
        ss[f"{key}-status"] = row.automatic_status if row.automatic_status in STATUSES else row.status
    with st.expander(t("correct_title", lang, year=year), expanded=bool(ss.get(f"{key}-error") or ss.get(f"{key}-done"))):
        st.caption(t("correct_auto_now", lang, status=literal(status_label(row.automatic_status, lang)))
                   + " · " + t("correct_as", lang, name=literal(editor.name)))
        with st.form(key, border=False):
            st.radio(t("correct_action", lang), actions, key=f"{key}-action",
                     format_func=lambda a: t(f"action_{a}", lang))
            st.selectbox(t("correct_status", lang), STATUSES, key=f"{key}-status",
                         format_func=lambda s: status_badge(s, lang))
            st.text_area(t("correct_reason", lang), key=f"{key}-reason", max_chars=2000, height=80)
            st.form_submit_button(t("correct_submit", lang), on_click=_submitted,
                                  kwargs=dict(key=key, measure_id=row.measure_id, fiscal_year=int(row.fiscal_year),
                                              municipality=row.municipality if several else None, lang=lang))
        if message := ss.pop(f"{key}-error", None):
            st.error(message)
        elif message := ss.pop(f"{key}-done", None):
            st.success(message)
        history(row, lang)


def history(row, lang: str) -> None:
    """Who recorded what for this measure-year, when, from which status to which, and why (oldest first)."""
    steps = corrections.history(data.current().opened.entries, row.municipality, row.measure_id,
                                int(row.fiscal_year))
    if not steps:
        return
    st.markdown("**" + t("history_title", lang, year=t("year_value", lang, year=int(row.fiscal_year))) + "**")

    def said(word):
        return status_label(word, lang) if word in STATUSES else "—"

    table = pd.DataFrame({
        t("history_when", lang): [s.entry.recorded_at.isoformat(sep=" ", timespec="minutes") for s in steps],
        t("history_by", lang): [s.entry.by for s in steps],
        t("history_action", lang): [t(f"history_action_{s.entry.action}", lang) for s in steps],
        t("history_change", lang): [f"{said(s.before)} → {said(s.after)}" for s in steps],
        t("history_reason", lang): [s.entry.reason for s in steps],
    })
    st.dataframe(table, hide_index=True, width="stretch", key=f"{_key(row)}-history")
