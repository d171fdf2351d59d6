"""Create, change and remove the entries of a dossier: one code path for every section."""

from collections.abc import Iterable
from typing import Any, TypeVar
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Min, Model
from django.utils.translation import gettext as _

from wio.audit import services as audit
from wio.audit.constants import Action, Purpose
from wio.submissions.services import submission_claim, submission_settle

from ..consent_rules import consent_giver_problem
from ..models import Case, CaseEntry, Consent, Development, Movement, Narrative, Plan
from .handover import refuse_during_handover
from .versioning import save_versioned

E = TypeVar("E", bound=CaseEntry)

ManyToMany = dict[str, Iterable[Model]]


def _record(actor: audit.Actor, entry: CaseEntry, action: str, fields: Iterable[str]) -> None:
    verbs: dict[str, str] = {Action.CREATE: "create", Action.UPDATE: "update", Action.DELETE: "delete"}
    verb = verbs[action]
    audit.record_change(
        actor=actor,
        obj=entry,
        action=action,
        event_type=f"case.{entry._meta.model_name}.{verb}",
        purpose=Purpose.CASE_MANAGEMENT,
        detail={"fields": sorted(fields)},
    )


def refresh_derived_flags(case: Case) -> None:
    """The monitor's core flags follow the development and movement logs (A12, A13)."""
    development_present = Development.objects.filter(case=case).exists()
    movement_since = Movement.objects.filter(case=case).aggregate(first=Min("occurred_on"))["first"]
    if (case.development_present, case.movement_since) != (development_present, movement_since):
        Case.objects.filter(pk=case.pk).update(
            development_present=development_present, movement_since=movement_since
        )
        case.development_present, case.movement_since = development_present, movement_since


def _check_consent_giver(entry: CaseEntry) -> None:
    """The consent form checks this too; here it holds for every caller (ADR 0015)."""
    if isinstance(entry, Consent):
        problem = consent_giver_problem(
            case=entry.case, person=entry.person, given_by=entry.given_by, given_on=entry.given_on
        )
        if problem:
            raise ValidationError({"given_by": problem}, code="consent_giver")


def _save_guarded(entry: CaseEntry, save: Any) -> Any:
    try:
        with transaction.atomic():
            return save()
    except IntegrityError as error:
        if isinstance(entry, Plan):
            raise ValidationError(
                _("This case already has an active plan; close it before starting a new one."),
                code="second_active_plan",
            ) from error
        if isinstance(entry, Narrative):  # two people starting the learning story at once
            raise ValidationError(
                _("This case already has a learning story; it was saved a moment ago. Edit that one."),
                code="second_narrative",
            ) from error
        raise


@transaction.atomic
def entry_create(
    *,
    model: type[E],
    case: Case,
    actor: audit.Actor,
    data: dict[str, Any],
    many: ManyToMany | None = None,
    submission_key: UUID | None = None,
) -> E:
    refuse_during_handover(case)
    submission = submission_claim(key=submission_key, actor=actor)
    entry = model(case=case, created_by=actor.user, **data)
    _check_consent_giver(entry)
    _save_guarded(entry, entry.save)
    for name, values in (many or {}).items():
        getattr(entry, name).set(values)
    refresh_derived_flags(case)
    _record(actor, entry, Action.CREATE, [*data, *(many or {})])
    submission_settle(submission, entry)
    return entry


@transaction.atomic
def entry_update(
    *,
    entry: E,
    actor: audit.Actor,
    data: dict[str, Any],
    expected_version: int,
    many: ManyToMany | None = None,
) -> E:
    refuse_during_handover(entry.case)
    _check_consent_giver(entry)
    stored = type(entry)._default_manager.get(pk=entry.pk)
    changed = [name for name, value in data.items() if getattr(stored, name) != value]
    entry = _save_guarded(
        entry, lambda: save_versioned(entry, expected_version=expected_version, fields=data)
    )
    for name, values in (many or {}).items():
        getattr(entry, name).set(values)
    refresh_derived_flags(entry.case)
    _record(actor, entry, Action.UPDATE, [*changed, *(many or {})])
    return entry


@transaction.atomic
def entry_delete(*, entry: CaseEntry, actor: audit.Actor, expected_version: int) -> None:
    refuse_during_handover(entry.case)
    model = type(entry)
    current = model._default_manager.select_for_update().get(pk=entry.pk)
    if current.version != expected_version:
        from .errors import ConflictError

        raise ConflictError(current)
    _record(actor, entry, Action.DELETE, [])
    case = entry.case
    current.delete()
    refresh_derived_flags(case)
