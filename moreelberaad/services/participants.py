from datetime import date
from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wio.audit import services as audit
from wio.audit.constants import Action
from wio.submissions.services import submission_claim, submission_settle

from ..models import Beraad, Participant
from ..permissions import linkable_users
from .common import record, save_versioned


def _require_linkable_user(beraad: Beraad, data: dict[str, Any]) -> None:
    """A WIO account linked to a participant opens the beraad, so only the case's people may be linked."""
    user_id = getattr(data["user"], "pk", data["user"]) if "user" in data else data.get("user_id")
    if user_id is not None and not linkable_users(beraad.case).filter(pk=user_id).exists():
        raise ValidationError(
            {
                "user": _(
                    "Only officers of the case's municipality, coordinators of its partnership and "
                    "project staff can take part with their WIO account."
                )
            },
            code="user_out_of_scope",
        )


@transaction.atomic
def participant_add(
    *, beraad: Beraad, actor: audit.Actor, data: dict[str, Any], submission_key: UUID | None = None
) -> Participant:
    """A change to the table needs the parents' approval again."""
    _require_linkable_user(beraad, data)
    submission = submission_claim(key=submission_key, actor=actor)
    participant = Participant.objects.create(beraad=beraad, **data)
    record(actor, participant, Action.CREATE, "beraad.participant.add", {"category": participant.category})
    _withdraw_approval(beraad)
    submission_settle(submission, participant)
    return participant


@transaction.atomic
def participant_update(
    *, participant: Participant, actor: audit.Actor, data: dict[str, Any], expected_version: int
) -> Participant:
    stored = Participant.objects.get(pk=participant.pk)
    _require_linkable_user(stored.beraad, data)
    changed = sorted(name for name, value in data.items() if getattr(stored, name) != value)
    participant = save_versioned(participant, expected_version=expected_version, fields=data)
    record(actor, participant, Action.UPDATE, "beraad.participant.update", {"fields": changed})
    if {"name", "category", "is_gespreksleider", "is_notulist"} & set(changed):
        _withdraw_approval(participant.beraad)
    return participant


@transaction.atomic
def participant_remove(*, participant: Participant, actor: audit.Actor) -> None:
    beraad = participant.beraad
    record(actor, participant, Action.DELETE, "beraad.participant.remove", {})
    from .invitations import uninvite_removed

    uninvite_removed(participant=participant)
    participant.delete()
    _withdraw_approval(beraad)


@transaction.atomic
def participants_approve_by_parents(*, beraad: Beraad, actor: audit.Actor, on: date | None = None) -> Beraad:
    """The parents agree with the table; only then can anyone be invited (issue #4)."""
    Beraad.objects.filter(pk=beraad.pk).update(
        parents_approved_on=on or timezone.localdate(), parents_approval_recorded_by=actor.user
    )
    beraad.refresh_from_db()
    record(actor, beraad, Action.UPDATE, "beraad.parents_approved", {})
    return beraad


def _withdraw_approval(beraad: Beraad) -> None:
    if beraad.parents_approved_on is not None:
        Beraad.objects.filter(pk=beraad.pk).update(
            parents_approved_on=None, parents_approval_recorded_by=None
        )
        beraad.parents_approved_on = None
