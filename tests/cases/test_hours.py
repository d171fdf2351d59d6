"""Hours (A24): registered on a case or on the project, totalled per activity and regular/extra,
compared with the municipality's budget, and visible only within the user's municipalities."""

import re
from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal
from typing import Any, cast

from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

import pytest

from cases import services
from cases.constants import ActivityCategory, HoursKind
from cases.hours import case_hours_totals
from cases.models import Case, TimeEntry
from tests.cases.factories import CaseFactory, HoursBudgetFactory, TimeEntryFactory
from tests.confirming import confirm
from tests.factories import MembershipFactory, OrganisationFactory, user_with_role
from wio.accounts.constants import Role
from wio.accounts.models import Organisation, User
from wio.audit import services as audit
from wio.audit.constants import Action
from wio.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def _member(organisation: Organisation, role: str = Role.LPA) -> User:
    membership = MembershipFactory(organisation=organisation, role=role)
    return cast(User, membership.user)


def _hours_form(**overrides: str) -> dict[str, str]:
    data = {
        "activity": ActivityCategory.OUDERGESPREK,
        "kind": HoursKind.REGULIER,
        "hours": "1,5",
        "worked_on": timezone.localdate().isoformat(),
        "note": "",
    }
    return {**data, **overrides}


# --- registering ----------------------------------------------------------------------------------


def test_an_officer_registers_hours_on_a_case_with_a_decimal_comma(
    signed_in: Callable[[User], Client],
) -> None:
    # given an officer of the case's municipality
    case = CaseFactory()
    officer = _member(case.gemeente)
    # when they register "1,5" hours
    response = signed_in(officer).post(reverse("cases:case_hours_add", args=[case.pk]), _hours_form())
    # then one entry of 1.5 hours is stored on the case and its municipality, by them, and audited
    assert response.status_code == 302
    entry = TimeEntry.objects.get()
    assert (entry.case_id, entry.gemeente_id, entry.person_id, entry.hours) == (
        case.pk,
        case.gemeente_id,
        officer.pk,
        Decimal("1.50"),
    )
    event = AuditEvent.objects.get(event_type="case.time_entry.create")
    assert (event.action, event.youth_ref) == (Action.CREATE, case.reference)


@pytest.mark.parametrize(("typed", "stored"), [("24", "24"), ("0,25", "0.25"), ("2.5", "2.5"), (" 3 ", "3")])
def test_accepted_ways_of_typing_hours(signed_in: Callable[[User], Client], typed: str, stored: str) -> None:
    # given an officer of the case's municipality
    case = CaseFactory()
    client = signed_in(_member(case.gemeente))
    # when they type the hours
    client.post(reverse("cases:case_hours_add", args=[case.pk]), _hours_form(hours=typed))
    # then the number is read as meant
    assert TimeEntry.objects.get().hours == Decimal(stored)


@pytest.mark.parametrize(
    ("field", "overrides"),
    [
        ("hours", {"hours": "0"}),
        ("hours", {"hours": "-1"}),
        ("hours", {"hours": "24,25"}),
        ("hours", {"hours": "twee"}),
        ("hours", {"hours": "1.234,5"}),
        ("hours", {"hours": "1,255"}),
        ("hours", {"hours": ""}),
        ("worked_on", {"worked_on": (timezone.localdate() + timedelta(days=1)).isoformat()}),
        ("worked_on", {"worked_on": "31-02-2024"}),
        ("activity", {"activity": "koffie"}),
        ("kind", {"kind": "overwerk"}),
    ],
)
def test_bad_hours_input_changes_nothing_and_is_explained_at_the_field(
    signed_in: Callable[[User], Client], field: str, overrides: dict[str, str]
) -> None:
    # given an officer of the case's municipality
    case = CaseFactory()
    client = signed_in(_member(case.gemeente))
    # when they submit a bad value
    response = client.post(reverse("cases:case_hours_add", args=[case.pk]), _hours_form(**overrides))
    # then the form comes back with the error at that field, and nothing is stored or audited
    assert response.status_code == 422
    assert list(response.context["form"].errors) == [field]
    assert not TimeEntry.objects.exists()
    assert not AuditEvent.objects.filter(event_type="case.time_entry.create").exists()


