from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import QuerySet
from django.utils import timezone

from ..date_bounds import shift
from .models import AuditEvent


@dataclass(frozen=True)
class AuditFilter:
    date_from: date | None = None
    date_to: date | None = None
    actor_email: str = ""
    youth_ref: str = ""
    event_type: str = ""
    result: str = ""


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def audit_events(filters: AuditFilter) -> QuerySet[AuditEvent]:
    """Audit events for a privacy officer; the caller has checked can_view_audit_trail."""
    events = AuditEvent.objects.select_related("actor", "actor_organisation").order_by("-occurred_at", "-id")
    if filters.date_from:
        events = events.filter(occurred_at__gte=_start_of(filters.date_from))
    if filters.date_to:
        events = events.filter(occurred_at__lt=_start_of(shift(filters.date_to, timedelta(days=1))))
    if filters.actor_email:
        events = events.filter(actor__email__iexact=filters.actor_email)
    if filters.youth_ref:
        events = events.filter(youth_ref=filters.youth_ref)
    if filters.event_type:
        events = events.filter(event_type__startswith=filters.event_type)
    if filters.result:
        events = events.filter(result=filters.result)
    return events
