"""The supporting counts of DOMAIN.md §6.2 as raw `CountTable`s (publish them through `statistics.sdc`).

Cases by category, conversations held against planned, beraden held, knelpunten by category and
status, passend aanbod within three months, and hours against budget. One or two aggregate queries
each, however many regions or cases there are.
"""

from collections.abc import Iterable
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, F, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from cases.constants import (
    MILESTONE_OFFSETS,
    Category,
    HoursKind,
    KnelpuntCategory,
    KnelpuntStatus,
    Milestone,
)
from cases.models import Conversation, HoursBudget, Knelpunt, KnelpuntStatusChange, TimeEntry
from monitor.statistics.definitions import (
    BERADEN_HELD,
    CASES_BY_CATEGORY,
    CONVERSATIONS,
    HOURS,
    KNELPUNTEN,
    PASSEND_AANBOD,
)
from monitor.statistics.scope import by_region, counted_cases, definition_text, regions_in_order
from monitor.statistics.tables import CountTable
from moreelberaad.constants import BeraadStatus
from moreelberaad.models import Beraad

HELD_BERAAD_STATUSES = (BeraadStatus.GEHOUDEN, BeraadStatus.GEEVALUEERD)
PASSEND_AANBOD_TERM = MILESTONE_OFFSETS[Milestone.PASSEND_AANBOD]  # twelve weeks (Dullaert)


def cases_by_category_by_region(peildatum: date) -> CountTable:
    rows = counted_cases(peildatum).values("category", region=F("swv__region")).annotate(n=Count("id"))
    counts: dict[tuple[int, str], int] = {(row["region"], row["category"]): row["n"] for row in rows}
    return CountTable(
        title=str(_("Cases by category and region")),
        row_header=str(_("Region")),
        columns=tuple(str(label) for label in Category.labels),
        rows=tuple(
            (r.name, tuple(counts.get((r.pk, category), 0) for category in Category.values))
            for r in regions_in_order()
        ),
        definition=definition_text(CASES_BY_CATEGORY),
    )


def conversations_and_beraden_by_region(peildatum: date) -> CountTable:
    cases = counted_cases(peildatum)
    planned = cases.values(region=F("swv__region")).annotate(n=Sum("planned_conversations"))
    held = (
        Conversation.objects.filter(case__in=cases, is_held=True, held_on__lte=peildatum)
        .values(region=F("case__swv__region"))
        .annotate(n=Count("id"))
    )
    beraden = (
        Beraad.objects.filter(case__in=cases, status__in=HELD_BERAAD_STATUSES, starts_at__date__lte=peildatum)
        .values(region=F("case__swv__region"))
        .annotate(n=Count("id"))
    )
    per_count = [by_region(planned), by_region(held), by_region(beraden)]
    return CountTable(
        title=str(_("Conversations and Moreel Beraad sessions by region")),
        row_header=str(_("Region")),
        columns=(str(_("Conversations planned")), str(_("Conversations held")), str(_("Beraden held"))),
        rows=tuple((r.name, tuple(c.get(r.pk, 0) for c in per_count)) for r in regions_in_order()),
        definition=definition_text(CONVERSATIONS, BERADEN_HELD),
        columns_add_up=False,
    )


def _knelpunt_status_on(peildatum: date) -> Coalesce:
    """The status a knelpunt had on the peildatum: the last change up to then, else the status it
    started with (the first later change's "from"), else its current status."""
    changes = KnelpuntStatusChange.objects.filter(knelpunt=OuterRef("pk"))
    last_before = changes.filter(changed_on__lte=peildatum).order_by("-changed_on", "-id").values("to_status")
    first_after = changes.filter(changed_on__gt=peildatum).order_by("changed_on", "id").values("from_status")
    return Coalesce(Subquery(last_before[:1]), Subquery(first_after[:1]), F("status"))


