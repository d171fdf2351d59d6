from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from django.core.management import call_command
from django.db import transaction
from django.db.models import Count, F, Min, Sum
from django.test import override_settings
from django.utils import timezone

import pytest

from cases import demo
from cases.constants import ALLOWED_TRANSITIONS, HoursKind, Status
from cases.models import (
    ActionItem,
    Case,
    Consent,
    Conversation,
    Development,
    HoursBudget,
    Involved,
    Knelpunt,
    Movement,
    StatusChange,
    TimeEntry,
    TimelineEntry,
)
from cases.selectors import cases_visible_to, escalation_q
from wio.accounts.constants import OrganisationKind, Sector
from wio.accounts.models import Organisation, User

pytestmark = pytest.mark.django_db

NAMES_FROM_THE_SOURCES = {"Tom", "Teun", "Justin", "Ron", "Wouter", "Sunan", "Bart", "Layla", "Vincent"}
SEEDED_MODELS = (Case, Involved, TimelineEntry, Conversation, ActionItem, Knelpunt, StatusChange, TimeEntry)


@pytest.fixture(scope="module")
def seeded(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    """Seed once for the whole module (it takes seconds), inside a transaction rolled back at the end.

    Each test still runs in its own savepoint, so what one test changes the next does not see.
    """
    with django_db_blocker.unblock(), override_settings(DEBUG=True), transaction.atomic():
        call_command("seed_demo")
        yield
        transaction.set_rollback(True)


def _walks_the_pipeline(status: str, steps: list[tuple[str, str]]) -> bool:
    chain = [Status.IN_BEELD, *(after for _, after in steps)]
    linked = all(before == chain[index] for index, (before, _) in enumerate(steps))
    allowed = all(after in ALLOWED_TRANSITIONS[before] for before, after in steps)
    return linked and allowed and chain[-1] == status


def _broken_histories() -> list[str]:
    """References of cases whose status changes do not walk the pipeline to their status."""
    walks: dict[int, list[tuple[str, str]]] = {}
    changes = StatusChange.objects.order_by("changed_at", "id").values_list(
        "case_id", "from_status", "to_status"
    )
    for case_id, before, after in changes:
        walks.setdefault(case_id, []).append((before, after))
    cases = Case.objects.values_list("pk", "status", "reference")
    return [
        reference for pk, status, reference in cases if not _walks_the_pipeline(status, walks.get(pk, []))
    ]


def test_five_project_cases_per_swv_in_every_status(seeded: None) -> None:
    # Given the seeded demo (fixture)
    # When counting the project cases per SWV
    per_swv = Case.objects.filter(is_project_case=True).values("swv").annotate(n=Count("id"))

    # Then all 150 SWVs have five, and the pipeline is covered end to end
    assert Organisation.objects.filter(kind=OrganisationKind.SWV).count() == 150
    assert sorted({row["n"] for row in per_swv}) == [5]
    assert len(per_swv) == 150
    assert set(Case.objects.values_list("status", flat=True)) == set(Status.values)
    assert _broken_histories() == []
    # Each case lies in its SWV's region, except the one Borger-Odoorn youth of A2
    assert Case.objects.exclude(gemeente__region=F("swv__region")).count() == 1


def test_the_demo_lpa_sees_the_borger_odoorn_cases(seeded: None) -> None:
    # Given the demo LPA of Borger-Odoorn
    lpa = User.objects.get(email="lpa@wio.example")
    today = timezone.localdate()

    # When listing the cases in their scope
    visible = cases_visible_to(lpa)

    # Then they see the five PO cases of the plan and one youth whose SWV is in another region
    assert visible.filter(swv__sector=Sector.PO, gemeente__code="GM1681").count() == 5
    assert visible.filter(is_project_case=False).exclude(swv__region=F("gemeente__region")).count() == 1
    assert visible.filter(escalation_q("overdue", today)).exists()
    assert visible.filter(escalation_q("due_soon", today)).exists()
    assert ActionItem.objects.filter(owner=lpa, done_on__isnull=True, due_on__lt=today).exists()
    assert ActionItem.objects.filter(owner__email="coordinator@wio.example").exists()
    assert Consent.objects.filter(case__in=visible, withdrawn_on__isnull=False).count() == 1


def test_the_dossiers_are_filled_and_consistent(seeded: None) -> None:
    # Given the seeded demo (fixture)
    today = timezone.localdate()

    # When looking at the derived flags and the entries around the cases
    first_movements = Case.objects.annotate(first=Min("movements__occurred_on")).values_list(
        "movement_since", "first"
    )

    # Then the flags follow the logs, and every part of the dossier has demo data
    assert Case.objects.filter(development_present=True).count() == (
        Development.objects.values("case").distinct().count()
    )
    assert all(since == first for since, first in first_movements)
    assert 0 < Movement.objects.values("case").distinct().count() < Case.objects.count() / 2
    assert Case.objects.filter(escalation_q("overdue", today)).exists()
    assert (
        Case.objects.filter(status_changes__to_status=Status.BERAAD_GEHOUDEN, plans__isnull=True).count() == 0
    )
    assert Case.objects.filter(status=Status.AFGESLOTEN, outcomes__isnull=True).count() == 0
    assert Knelpunt.objects.annotate(n=Count("cases", distinct=True)).filter(n=2).exists()
    assert Knelpunt.objects.annotate(swvs=Count("cases__swv", distinct=True)).filter(swvs__gt=1).count() == 0
    assert Conversation.objects.filter(is_held=False, held_on__gt=today).exists()
    first_names = {name.split()[0] for name in Involved.objects.values_list("name", flat=True)}
    assert not first_names & NAMES_FROM_THE_SOURCES


def test_borger_odoorn_spends_less_than_its_budget(seeded: None) -> None:
    # Given the seeded demo (fixture)
    gemeente = Organisation.objects.get(kind=OrganisationKind.GEMEENTE, code="GM1681")

    # When summing its hours per kind
    budget = HoursBudget.objects.get(gemeente=gemeente)
    spent = dict(TimeEntry.objects.filter(gemeente=gemeente).values_list("kind").annotate(total=Sum("hours")))

    # Then the budget is 87 + 125 and both kinds stay under it
    assert (budget.regular_hours, budget.extra_hours) == (Decimal(87), Decimal(125))
    assert 0 < spent[HoursKind.REGULIER] < budget.regular_hours
    assert 0 < spent[HoursKind.EXTRA] < budget.extra_hours
    assert TimeEntry.objects.filter(gemeente=gemeente, case__isnull=True).exists()


def test_a_second_run_creates_nothing_and_is_cheap(seeded: None, django_assert_max_num_queries: Any) -> None:
    # Given the seeded demo (fixture)
    before = [model.objects.count() for model in SEEDED_MODELS]

    # When seeding again, through the command and directly
    call_command("seed_demo")
    with django_assert_max_num_queries(1):
        demo.seed()

    # Then nothing new exists
    assert [model.objects.count() for model in SEEDED_MODELS] == before


def test_closed_demo_cases_carry_destruction_dates_and_one_list_awaits_approval(seeded: None) -> None:
    from cases.constants import DestructionListStatus
    from cases.models import DestructionList

    assert not Case.objects.filter(status=Status.AFGESLOTEN, destroy_on__isnull=True).exists()
    assert DestructionList.objects.filter(status=DestructionListStatus.PROPOSED).count() == 1
