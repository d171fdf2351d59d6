"""Reads of registered hours (A24), scoped to the municipalities the user works for.

An officer sees the hours of their own municipality: on its cases and on the project. A coordinator
has no municipality of their own; they see hours only on a case of their partnership, through the
case page (`case_hours_totals`).
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import DecimalField, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.http import Http404, HttpRequest

from wio.accounts.constants import OrganisationKind, Role
from wio.accounts.models import Organisation
from wio.accounts.selectors import organisation_ids_for
from wio.audit import services as audit
from wio.audit.constants import Purpose

from .constants import ActivityCategory, HoursKind
from .models import Case, HoursBudget, TimeEntry
from .permissions import AnyUser, can_edit_case, gemeente_ids, swv_ids

ZERO = Decimal("0")


# --- what a user may do with hours ------------------------------------------------------------------


def can_see_hours_overview(user: AnyUser) -> bool:
    return bool(gemeente_ids(user))


def can_record_project_hours(user: AnyUser, gemeente_id: int) -> bool:
    """Hours on the project (no case) are for the municipality's own officers."""
    return gemeente_id in gemeente_ids(user)


def can_record_case_hours(user: AnyUser, case: Case) -> bool:
    return can_edit_case(user, case)


def can_delete_time_entry(user: AnyUser, entry: TimeEntry) -> bool:
    """The person who entered the hours, or an attendance officer of that municipality."""
    return entry.person_id == getattr(user, "pk", None) or entry.gemeente_id in organisation_ids_for(
        user, Role.LPA
    )


# --- scoped reads -------------------------------------------------------------------------------------


def hours_gemeenten_for(user: AnyUser) -> QuerySet[Organisation]:
    """The municipalities whose hours overview the user may open."""
    return Organisation.objects.filter(pk__in=gemeente_ids(user), kind=OrganisationKind.GEMEENTE).order_by(
        "name"
    )


def time_entries_visible_to(user: AnyUser) -> QuerySet[TimeEntry]:
    """Entries of the user's municipalities, plus entries on cases of the user's partnerships."""
    return TimeEntry.objects.filter(Q(gemeente_id__in=gemeente_ids(user)) | Q(case__swv_id__in=swv_ids(user)))


def get_time_entry_for_user_or_404(request: HttpRequest, entry_id: int) -> TimeEntry:
    """The entry, or 404 — the same for "not yours" as for "does not exist"; a refusal is recorded."""
    entry = (
        time_entries_visible_to(request.user).select_related("case", "gemeente").filter(pk=entry_id).first()
    )
    if entry is None:
        if TimeEntry.objects.filter(pk=entry_id).exists():
            audit.record_denial(
                request=request,
                event_type="case.time_entry.out_of_scope",
                purpose=Purpose.CASE_MANAGEMENT,
                obj_type="cases.timeentry",
                obj_id=entry_id,
            )
        raise Http404
    return entry


@dataclass(frozen=True)
class HoursSplit:
    regulier: Decimal = ZERO
    extra: Decimal = ZERO

    @property
    def total(self) -> Decimal:
        return self.regulier + self.extra


_TOTAL_ANNOTATIONS = {"regulier": "hours_regulier_total", "extra": "hours_extra_total"}


def case_hours_annotations() -> dict[str, Coalesce]:
    """The case's regular and extra hours as columns of the case query, for `case_hours_totals`."""
    return {
        column: Coalesce(
            Subquery(
                TimeEntry.objects.filter(case_id=OuterRef("pk"), kind=kind)
                .values("case_id")
                .annotate(total=Sum("hours"))
                .values("total")
            ),
            Value(ZERO),
            output_field=DecimalField(),
        )
        for kind, column in _TOTAL_ANNOTATIONS.items()
    }


def case_hours_totals(case: Case) -> HoursSplit:
    """Regular and extra hours recorded on one case (for the case page; the case is already scoped).
    The dossier reads them with the case (`case_hours_annotations`); otherwise one aggregate."""
    if all(hasattr(case, column) for column in _TOTAL_ANNOTATIONS.values()):
        return HoursSplit(**{kind: getattr(case, column) for kind, column in _TOTAL_ANNOTATIONS.items()})
    totals = TimeEntry.objects.filter(case_id=case.pk).aggregate(
        regulier=Sum("hours", filter=Q(kind=HoursKind.REGULIER), default=ZERO),
        extra=Sum("hours", filter=Q(kind=HoursKind.EXTRA), default=ZERO),
    )
    return HoursSplit(**totals)