def knelpunten_by_category_and_status(peildatum: date, region_ids: Iterable[int] | None = None) -> CountTable:
    """Knelpunten raised up to the peildatum; with `region_ids`, those met in a case of those regions."""
    knelpunten = Knelpunt.objects.filter(raised_on__lte=peildatum)
    if region_ids is not None:
        knelpunten = knelpunten.filter(cases__in=counted_cases(peildatum, region_ids))
    rows = (
        knelpunten.annotate(status_on=_knelpunt_status_on(peildatum))
        .values("category", "status_on")
        .annotate(n=Count("id", distinct=True))
    )
    counts = {(row["category"], row["status_on"]): row["n"] for row in rows}
    return CountTable(
        title=str(_("Bottlenecks by category and status")),
        row_header=str(_("Category")),
        columns=tuple(str(label) for label in KnelpuntStatus.labels),
        rows=tuple(
            (str(label), tuple(counts.get((category, status), 0) for status in KnelpuntStatus.values))
            for category, label in KnelpuntCategory.choices
        ),
        definition=definition_text(KNELPUNTEN),
    )


def _passend_aanbod_q(peildatum: date) -> tuple[Q, Q]:
    """(older than the term, passend within the term): the denominator and numerator conditions."""
    older = Q(escalation_start_on__lte=peildatum - PASSEND_AANBOD_TERM)
    passend = (
        older
        & ~Q(offer_description="")
        & Q(
            offer_durable=True,
            offer_agreed_by_parents=True,
            offer_agreed_by_youth=True,
            offer_agreed_by_professionals=True,
            offer_agreed_on__lte=F("escalation_start_on") + PASSEND_AANBOD_TERM,
        )
    )
    return older, passend


def passend_aanbod_share(peildatum: date, region_ids: Iterable[int] | None = None) -> tuple[int, int]:
    """(numerator, denominator); show the share only through `monitor.statistics.sdc.publish_percentage`."""
    older, passend = _passend_aanbod_q(peildatum)
    totals = counted_cases(peildatum, region_ids).aggregate(
        denominator=Count("id", filter=older), numerator=Count("id", filter=passend)
    )
    return totals["numerator"], totals["denominator"]


def passend_aanbod_by_region(peildatum: date) -> CountTable:
    """The share's numerator and denominator per region, for tables that show both."""
    older, passend = _passend_aanbod_q(peildatum)
    rows = (
        counted_cases(peildatum)
        .values(region=F("swv__region"))
        .annotate(numerator=Count("id", filter=passend), denominator=Count("id", filter=older))
    )
    counts = {row["region"]: (row["numerator"], row["denominator"]) for row in rows}
    return CountTable(
        title=str(_("Suitable offer within three months by region")),
        row_header=str(_("Region")),
        columns=(str(_("Suitable offer within twelve weeks")), str(_("Cases older than twelve weeks"))),
        rows=tuple((r.name, counts.get(r.pk, (0, 0))) for r in regions_in_order()),
        definition=definition_text(PASSEND_AANBOD),
        columns_add_up=False,
    )


def _whole_hours(value: Decimal | None) -> int:
    return int((value or Decimal(0)).quantize(Decimal(1), ROUND_HALF_UP))


def hours_against_budget() -> CountTable:
    """Per municipality with a budget: regular and extra hours written, next to the budget."""
    budgets = list(HoursBudget.objects.select_related("gemeente").order_by("gemeente__name", "pk"))
    spent = (
        TimeEntry.objects.filter(gemeente__hours_budget__isnull=False)
        .values("gemeente", "kind")
        .annotate(hours=Sum("hours"))
    )
    hours = {(row["gemeente"], row["kind"]): row["hours"] for row in spent}
    rows = tuple(
        (
            b.gemeente.name,
            (
                _whole_hours(hours.get((b.gemeente_id, HoursKind.REGULIER))),
                _whole_hours(b.regular_hours),
                _whole_hours(hours.get((b.gemeente_id, HoursKind.EXTRA))),
                _whole_hours(b.extra_hours),
            ),
        )
        for b in budgets
    )
    columns = (
        _("Regular hours written"),
        _("Regular hours budgeted"),
        _("Extra hours written"),
        _("Extra hours budgeted"),
    )
    return CountTable(
        title=str(_("Hours against budget by municipality")),
        row_header=str(_("Municipality")),
        columns=tuple(str(c) for c in columns),
        rows=rows,
        definition=definition_text(HOURS),
        columns_add_up=False,
    )
