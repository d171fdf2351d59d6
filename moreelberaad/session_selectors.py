"""What the record and outcome panels of a beraad show, read from the detail view's prefetched beraad.

The caller has already checked that the user may see the beraad (`get_beraad_for_user_or_404`).
"""

from dataclasses import dataclass

from django.db.models import prefetch_related_objects

from cases.models import ActionItem

from .constants import Step
from .models import Beraad, Evaluation, StepRecord


@dataclass(frozen=True)
class StepRow:
    slug: str
    label: str
    record: StepRecord | None


def step_rows(beraad: Beraad, steps: tuple[str, ...]) -> list[StepRow]:
    """Every step of the beraad's method in order, with what has been recorded for it (if anything)."""
    records = {step_record.step: step_record for step_record in beraad.steps.all()}
    return [StepRow(slug=str(step), label=str(Step(step).label), record=records.get(step)) for step in steps]


def follow_up_actions(beraad: Beraad) -> list[ActionItem]:
    """The beraad's actions with their WIO action holders, in one query whatever their number."""
    actions = sorted(beraad.follow_up_actions.all(), key=lambda action: (action.due_on, action.pk))
    prefetch_related_objects(actions, "owner")
    return actions


def evaluation_of(beraad: Beraad) -> Evaluation | None:
    try:
        return beraad.evaluation
    except Evaluation.DoesNotExist:
        return None