def test_the_service_refuses_future_and_excessive_hours_whatever_the_caller() -> None:
    # given a case and its officer
    case = CaseFactory()
    actor = audit.actor_from(user=_member(case.gemeente))
    tomorrow = timezone.localdate() + timedelta(days=1)
    # when the service is called directly with a future date and 25 hours
    with pytest.raises(ValidationError) as refused:
        services.time_entry_create(
            actor=actor,
            case=case,
            activity=ActivityCategory.NAZORG,
            kind=HoursKind.EXTRA,
            hours=Decimal("25"),
            worked_on=tomorrow,
        )
    # then both rules are named and nothing is stored
    assert set(refused.value.message_dict) == {"hours", "worked_on"}
    assert not TimeEntry.objects.exists()


def test_an_officer_registers_project_hours_in_their_municipality(
    signed_in: Callable[[User], Client],
) -> None:
    # given an officer
    gemeente = OrganisationFactory()
    officer = _member(gemeente, Role.ONDERSTEUNER)
    # when they register hours on the project
    response = signed_in(officer).post(
        reverse("cases:hours_add"),
        _hours_form(gemeente=str(gemeente.pk), activity=ActivityCategory.SCHOLING, kind=HoursKind.EXTRA),
    )
    # then the entry has no case, is in their municipality, and they return to its overview
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('cases:hours_overview')}?gemeente={gemeente.pk}"
    entry = TimeEntry.objects.get()
    assert (entry.case_id, entry.gemeente_id, entry.kind) == (None, gemeente.pk, HoursKind.EXTRA)


def test_project_hours_for_another_municipality_are_refused(signed_in: Callable[[User], Client]) -> None:
    # given an officer and a municipality they do not work for
    officer = _member(OrganisationFactory())
    elsewhere = OrganisationFactory()
    # when they try to book project hours there
    response = signed_in(officer).post(reverse("cases:hours_add"), _hours_form(gemeente=str(elsewhere.pk)))
    # then the choice is refused and nothing is stored
    assert response.status_code == 422
    assert list(response.context["form"].errors) == ["gemeente"]
    assert not TimeEntry.objects.exists()


def test_a_coordinator_registers_hours_on_a_case_of_their_partnership_but_not_on_the_project(
    signed_in: Callable[[User], Client],
) -> None:
    # given the coordinator of the case's partnership
    case = CaseFactory()
    client = signed_in(_member(case.swv, Role.SWV_COORDINATOR))
    # when they register hours on the case and open the project pages
    on_case = client.post(reverse("cases:case_hours_add", args=[case.pk]), _hours_form())
    project = client.get(reverse("cases:hours_add"))
    overview = client.get(reverse("cases:hours_overview"))
    # then the case hours count for the case's municipality; the project pages are not theirs
    assert on_case.status_code == 302
    assert TimeEntry.objects.get().gemeente_id == case.gemeente_id
    assert (project.status_code, overview.status_code) == (403, 403)


# --- totals ----------------------------------------------------------------------------------------


def _book(case: Case | None, gemeente: Organisation, activity: str, kind: str, hours: str) -> TimeEntry:
    return TimeEntryFactory(case=case, gemeente=gemeente, activity=activity, kind=kind, hours=Decimal(hours))


def test_case_totals_split_regular_and_extra_for_that_case_only() -> None:
    # given hours on two cases of one municipality
    case = CaseFactory()
    other = CaseFactory(gemeente=case.gemeente)
    _book(case, case.gemeente, ActivityCategory.OUDERGESPREK, HoursKind.REGULIER, "2")
    _book(case, case.gemeente, ActivityCategory.NAZORG, HoursKind.REGULIER, "1.5")
    _book(case, case.gemeente, ActivityCategory.VERVOER, HoursKind.EXTRA, "0.75")
    _book(other, case.gemeente, ActivityCategory.OUDERGESPREK, HoursKind.REGULIER, "8")
    # when the case's totals are read
    totals = case_hours_totals(case)
    # then they cover only that case
    assert (totals.regulier, totals.extra, totals.total) == (Decimal("3.5"), Decimal("0.75"), Decimal("4.25"))


