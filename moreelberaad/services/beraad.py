from typing import Any
from uuid import UUID

from django.db import transaction
from django.db.models import Max

from cases import services as case_services
from cases.constants import ALLOWED_TRANSITIONS, Status
from cases.models import Case
from wio.audit import services as audit
from wio.audit.constants import Action
from wio.submissions.services import submission_claim, submission_settle

from ..models import Beraad
from .common import record, save_versioned

# A change to any of these makes the invitation out of date: the participants get an update.
SCHEDULE_FIELDS = frozenset({"starts_at", "duration_minutes", "meeting_place", "location", "online_link"})


@transaction.atomic
def beraad_plan(
    *, case: Case, actor: audit.Actor, data: dict[str, Any], submission_key: UUID | None = None
) -> Beraad:
    """Schedule a beraad; the case moves to "beraad gepland" where its pipeline allows it.

    The case row is locked while the next number is chosen, so two plans sent at once are numbered
    one after the other; the number follows the highest one given, which a removed beraad does not
    lower.
    """
    submission = submission_claim(key=submission_key, actor=actor)
    current = Case.objects.select_for_update().get(pk=case.pk)
    highest = Beraad.objects.filter(case=current).aggregate(highest=Max("sequence_number"))["highest"]
    beraad = Beraad.objects.create(
        case=current, sequence_number=(highest or 0) + 1, created_by=actor.user, **data
    )
    record(actor, beraad, Action.CREATE, "beraad.plan", {"fields": sorted(data)})
    if Status.BERAAD_GEPLAND in ALLOWED_TRANSITIONS[current.status]:
        case_services.case_transition(
            case=current,
            to_status=Status.BERAAD_GEPLAND,
            actor=actor,
            note=f"Moreel Beraad {beraad.sequence_number}",
        )
    submission_settle(submission, beraad)
    return beraad


@transaction.atomic
def beraad_update(
    *, beraad: Beraad, actor: audit.Actor, data: dict[str, Any], expected_version: int
) -> Beraad:
    """Change the plan. Moving the time or place of an invited beraad sends an updated invitation."""
    stored = Beraad.objects.get(pk=beraad.pk)
    changed = sorted(name for name, value in data.items() if getattr(stored, name) != value)
    beraad = save_versioned(beraad, expected_version=expected_version, fields=data)
    record(actor, beraad, Action.UPDATE, "beraad.update", {"fields": changed})
    if SCHEDULE_FIELDS & set(changed):
        from .invitations import schedule_changed

        schedule_changed(beraad=beraad, actor=actor)
    return beraad


@transaction.atomic
def preparation_waive(*, beraad: Beraad, actor: audit.Actor, reason: str, expected_version: int) -> Beraad:
    """Record why the beraad goes ahead although the preparation checklist is not ready."""
    beraad = save_versioned(beraad, expected_version=expected_version, fields={"preparation_waiver": reason})
    record(actor, beraad, Action.UPDATE, "beraad.preparation_waiver", {"given": bool(reason)})
    return beraad