@dataclass(frozen=True)
class ActivityRow:
    activity: str
    label: str
    hours: HoursSplit


@dataclass(frozen=True)
class BudgetLine:
    kind: str
    label: str
    budget: Decimal | None  # None: no budget has been set
    spent: Decimal

    @property
    def remaining(self) -> Decimal | None:
        return None if self.budget is None else self.budget - self.spent

    @property
    def over_budget(self) -> bool:
        return self.budget is not None and self.spent > self.budget


@dataclass(frozen=True)
class HoursOverview:
    gemeente: Organisation
    rows: list[ActivityRow]
    totals: HoursSplit
    budget: list[BudgetLine]
    has_budget: bool

    @property
    def over_budget(self) -> bool:
        return any(line.over_budget for line in self.budget)


def _activity_rows(gemeente: Organisation) -> list[ActivityRow]:
    sums = TimeEntry.objects.filter(gemeente=gemeente).values("activity", "kind").annotate(total=Sum("hours"))
    per_activity: dict[str, dict[str, Decimal]] = {}
    for row in sums:
        per_activity.setdefault(str(row["activity"]), {})[str(row["kind"])] = Decimal(str(row["total"] or 0))
    return [
        ActivityRow(
            activity=activity.value,
            label=str(activity.label),
            hours=HoursSplit(
                regulier=per_activity.get(activity.value, {}).get(HoursKind.REGULIER, ZERO),
                extra=per_activity.get(activity.value, {}).get(HoursKind.EXTRA, ZERO),
            ),
        )
        for activity in ActivityCategory
    ]


def _budget_lines(gemeente: Organisation, totals: HoursSplit) -> tuple[list[BudgetLine], bool]:
    budget = HoursBudget.objects.filter(gemeente=gemeente).first()
    lines = [
        BudgetLine(
            HoursKind.REGULIER,
            str(HoursKind.REGULIER.label),
            budget.regular_hours if budget else None,
            totals.regulier,
        ),
        BudgetLine(
            HoursKind.EXTRA, str(HoursKind.EXTRA.label), budget.extra_hours if budget else None, totals.extra
        ),
    ]
    return lines, budget is not None


def gemeente_for_hours_or_404(user: AnyUser, gemeente_id: str | int | None) -> Organisation:
    """The chosen municipality (or the first one) if it is in the user's scope; anything else is 404."""
    gemeenten = hours_gemeenten_for(user)
    if not gemeente_id:
        chosen = gemeenten.first()
    else:
        try:
            chosen = gemeenten.filter(pk=int(gemeente_id)).first()
        except ValueError:
            chosen = None
    if chosen is None:
        raise Http404
    return chosen


def _require_scope(user: AnyUser, gemeente: Organisation) -> None:
    if gemeente.pk not in gemeente_ids(user):
        raise Http404


def hours_overview(user: AnyUser, gemeente: Organisation) -> HoursOverview:
    """Totals per activity × regular/extra and against the budget of one of the user's municipalities."""
    _require_scope(user, gemeente)
    rows = _activity_rows(gemeente)
    totals = HoursSplit(
        regulier=sum((row.hours.regulier for row in rows), ZERO),
        extra=sum((row.hours.extra for row in rows), ZERO),
    )
    budget, has_budget = _budget_lines(gemeente, totals)
    return HoursOverview(gemeente=gemeente, rows=rows, totals=totals, budget=budget, has_budget=has_budget)


def time_entries_of(user: AnyUser, gemeente: Organisation) -> QuerySet[TimeEntry]:
    """Every entry of one of the user's municipalities, newest first, with what a list row shows."""
    _require_scope(user, gemeente)
    return (
        TimeEntry.objects.filter(gemeente=gemeente)
        .select_related("case", "person")
        .order_by("-worked_on", "-id")
    )
