"""Panels that apps above `cases` add to the case page, without `cases` importing them.

`moreelberaad` registers the beraden of a case from its AppConfig.ready(); see ADR 0006.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise

from .models import Case
from .permissions import AnyUser

PanelContext = Callable[[Case, AnyUser], dict[str, Any]]


@dataclass(frozen=True)
class CasePanel:
    template: str
    context: PanelContext
    anchor: str = ""  # the id of the panel's <section>, for the dossier's section navigation
    title: str | Promise = ""
    # The Case relation the panel lists: the dossier reads its row count with the case, so the panel
    # can skip its query for a case without any (`cases.row_counts.row_count`).
    counted_relation: str = ""


_PANELS: list[CasePanel] = []


def register_case_panel(
    template: str,
    context: PanelContext,
    *,
    anchor: str = "",
    title: str | Promise = "",
    counted_relation: str = "",
) -> None:
    """A panel with an `anchor` and `title` gets a link in the dossier's section navigation."""
    if all(panel.template != template for panel in _PANELS):
        _PANELS.append(CasePanel(template, context, anchor, title, counted_relation))


def panel_relations() -> set[str]:
    """The Case relations the registered panels list, for the dossier's row counts."""
    return {panel.counted_relation for panel in _PANELS if panel.counted_relation}


@dataclass(frozen=True)
class RenderedPanel:
    template: str
    context: dict[str, Any]
    anchor: str = ""
    title: str | Promise = ""


def case_panels(case: Case, user: AnyUser) -> list[RenderedPanel]:
    return [
        RenderedPanel(panel.template, panel.context(case, user), panel.anchor, panel.title)
        for panel in _PANELS
    ]
