import secrets
from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from wio.audit import services as audit
from wio.audit.constants import Action, Purpose
from wio.submissions.services import submission_claim, submission_settle

from ..constants import (
    ALLOWED_TRANSITIONS,
    BERAAD_MIRROR_STATUSES,
    Category,
    PreparationKind,
    Status,
    needs_confirmation,
)
from ..models import AbsenteeismDetails, Case, ExemptionDetails, PreparationItem, StatusChange
from ..partnerships import swv_serves
from .errors import ConflictError, TransitionError
from .handover import refuse_during_handover
from .retention import lifecycle_dates, refreshed_destroy_on
from .versioning import save_versioned

# Unambiguous characters: no 0/O, 1/I/L.
_REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def _new_reference() -> str:
    """A random case reference that says nothing about the youth or the order of registration."""
    return "WIO-" + "".join(secrets.choice(_REFERENCE_ALPHABET) for _ in range(7))


def _record(actor: audit.Actor, case: Case, action: str, event: str, fields: list[str]) -> None:
    audit.record_change(
        actor=actor,
        obj=case,
        action=action,
        event_type=event,
        purpose=Purpose.CASE_MANAGEMENT,
        detail={"fields": sorted(fields)} if fields else None,
    )


def _insert_with_unique_reference(case: Case) -> None:
    for _attempt in range(5):
        case.reference = _new_reference()
        try:
            with transaction.atomic():
                case.save()
            return
        except IntegrityError:
            if Case.objects.filter(reference=case.reference).exists():
                continue
            raise
    raise RuntimeError("could not find a free case reference")


def _require_serving_swv(*, gemeente_id: int | None, swv_id: int | None) -> None:
    """The case's SWV serves its municipality (its coordinator gets the whole dossier)."""
    if not swv_serves(swv_id=swv_id, gemeente_id=gemeente_id):
        raise ValidationError(
            {
                "swv": _(
                    "This partnership does not serve the case's municipality. Choose a partnership of "
                    "the municipality's region; one of another region only once the functional "
                    "administrator has linked it to the municipality."
                )
            },
            code="swv_not_serving",
        )


def _related_id(data: dict[str, Any], name: str, default: int | None) -> int | None:
    """The id `data` gives a foreign key, as an object (`swv`) or an id (`swv_id`), else `default`."""
    if name in data:
        value = data[name]
        return value.pk if isinstance(value, Model) else value
    return data.get(f"{name}_id", default)


@transaction.atomic
def case_create(*, actor: audit.Actor, data: dict[str, Any], submission_key: UUID | None = None) -> Case:
    """Register a youth: the case, its category's detail record and the five checklist items."""
    submission = submission_claim(key=submission_key, actor=actor)
    case = Case(**data, created_by=actor.user)
    _require_serving_swv(gemeente_id=case.gemeente_id, swv_id=case.swv_id)
    if not case.escalation_start_on:
        case.escalation_start_on = case.registered_on or timezone.localdate()
    case.status_changed_at = timezone.now()
    _insert_with_unique_reference(case)
    _ensure_category_details(case)
    PreparationItem.objects.bulk_create(
        PreparationItem(case=case, kind=kind) for kind in PreparationKind.values
    )
    _record(actor, case, Action.CREATE, "case.create", list(data))
    submission_settle(submission, case)
    return case


def _ensure_category_details(case: Case) -> None:
    if case.category == Category.VRIJSTELLING_5A:
        ExemptionDetails.objects.get_or_create(case=case)
    else:
        AbsenteeismDetails.objects.get_or_create(case=case)


@transaction.atomic
def case_update(*, case: Case, actor: audit.Actor, data: dict[str, Any], expected_version: int) -> Case:
    refuse_during_handover(case)
    stored = Case.objects.get(pk=case.pk)
    changed = [name for name, value in data.items() if getattr(stored, name) != value]
    pair = (_related_id(data, "gemeente", stored.gemeente_id), _related_id(data, "swv", stored.swv_id))
    if pair != (stored.gemeente_id, stored.swv_id):  # a case registered before the rule keeps its SWV
        _require_serving_swv(gemeente_id=pair[0], swv_id=pair[1])
    case = save_versioned(case, expected_version=expected_version, fields=data)
    destroy_on = refreshed_destroy_on(case)
    if destroy_on != case.destroy_on:  # a closed case's date of birth or legal basis was corrected
        Case.objects.filter(pk=case.pk).update(destroy_on=destroy_on)  # derived: no version bump
        case.destroy_on = destroy_on
    _ensure_category_details(case)
    _record(actor, case, Action.UPDATE, "case.update", changed)
    return case


@transaction.atomic
def exemption_update(
    *, case: Case, actor: audit.Actor, data: dict[str, Any], expected_version: int
) -> ExemptionDetails:
    refuse_during_handover(case)
    details = save_versioned(case.exemption, expected_version=expected_version, fields=data)
    _record(actor, case, Action.UPDATE, "case.exemption.update", list(data))
    return details


@transaction.atomic
def absenteeism_update(
    *, case: Case, actor: audit.Actor, data: dict[str, Any], expected_version: int
) -> AbsenteeismDetails:
    refuse_during_handover(case)
    details = save_versioned(case.absenteeism, expected_version=expected_version, fields=data)
    _record(actor, case, Action.UPDATE, "case.absenteeism.update", list(data))
    return details


@transaction.atomic
def case_transition(
    *,
    case: Case,
    to_status: str,
    actor: audit.Actor,
    note: str = "",
    by_hand: bool = False,
    expected_version: int | None = None,
) -> Case:
    """Move the case along the pipeline (A23); who and when are recorded.

    `by_hand` is a person choosing the status (the status form): the statuses that mirror the
    Moreel Beraad are refused, and going back or closing needs a reason, kept as the change's note.
    """
    locked = Case.objects.select_for_update().get(pk=case.pk)
    if expected_version is not None and locked.version != expected_version:
        raise ConflictError(locked)  # the caller decided on a version someone has changed since
    if by_hand:
        refuse_during_handover(locked)
    if by_hand and to_status in BERAAD_MIRROR_STATUSES:
        raise TransitionError(
            _("“%(target)s” follows the Moreel Beraad: plan or hold the beraad on its page.")
            % {"target": Status(to_status).label},
            code="beraad_status",
        )
    if to_status not in ALLOWED_TRANSITIONS[locked.status]:
        raise TransitionError(
            _("A case cannot go from “%(current)s” to “%(target)s”.")
            % {
                "current": Status(locked.status).label,
                "target": Status(to_status).label if to_status in Status.values else to_status,
            },
            code="invalid_transition",
        )
    if by_hand and needs_confirmation(locked.status, to_status) and not note.strip():
        raise TransitionError(_("Give a reason for going back or closing."), code="reason_required")
    StatusChange.objects.create(
        case=locked,
        from_status=locked.status,
        to_status=to_status,
        changed_by=actor.user,
        note=note,
    )
    from_status = locked.status
    locked = save_versioned(
        locked,
        expected_version=locked.version,
        fields={
            "status": to_status,
            "status_changed_at": timezone.now(),
            # Closing starts the retention period; reopening stops it (ADR 0014).
            **lifecycle_dates(locked, status=to_status, today=timezone.localdate()),
        },
    )
    audit.record_change(
        actor=actor,
        obj=locked,
        action=Action.UPDATE,
        event_type="case.status",
        purpose=Purpose.CASE_MANAGEMENT,
        detail={"from": from_status, "to": to_status},
    )
    return locked
