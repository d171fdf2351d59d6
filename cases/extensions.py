"""Panels that apps above `cases` add to the case page, without `cases` importing them.

`moreelberaad` registers the beraden of a case from its AppConfig.ready(); see ADR 0006.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .models import Case
from .permissions import AnyUser

PanelContext = Callable[[Case, AnyUser], dict[str, Any]]


@dataclass(frozen=True)
class CasePanel:
    template: str
    context: PanelContext


_PANELS: list[CasePanel] = []


def register_case_panel(template: str, context: PanelContext) -> None:
    if all(panel.template != template for panel in _PANELS):
        _PANELS.append(CasePanel(template, context))


@dataclass(frozen=True)
class RenderedPanel:
    template: str
    context: dict[str, Any]


def case_panels(case: Case, user: AnyUser) -> list[RenderedPanel]:
    return [RenderedPanel(panel.template, panel.context(case, user)) for panel in _PANELS]
