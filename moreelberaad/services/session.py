"""Recording a held beraad: its steps, perspectives, minutes, outcome, evaluation and reflections.

Audit details name fields, steps and counts only: what was said at the table is sensitive and never
enters the trail. Case data (status, follow-up actions) changes only through `cases.services`.
"""

from datetime import date
from typing import Any
from uuid import UUID

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from cases import services as case_services
from cases.constants import ALLOWED_TRANSITIONS, Status
from cases.models import ActionItem, Case
from wio.accounts.models import User
from wio.audit import services as audit
from wio.audit.constants import Action
from wio.submissions.services import submission_claim, submission_settle

from ..constants import BeraadStatus, NextSession
from ..models import Beraad, Evaluation, OrganisationCommitment, Perspective, Reflection, StepRecord
from .common import record, save_versioned
from .invitations import held_blockers
from .reflections import reflection_check_for_monitor

HELD_STATUSES = frozenset({BeraadStatus.GEHOUDEN, BeraadStatus.GEEVALUEERD})
MARKABLE_AS_HELD = frozenset({BeraadStatus.CONCEPT, BeraadStatus.UITGENODIGD})
NEXT_CASE_STATUS: dict[str, str] = {NextSession.NEEDED: Status.VERVOLG, NextSession.NOT_NEEDED: Status.NAZORG}
NOT_YET_SAVED = 0  # the version a form carries when nothing had been recorded yet (versions start at 1)


class SessionStateError(Exception):
    """The beraad is not in a state that allows this (e.g. evaluating a session not yet held)."""

    def __init__(self, message: Any) -> None:
        super().__init__(str(message))
        self.message = message


# --- the case follows the beraad -----------------------------------------------------------------


def case_status_path(*, case_status: str, beraad_status: str, next_session: str) -> list[str]:
    """The statuses a case moves through after this beraad, each step allowed by the pipeline.

    A held session moves "beraad gepland" on to "beraad gehouden"; once the decision on a next
    session is known, "beraad gehouden" moves on to "vervolg" (needed) or "nazorg" (not needed).
    """
    if beraad_status not in HELD_STATUSES:
        return []
    path: list[str] = []
    current = case_status
    if current == Status.BERAAD_GEPLAND and Status.BERAAD_GEHOUDEN in ALLOWED_TRANSITIONS[current]:
        current = Status.BERAAD_GEHOUDEN
        path.append(current)
    target = NEXT_CASE_STATUS.get(next_session)
    if current == Status.BERAAD_GEHOUDEN and target in ALLOWED_TRANSITIONS[current]:
        path.append(target)
    return path


def _case_follows(beraad: Beraad, actor: audit.Actor) -> None:
    """Only the case's latest beraad moves it: re-saving an earlier outcome must not undo a new plan."""
    latest = (
        Beraad.objects.filter(case_id=beraad.case_id)
        .exclude(status=BeraadStatus.GEANNULEERD)
        .order_by("-sequence_number", "-pk")
        .first()
    )
    if latest is None or latest.pk != beraad.pk:
        return
    case = Case.objects.get(pk=beraad.case_id)
    steps = case_status_path(
        case_status=case.status, beraad_status=beraad.status, next_session=beraad.next_session
    )
    for status in steps:
        case = case_services.case_transition(
            case=case, to_status=status, actor=actor, note=f"Moreel Beraad {beraad.sequence_number}"
        )


# --- the steps of the method ---------------------------------------------------------------------


@transaction.atomic
def step_record_save(
    *, beraad: Beraad, actor: audit.Actor, step: str, content: str, expected_version: int
) -> StepRecord:
    """Create or change the record of one step; `expected_version` 0 means none existed yet."""
    existing = StepRecord.objects.filter(beraad=beraad, step=step).first()
    if existing is None:
        try:
            with transaction.atomic():
                step_record = StepRecord.objects.create(beraad=beraad, step=step, content=content)
        except IntegrityError:  # someone else recorded this step at the same moment
            raise case_services.ConflictError(StepRecord.objects.get(beraad=beraad, step=step)) from None
    else:  # a form opened before the first save carries version 0, which never matches
        step_record = save_versioned(existing, expected_version=expected_version, fields={"content": content})
    action = Action.CREATE if existing is None else Action.UPDATE
    record(actor, beraad, action, "beraad.step.save", {"step": step})
    return step_record


