"""What every view is given: the view state from the URL, the language and what the data offers."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..state import Choices, ViewState


@dataclass(frozen=True)
class Context:
    state: ViewState
    lang: str
    choices: Choices
    reported: frozenset[int]  # fiscal years the data has a progress report on
    domain_names: dict[str, str]  # canonical name → name in `lang`
    municipality_names: dict[str, str] = field(default_factory=dict)  # the same, of the municipalities
    info: dict | None = None  # municipality, plan period, report year, as-of date (chrome.about)
    ignored: tuple[str, ...] = ()  # filters the view does not use (its registry entry)
    link: str = ""  # the absolute link to what is shown

    @property
    def several(self) -> bool:
        """More than one municipality in the data: cards and tables name theirs."""
        return bool(self.choices.municipalities)

    @property
    def year_reported(self) -> bool:
        return self.state.year in self.reported

    def filters(self, **changes) -> dict:
        """The sidebar's filters as query parameters (build/selected_measures.sql); `changes` override."""
        s = self.state
        params = dict(municipality=s.municipality, domains=s.domains or None, year=s.year,
                      statuses=s.statuses or None, q=s.q or None)
        params.update(changes)
        return params