def test_the_case_page_shows_the_totals_of_that_case_only(signed_in: Callable[[User], Client]) -> None:
    # given hours on two cases of one municipality (the page reads the totals with the case)
    case = CaseFactory()
    other = CaseFactory(gemeente=case.gemeente)
    _book(case, case.gemeente, ActivityCategory.OUDERGESPREK, HoursKind.REGULIER, "2")
    _book(case, case.gemeente, ActivityCategory.NAZORG, HoursKind.REGULIER, "1.5")
    _book(case, case.gemeente, ActivityCategory.VERVOER, HoursKind.EXTRA, "0.75")
    _book(other, case.gemeente, ActivityCategory.OUDERGESPREK, HoursKind.EXTRA, "8")
    # when an officer opens the case page
    html = signed_in(_member(case.gemeente)).get(reverse("cases:detail", args=[case.pk])).content.decode()
    # then the hours card shows that case's regular, extra and total hours, in Dutch notation
    card = re.sub(r"\s+", " ", html[html.index('id="uren"') :].split("</section>")[0])
    assert re.findall(r"<dd class=\"col-sm-8\"> ([^<]*) </dd>", card) == ["3,5", "0,75", "4,25"]


def test_the_case_page_shows_zero_hours_when_none_are_registered(signed_in: Callable[[User], Client]) -> None:
    case = CaseFactory()
    html = signed_in(_member(case.gemeente)).get(reverse("cases:detail", args=[case.pk])).content.decode()
    card = re.sub(r"\s+", " ", html[html.index('id="uren"') :].split("</section>")[0])
    assert re.findall(r"<dd class=\"col-sm-8\"> ([^<]*) </dd>", card) == ["0", "0", "0"]


def test_the_overview_totals_per_activity_and_against_the_budget(signed_in: Callable[[User], Client]) -> None:
    # given Borger-Odoorn's budget of 87 regular and 125 extra hours, and hours on a case and the project
    case = CaseFactory()
    gemeente = case.gemeente
    HoursBudgetFactory(gemeente=gemeente, regular_hours=Decimal("87"), extra_hours=Decimal("125"))
    _book(case, gemeente, ActivityCategory.OUDERGESPREK, HoursKind.REGULIER, "2")
    _book(case, gemeente, ActivityCategory.OUDERGESPREK, HoursKind.EXTRA, "1")
    _book(None, gemeente, ActivityCategory.VOORBEREIDING, HoursKind.REGULIER, "5.5")
    _book(CaseFactory(), OrganisationFactory(), ActivityCategory.OUDERGESPREK, HoursKind.REGULIER, "40")
    # when an officer opens the overview
    response = signed_in(_member(gemeente)).get(reverse("cases:hours_overview"))
    # then the totals per activity × regular/extra and the budget lines cover this municipality only
    overview = response.context["overview"]
    rows = {row.activity: (row.hours.regulier, row.hours.extra) for row in overview.rows}
    assert len(rows) == len(ActivityCategory)
    assert rows[ActivityCategory.OUDERGESPREK] == (Decimal("2"), Decimal("1"))
    assert rows[ActivityCategory.VOORBEREIDING] == (Decimal("5.5"), Decimal("0"))
    assert rows[ActivityCategory.SCHOLING] == (Decimal("0"), Decimal("0"))
    assert (overview.totals.regulier, overview.totals.extra) == (Decimal("7.5"), Decimal("1"))
    budget = {line.kind: (line.budget, line.spent, line.remaining) for line in overview.budget}
    assert budget == {
        HoursKind.REGULIER: (Decimal("87"), Decimal("7.5"), Decimal("79.5")),
        HoursKind.EXTRA: (Decimal("125"), Decimal("1"), Decimal("124")),
    }
    assert (overview.has_budget, overview.over_budget) == (True, False)