# --- the perspectives table ----------------------------------------------------------------------


@transaction.atomic
def perspective_add(
    *, beraad: Beraad, actor: audit.Actor, data: dict[str, Any], submission_key: UUID | None = None
) -> Perspective:
    submission = submission_claim(key=submission_key, actor=actor)
    perspective = Perspective.objects.create(beraad=beraad, **data)
    record(actor, beraad, Action.CREATE, "beraad.perspective.add", {"perspective": perspective.pk})
    submission_settle(submission, perspective)
    return perspective


@transaction.atomic
def perspective_update(
    *, perspective: Perspective, actor: audit.Actor, data: dict[str, Any], expected_version: int
) -> Perspective:
    stored = Perspective.objects.get(pk=perspective.pk)
    changed = sorted(name for name, value in data.items() if getattr(stored, name) != value)
    perspective = save_versioned(perspective, expected_version=expected_version, fields=data)
    detail = {"perspective": perspective.pk, "fields": changed}
    record(actor, perspective.beraad, Action.UPDATE, "beraad.perspective.update", detail)
    return perspective


@transaction.atomic
def perspective_remove(*, perspective: Perspective, actor: audit.Actor) -> None:
    record(
        actor, perspective.beraad, Action.DELETE, "beraad.perspective.remove", {"perspective": perspective.pk}
    )
    perspective.delete()


# --- minutes and outcome -------------------------------------------------------------------------


@transaction.atomic
def notes_save(*, beraad: Beraad, actor: audit.Actor, notes: str, expected_version: int) -> Beraad:
    beraad = save_versioned(beraad, expected_version=expected_version, fields={"notes": notes})
    record(actor, beraad, Action.UPDATE, "beraad.notes.save", {"length": len(notes)})
    return beraad


@transaction.atomic
def outcome_save(
    *, beraad: Beraad, actor: audit.Actor, data: dict[str, Any], expected_version: int
) -> Beraad:
    """The advice and commitments; a decision on a next session moves a held beraad's case on."""
    stored = Beraad.objects.get(pk=beraad.pk)
    changed = sorted(name for name, value in data.items() if getattr(stored, name) != value)
    beraad = save_versioned(beraad, expected_version=expected_version, fields=data)
    record(actor, beraad, Action.UPDATE, "beraad.outcome.save", {"fields": changed})
    _case_follows(beraad, actor)
    return beraad


@transaction.atomic
def commitment_add(
    *,
    beraad: Beraad,
    actor: audit.Actor,
    organisation_name: str,
    commitment: str,
    submission_key: UUID | None = None,
) -> OrganisationCommitment:
    submission = submission_claim(key=submission_key, actor=actor)
    item = OrganisationCommitment.objects.create(
        beraad=beraad, organisation_name=organisation_name, commitment=commitment
    )
    record(actor, beraad, Action.CREATE, "beraad.commitment.add", {"commitment": item.pk})
    submission_settle(submission, item)
    return item


@transaction.atomic
def commitment_remove(*, commitment: OrganisationCommitment, actor: audit.Actor) -> None:
    record(actor, commitment.beraad, Action.DELETE, "beraad.commitment.remove", {"commitment": commitment.pk})
    commitment.delete()


