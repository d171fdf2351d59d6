"""Template access to the record and outcome panels of the beraad detail page."""

from django import template

from cases.models import ActionItem

from ..models import Beraad, Evaluation
from ..services.invitations import held_blockers
from ..session_selectors import StepRow, evaluation_of, follow_up_actions, step_rows

register = template.Library()


@register.simple_tag
def beraad_step_rows(beraad: Beraad, steps: tuple[str, ...]) -> list[StepRow]:
    return step_rows(beraad, steps)


@register.simple_tag
def beraad_follow_up_actions(beraad: Beraad) -> list[ActionItem]:
    return follow_up_actions(beraad)


@register.simple_tag
def beraad_evaluation(beraad: Beraad) -> Evaluation | None:
    return evaluation_of(beraad)


@register.simple_tag
def beraad_held_blockers(beraad: Beraad) -> list[str]:
    """What stops recording the session as held or evaluating it (the same check as the service)."""
    return held_blockers(beraad)
