"""The views the `view` URL parameter names, in the order of the view switch: one line per view."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from . import compare, data_page, lagging, measures, overview, present, review
from .context import Context


@dataclass(frozen=True)
class View:
    name: str
    render: Callable[[Context], None]
    chrome: bool = True  # the title, the sidebar and the view switch around it
    several_only: bool = False  # offered only when the data holds several municipalities
    ignores: tuple[str, ...] = ()  # filters this view does not use (the page says so); ("all",) for every one


REGISTRY: dict[str, View] = {v.name: v for v in (
    View("overview", overview.render),
    View("lagging", lagging.render),
    View("review", review.render),
    View("measures", measures.render),
    View("present", present.render, chrome=False),
    View("compare", compare.render, several_only=True, ignores=("municipality", "status")),  # shares of every status
    View("data", data_page.render, ignores=("all",)),
)}
