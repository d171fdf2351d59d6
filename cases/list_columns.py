"""What the case list shows beside each case: the next escalation milestone and the last activity.

Both are SQL expressions, so the list can sort on them and stays one query however long it is.
"""

from datetime import date, timedelta

from django.db.models import Case as CaseWhen
from django.db.models import (
    CharField,
    DateField,
    DateTimeField,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.expressions import Expression
from django.db.models.functions import Cast, Coalesce, Greatest

from .constants import ACTIVE_STATUSES, MILESTONE_OFFSETS, Milestone
from .models import TimelineEntry


def milestone_open(milestone: str) -> Q:
    conditions: dict[str, Q] = {
        Milestone.CASUSREGIE: Q(casusregie_on__isnull=True),
        Milestone.DOORBRAAKTEAM: Q(doorbraakteam_checked_on__isnull=True),
        # A19: only a durable offer that everyone agreed to counts, whatever date was entered.
        Milestone.PASSEND_AANBOD: Q(offer_agreed_on__isnull=True)
        | Q(offer_description="")
        | Q(offer_durable=False)
        | Q(offer_agreed_by_parents=False)
        | Q(offer_agreed_by_youth=False)
        | Q(offer_agreed_by_professionals=False),
    }
    return conditions[milestone]


def _open_and_running(milestone: str, offset: timedelta) -> Q:
    # A start date at the calendar's end would overflow the addition; such a clock never runs out.
    return milestone_open(milestone) & Q(
        status__in=ACTIVE_STATUSES, escalation_start_on__lt=date.max - offset
    )


def next_milestone() -> Expression:
    """The first milestone (by due date) that is still open, for an active case; NULL otherwise."""
    whens = [
        When(_open_and_running(milestone, offset), then=Value(str(milestone)))
        for milestone, offset in MILESTONE_OFFSETS.items()
    ]
    return CaseWhen(*whens, default=Value(None), output_field=CharField())


def next_milestone_due() -> Expression:
    whens = [
        When(
            _open_and_running(milestone, offset),
            then=Cast(
                ExpressionWrapper(F("escalation_start_on") + offset, output_field=DateTimeField()),
                DateField(),
            ),
        )
        for milestone, offset in MILESTONE_OFFSETS.items()
    ]
    return CaseWhen(*whens, default=Value(None), output_field=DateField())


def last_activity() -> Expression:
    """The later of the case's own last change and the newest timeline entry recorded on it."""
    newest_entry = (
        TimelineEntry.objects.filter(case=OuterRef("pk")).order_by("-created_at").values("created_at")[:1]
    )
    return Greatest(F("updated_at"), Coalesce(Subquery(newest_entry), F("updated_at")))