@transaction.atomic
def follow_up_action_add(
    *,
    beraad: Beraad,
    actor: audit.Actor,
    description: str,
    due_on: date,
    owner: User | None = None,
    owner_name: str = "",
    submission_key: UUID | None = None,
) -> ActionItem:
    """An action agreed at the table becomes an action on the case, with its actiehouder."""
    submission = submission_claim(key=submission_key, actor=actor)
    action = case_services.action_create_from_beraad(
        case=beraad.case,
        actor=actor,
        description=description,
        due_on=due_on,
        owner=owner,
        owner_name=owner_name,
        origin=f"Moreel Beraad {beraad.sequence_number}",
    )
    beraad.follow_up_actions.add(action)
    detail = {"action": action.pk, "holder_is_user": owner is not None}
    record(actor, beraad, Action.CREATE, "beraad.follow_up_action.add", detail)
    submission_settle(submission, action)
    return action


# --- status: held and evaluated ------------------------------------------------------------------


@transaction.atomic
def mark_held(*, beraad: Beraad, actor: audit.Actor) -> Beraad:
    """The session took place; the case moves to "beraad gehouden" (and on, if the outcome says so)."""
    locked = Beraad.objects.select_for_update().get(pk=beraad.pk)
    if locked.status not in MARKABLE_AS_HELD:
        raise SessionStateError(_("Only a planned or invited beraad can be marked as held."))
    _refuse_while_blocked(locked, _("The session cannot be recorded as held yet."))
    previous = locked.status
    _set_status(locked, BeraadStatus.GEHOUDEN)
    record(actor, locked, Action.UPDATE, "beraad.held", {"from": previous, "to": locked.status})
    _case_follows(locked, actor)
    beraad.status = locked.status
    return locked


@transaction.atomic
def evaluation_save(
    *, beraad: Beraad, actor: audit.Actor, data: dict[str, Any], expected_version: int
) -> Evaluation:
    """Rate the three goals of Moreel Beraad; the beraad is then evaluated."""
    locked = Beraad.objects.select_for_update().get(pk=beraad.pk)
    if locked.status not in HELD_STATUSES:
        raise SessionStateError(_("A beraad is evaluated after it has been held."))
    _refuse_while_blocked(locked, _("The beraad cannot be evaluated yet."))
    existing = Evaluation.objects.filter(beraad=locked).first()
    if existing is None:
        evaluation = Evaluation.objects.create(beraad=locked, **data)
    else:
        evaluation = save_versioned(existing, expected_version=expected_version, fields=data)
    _set_status(locked, BeraadStatus.GEEVALUEERD)
    record(actor, locked, Action.UPDATE, "beraad.evaluation.save", {"fields": sorted(data)})
    beraad.status = locked.status
    return evaluation


def _refuse_while_blocked(beraad: Beraad, refusal: Any) -> None:
    """The panel's blockers (parents' approval, gespreksleider, notulist, invitations) stop this step."""
    blockers = held_blockers(beraad)
    if blockers:
        raise SessionStateError(
            _("%(refusal)s Still to do: %(blockers)s") % {"refusal": refusal, "blockers": " ".join(blockers)}
        )


def _set_status(beraad: Beraad, status: str) -> None:
    # A status change alone does not bump the version: nobody's open form holds the status field.
    Beraad.objects.filter(pk=beraad.pk).update(status=status)
    beraad.status = status


# --- reflections ---------------------------------------------------------------------------------


@transaction.atomic
def reflection_add(
    *,
    beraad: Beraad,
    actor: audit.Actor,
    level: str,
    theme: str,
    text: str,
    submission_key: UUID | None = None,
) -> Reflection:
    submission = submission_claim(key=submission_key, actor=actor)
    reflection_check_for_monitor(beraad=beraad, level=level, theme=theme, text=text)
    reflection = Reflection.objects.create(
        beraad=beraad, level=level, theme=theme, text=text, created_by=actor.user
    )
    record(
        actor, beraad, Action.CREATE, "beraad.reflection.add", {"reflection": reflection.pk, "level": level}
    )
    submission_settle(submission, reflection)
    return reflection


@transaction.atomic
def reflection_remove(*, reflection: Reflection, actor: audit.Actor) -> None:
    detail = {"reflection": reflection.pk, "level": reflection.level}
    record(actor, reflection.beraad, Action.DELETE, "beraad.reflection.remove", detail)
    reflection.delete()
