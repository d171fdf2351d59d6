"""Registering hours (A24): on a case, or on the project in a municipality."""

from datetime import date
from decimal import Decimal
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wio.accounts.models import Organisation
from wio.audit import services as audit
from wio.audit.constants import Action, Purpose
from wio.submissions.services import submission_claim, submission_settle

from ..constants import ActivityCategory, HoursKind
from ..models import Case, TimeEntry

MIN_HOURS = Decimal("0")  # exclusive
MAX_HOURS = Decimal("24")


def validate_hours(hours: Decimal) -> None:
    if not MIN_HOURS < hours <= MAX_HOURS:
        raise ValidationError(_("Enter more than 0 and at most 24 hours."), code="hours_range")


def validate_worked_on(worked_on: date) -> None:
    if worked_on > timezone.localdate():
        raise ValidationError(_("The date cannot be in the future."), code="future")


def validate_time_entry(*, hours: Decimal, worked_on: date, activity: str, kind: str) -> None:
    """The rules every entry meets, whatever form or import it comes from; errors per field."""
    errors: dict[str, list[ValidationError]] = {}
    checks = (
        ("hours", lambda: validate_hours(hours)),
        ("worked_on", lambda: validate_worked_on(worked_on)),
        ("activity", lambda: _validate_choice(activity, ActivityCategory.values)),
        ("kind", lambda: _validate_choice(kind, HoursKind.values)),
    )
    for field, check in checks:
        try:
            check()
        except ValidationError as error:
            errors[field] = [error]
    if errors:
        raise ValidationError(errors)


def _validate_choice(value: str, allowed: list[str]) -> None:
    if value not in allowed:
        raise ValidationError(_("Choose one of the options."), code="invalid_choice")


@transaction.atomic
def time_entry_create(
    *,
    actor: audit.Actor,
    activity: str,
    kind: str,
    hours: Decimal,
    worked_on: date,
    case: Case | None = None,
    gemeente: Organisation | None = None,
    note: str = "",
    submission_key: UUID | None = None,
) -> TimeEntry:
    """Hours on `case` (its municipality) or, without a case, on the project in `gemeente`."""
    if actor.user is None:
        raise ValueError("hours are always registered by a person")
    if case is not None:
        gemeente = case.gemeente
    if gemeente is None:
        raise ValueError("hours need a case or a municipality")
    validate_time_entry(hours=hours, worked_on=worked_on, activity=activity, kind=kind)
    submission = submission_claim(key=submission_key, actor=actor)
    entry = TimeEntry.objects.create(
        case=case,
        gemeente=gemeente,
        person=actor.user,
        activity=activity,
        kind=kind,
        hours=hours,
        worked_on=worked_on,
        note=note,
    )
    audit.record_change(
        actor=actor,
        obj=entry,
        action=Action.CREATE,
        event_type="case.time_entry.create",
        purpose=Purpose.CASE_MANAGEMENT,
        detail={"fields": sorted(["activity", "kind", "hours", "worked_on", *(["note"] if note else [])])},
    )
    submission_settle(submission, entry)
    return entry


@transaction.atomic
def time_entry_delete(*, entry: TimeEntry, actor: audit.Actor) -> None:
    audit.record_change(
        actor=actor,
        obj=entry,
        action=Action.DELETE,
        event_type="case.time_entry.delete",
        purpose=Purpose.CASE_MANAGEMENT,
        detail={},
    )
    entry.delete()