def test_the_overview_warns_when_hours_exceed_the_budget(signed_in: Callable[[User], Client]) -> None:
    # given a small extra budget that has been used up
    gemeente = OrganisationFactory()
    HoursBudgetFactory(gemeente=gemeente, regular_hours=Decimal("10"), extra_hours=Decimal("2"))
    _book(None, gemeente, ActivityCategory.SCHOLING, HoursKind.EXTRA, "3")
    # when an officer opens the overview
    response = signed_in(_member(gemeente)).get(reverse("cases:hours_overview"))
    # then the extra line is over budget and the page warns
    overview = response.context["overview"]
    assert [line.over_budget for line in overview.budget] == [False, True]
    assert overview.budget[1].remaining == Decimal("-1")
    assert 'class="alert alert-warning"' in response.content.decode()


def test_the_overview_works_without_a_budget(signed_in: Callable[[User], Client]) -> None:
    # given a municipality without a budget
    gemeente = OrganisationFactory()
    _book(None, gemeente, ActivityCategory.SCHOLING, HoursKind.EXTRA, "3")
    # when an officer opens the overview
    response = signed_in(_member(gemeente)).get(reverse("cases:hours_overview"))
    # then the totals are there and no budget is claimed
    overview = response.context["overview"]
    assert response.status_code == 200
    assert overview.has_budget is False
    assert [(line.budget, line.remaining, line.over_budget) for line in overview.budget] == [
        (None, None, False),
        (None, None, False),
    ]
    assert overview.totals.extra == Decimal("3")


# --- scope -------------------------------------------------------------------------------------------


def test_an_officer_of_two_municipalities_chooses_which_overview(signed_in: Callable[[User], Client]) -> None:
    # given an officer of two municipalities, with hours in the second
    first, second = OrganisationFactory(name="Aa en Hunze"), OrganisationFactory(name="Borger-Odoorn")
    officer = _member(first)
    MembershipFactory(user=officer, organisation=second, role=Role.LPA)
    _book(None, second, ActivityCategory.SCHOLING, HoursKind.REGULIER, "4")
    client = signed_in(officer)
    # when they open the overview without and with a choice
    default = client.get(reverse("cases:hours_overview"))
    chosen = client.get(reverse("cases:hours_overview"), {"gemeente": second.pk})
    # then the first by name is the default, and the choice is honoured
    assert default.context["overview"].gemeente == first
    assert chosen.context["overview"].gemeente == second
    assert chosen.context["overview"].totals.regulier == Decimal("4")
    assert list(default.context["gemeenten"]) == [first, second]


@pytest.mark.parametrize("choice", ["other", "not-a-number"])
def test_another_municipalitys_overview_is_404(signed_in: Callable[[User], Client], choice: str) -> None:
    # given an officer and a municipality they do not work for
    officer = _member(OrganisationFactory())
    elsewhere = OrganisationFactory()
    value = {"other": str(elsewhere.pk), "not-a-number": "abc"}[choice]
    # when they ask for its overview
    response = signed_in(officer).get(reverse("cases:hours_overview"), {"gemeente": value})
    # then it does not exist for them
    assert response.status_code == 404


def test_case_hours_on_a_case_elsewhere_are_404(signed_in: Callable[[User], Client]) -> None:
    # given a case of another municipality
    case = CaseFactory()
    client = signed_in(user_with_role(Role.LPA))
    # when an officer posts hours on it
    response = client.post(reverse("cases:case_hours_add", args=[case.pk]), _hours_form())
    # then 404 and nothing stored
    assert response.status_code == 404
    assert not TimeEntry.objects.exists()


# --- the list of entries ---------------------------------------------------------------------------


def test_each_entry_shown_is_audited_once(signed_in: Callable[[User], Client]) -> None:
    # given three entries in the officer's municipality
    case = CaseFactory()
    entries = [_book(case, case.gemeente, ActivityCategory.NAZORG, HoursKind.REGULIER, "1") for _ in range(3)]
    # when the overview is opened
    signed_in(_member(case.gemeente)).get(reverse("cases:hours_overview"))
    # then one read event per row, naming the case
    events = AuditEvent.objects.filter(event_type="case.time_entry.list")
    assert sorted(e.object_id for e in events) == sorted(str(e.pk) for e in entries)
    assert {e.youth_ref for e in events} == {case.reference}


def _fill(gemeente: Organisation, count: int) -> None:
    for _ in range(count):
        case = CaseFactory(gemeente=gemeente)
        _book(case, gemeente, ActivityCategory.OUDERGESPREK, HoursKind.REGULIER, "1")
        _book(None, gemeente, ActivityCategory.VOORBEREIDING, HoursKind.EXTRA, "1")


def test_the_overview_uses_a_constant_number_of_queries(
    signed_in: Callable[[User], Client], django_assert_max_num_queries: Any
) -> None:
    # given an officer and a few entries
    gemeente = OrganisationFactory()
    HoursBudgetFactory(gemeente=gemeente)
    client = signed_in(_member(gemeente))
    _fill(gemeente, 2)
    with django_assert_max_num_queries(40) as few:
        client.get(reverse("cases:hours_overview"))
    # when many more entries exist, by other people on other cases
    _fill(gemeente, 15)
    # then the page needs no more queries than before
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("cases:hours_overview"))
    assert len(response.context["page"].object_list) == 25


# --- removing ----------------------------------------------------------------------------------------


def test_the_person_who_registered_hours_removes_them(signed_in: Callable[[User], Client]) -> None:
    # given hours an ondersteuner registered on the project
    gemeente = OrganisationFactory()
    ondersteuner = _member(gemeente, Role.ONDERSTEUNER)
    entry = TimeEntryFactory(case=None, gemeente=gemeente, person=ondersteuner)
    client = signed_in(ondersteuner)
    url = reverse("cases:hours_delete", args=[entry.pk])
    # when they confirm the removal
    response = confirm(client, f"{url}?back=overzicht")
    # then the entry is gone, audited, and they are back on the overview
    assert response["Location"] == f"{reverse('cases:hours_overview')}?gemeente={gemeente.pk}"
    assert not TimeEntry.objects.exists()
    assert AuditEvent.objects.filter(event_type="case.time_entry.delete", action=Action.DELETE).count() == 1


def test_an_officer_of_the_municipality_removes_a_colleagues_hours(
    signed_in: Callable[[User], Client],
) -> None:
    # given case hours registered by someone else in the officer's municipality
    entry = TimeEntryFactory()
    client = signed_in(_member(entry.gemeente, Role.LPA))
    # when the attendance officer removes them
    response = confirm(client, reverse("cases:hours_delete", args=[entry.pk]))
    # then they are gone and the officer is back on the case
    assert response["Location"] == f"{reverse('cases:detail', args=[entry.case_id])}#uren"
    assert not TimeEntry.objects.exists()


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("ondersteuner of the municipality", 403),
        ("coordinator of the partnership", 403),
        ("officer elsewhere", 404),
    ],
)
def test_others_cannot_remove_hours(signed_in: Callable[[User], Client], who: str, status: int) -> None:
    # given case hours registered by someone else
    entry = TimeEntryFactory()
    user = {
        "ondersteuner of the municipality": lambda: _member(entry.gemeente, Role.ONDERSTEUNER),
        "coordinator of the partnership": lambda: _member(entry.case.swv, Role.SWV_COORDINATOR),
        "officer elsewhere": lambda: user_with_role(Role.LPA),
    }[who]()
    # when they try to remove them
    response = signed_in(user).post(reverse("cases:hours_delete", args=[entry.pk]))
    # then they are refused and the entry remains
    assert response.status_code == status
    assert TimeEntry.objects.filter(pk=entry.pk).exists()


def test_a_coordinator_removes_their_own_case_hours(signed_in: Callable[[User], Client]) -> None:
    # given hours a coordinator registered on a case of their partnership
    case = CaseFactory()
    coordinator = _member(case.swv, Role.SWV_COORDINATOR)
    entry = TimeEntryFactory(case=case, person=coordinator)
    # when they remove them
    response = confirm(signed_in(coordinator), reverse("cases:hours_delete", args=[entry.pk]))
    # then they are gone and the coordinator is back on the case
    assert response["Location"] == f"{reverse('cases:detail', args=[case.pk])}#uren"
    assert not TimeEntry.objects.exists()
