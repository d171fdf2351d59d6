"""Scoped reads of case data: who sees which case, the case list, quota counts and consent."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext

import pytest

from cases import selectors, selectors_dossier
from cases.constants import Category, Status
from cases.models import Case
from cases.selectors import CaseFilter
from tests.cases.core_support import audit_trail_text, member_of, request_as
from tests.cases.factories import (
    ActionItemFactory,
    CaseFactory,
    ConsentFactory,
    InvolvedFactory,
    TimelineEntryFactory,
)
from tests.factories import MembershipFactory, OrganisationFactory, RegionFactory, UserFactory, user_with_role
from wio.accounts.constants import Role
from wio.accounts.models import Organisation, User
from wio.audit.constants import Action, Result
from wio.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

TODAY = date(2024, 6, 10)
NON_CASE_ROLES = [Role.PROJECT_STAFF, Role.MINISTRY, Role.PRIVACY_OFFICER, Role.FUNCTIONAL_ADMIN]


@dataclass
class NoordHolland:
    """Castricum lies in regio Alkmaar but its SWV in another region (A2)."""

    castricum: Organisation
    alkmaar: Organisation
    swv_kennemerland: Organisation
    swv_noord: Organisation
    castricum_case: Case
    alkmaar_case: Case


@pytest.fixture
def noord_holland() -> NoordHolland:
    regio_alkmaar = RegionFactory(name="Regio Alkmaar")
    regio_kennemerland = RegionFactory(name="Midden-Kennemerland")
    castricum = OrganisationFactory(name="Castricum", region=regio_alkmaar)
    alkmaar = OrganisationFactory(name="Alkmaar", region=regio_alkmaar)
    swv_kennemerland = OrganisationFactory(
        swv=True, name="SWV Midden-Kennemerland", region=regio_kennemerland
    )
    swv_noord = OrganisationFactory(swv=True, name="SWV Noord-Kennemerland", region=regio_alkmaar)
    return NoordHolland(
        castricum=castricum,
        alkmaar=alkmaar,
        swv_kennemerland=swv_kennemerland,
        swv_noord=swv_noord,
        castricum_case=CaseFactory(gemeente=castricum, swv=swv_kennemerland),
        alkmaar_case=CaseFactory(gemeente=alkmaar, swv=swv_noord),
    )


# --- scope (AC-1, AC-2, A2) ------------------------------------------------------------------------


def test_a_case_may_have_its_gemeente_and_swv_in_different_regions(noord_holland: NoordHolland) -> None:
    case = Case.objects.get(pk=noord_holland.castricum_case.pk)

    assert case.gemeente.region != case.swv.region


@pytest.mark.parametrize("role", [Role.LPA, Role.ONDERSTEUNER])
def test_a_gemeente_officer_sees_only_their_gemeentes_cases(noord_holland: NoordHolland, role: str) -> None:
    officer = member_of(noord_holland.castricum, role)

    assert list(selectors.cases_visible_to(officer)) == [noord_holland.castricum_case]


def test_a_coordinator_sees_only_their_swvs_cases_whatever_the_region(noord_holland: NoordHolland) -> None:
    # Given the coordinator of the SWV in Midden-Kennemerland and the one in regio Alkmaar
    kennemerland = member_of(noord_holland.swv_kennemerland, Role.SWV_COORDINATOR)
    noord = member_of(noord_holland.swv_noord, Role.SWV_COORDINATOR)

    # Then each sees the cases of their own SWV, not those of the region
    assert list(selectors.cases_visible_to(kennemerland)) == [noord_holland.castricum_case]
    assert list(selectors.cases_visible_to(noord)) == [noord_holland.alkmaar_case]


def test_a_user_in_two_gemeenten_sees_both(noord_holland: NoordHolland) -> None:
    officer = member_of(noord_holland.castricum, Role.LPA)
    MembershipFactory(user=officer, organisation=noord_holland.alkmaar, role=Role.ONDERSTEUNER)

    visible = set(selectors.cases_visible_to(officer))

    assert visible == {noord_holland.castricum_case, noord_holland.alkmaar_case}


@pytest.mark.parametrize("role", NON_CASE_ROLES)
def test_roles_that_do_not_work_with_cases_see_none(noord_holland: NoordHolland, role: str) -> None:
    assert not selectors.cases_visible_to(user_with_role(role)).exists()


@pytest.mark.parametrize("role", [Role.PRIVACY_OFFICER, Role.FUNCTIONAL_ADMIN])
def test_a_non_case_role_held_in_the_gemeente_itself_sees_none(
    noord_holland: NoordHolland, role: str
) -> None:
    user = member_of(noord_holland.castricum, role)

    assert not selectors.cases_visible_to(user).exists()


def test_an_inactive_officer_sees_none(noord_holland: NoordHolland) -> None:
    officer = member_of(noord_holland.castricum, Role.LPA)
    officer.is_active = False
    officer.save()

    assert not selectors.cases_visible_to(officer).exists()


def test_get_case_for_user_returns_a_case_in_scope_without_a_denial(noord_holland: NoordHolland) -> None:
    officer = member_of(noord_holland.castricum, Role.LPA)

    case = selectors.get_case_for_user_or_404(request_as(officer), noord_holland.castricum_case.pk)

    assert case == noord_holland.castricum_case
    assert not AuditEvent.objects.exists()


def test_an_out_of_scope_case_is_a_404_and_a_denied_read_without_the_name(
    noord_holland: NoordHolland,
) -> None:
    # Given the officer of Alkmaar and the case of a youth in Castricum
    officer = member_of(noord_holland.alkmaar, Role.LPA)
    case = noord_holland.castricum_case

    # When they ask for that case
    with pytest.raises(Http404):
        selectors.get_case_for_user_or_404(request_as(officer), case.pk)

    # Then a denied read names the case by reference only
    event = AuditEvent.objects.get()
    assert (event.action, event.result, event.event_type) == (Action.READ, Result.DENIED, "case.out_of_scope")
    assert (event.youth_ref, event.object_type, event.object_id) == (
        case.reference,
        "cases.case",
        str(case.pk),
    )
    assert (event.actor, event.source_ip) == (officer, "192.0.2.20")
    assert case.first_name.lower() not in audit_trail_text()
    assert case.last_name.lower() not in audit_trail_text()


def test_a_case_that_does_not_exist_is_the_same_404_without_an_event() -> None:
    officer = user_with_role(Role.LPA)

    with pytest.raises(Http404):
        selectors.get_case_for_user_or_404(request_as(officer), 987654)

    assert not AuditEvent.objects.exists()


# --- the case list ----------------------------------------------------------------------------------


@pytest.fixture
def officer_cases() -> tuple[Organisation, list[Case]]:
    """An officer's gemeente with four distinct cases across two SWVs."""
    home, swv_a, swv_b = OrganisationFactory(), OrganisationFactory(swv=True), OrganisationFactory(swv=True)
    cases = [
        CaseFactory(
            gemeente=home, swv=swv_a, first_name="Anouk", last_name="Bakker", registered_on=date(2024, 1, 5)
        ),
        CaseFactory(
            gemeente=home,
            swv=swv_a,
            first_name="Bram",
            last_name="Wit",
            absoluut_verzuim=True,
            registered_on=date(2024, 3, 5),
        ),
        CaseFactory(
            gemeente=home,
            swv=swv_b,
            first_name="Cas",
            last_name="Akkerman",
            status=Status.VOORGESTELD,
            registered_on=date(2024, 2, 5),
        ),
        CaseFactory(
            gemeente=home,
            swv=swv_b,
            first_name="Daan",
            last_name="Zijlstra",
            is_project_case=False,
            registered_on=date(2024, 4, 5),
        ),
    ]
    CaseFactory(first_name="Anouk", last_name="Bakker")  # the same name in another gemeente
    return home, cases


def _names(user: User, filters: CaseFilter) -> list[str]:
    return [case.first_name for case in selectors.case_list(user, filters, TODAY)]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (CaseFilter(), ["Daan", "Bram", "Cas", "Anouk"]),
        (CaseFilter(category=Category.ABSOLUUT_VERZUIM), ["Bram"]),
        (CaseFilter(status=Status.VOORGESTELD), ["Cas"]),
        (CaseFilter(project_case=False), ["Daan"]),
        (CaseFilter(project_case=True), ["Bram", "Cas", "Anouk"]),
        (CaseFilter(query="bakker"), ["Anouk"]),
        (CaseFilter(query="  AKKER "), ["Cas", "Anouk"]),
        (CaseFilter(query="bra"), ["Bram"]),
        (CaseFilter(query="nobody"), []),
        (CaseFilter(ordering="registered_on"), ["Anouk", "Cas", "Bram", "Daan"]),
        (CaseFilter(ordering="name"), ["Cas", "Anouk", "Bram", "Daan"]),
        (CaseFilter(ordering="not-an-ordering"), ["Daan", "Bram", "Cas", "Anouk"]),
    ],
)
def test_case_list_filters_searches_and_sorts_within_scope(
    officer_cases: tuple[Organisation, list[Case]], filters: CaseFilter, expected: list[str]
) -> None:
    officer = member_of(officer_cases[0], Role.LPA)

    assert _names(officer, filters) == expected


def test_case_list_finds_a_case_by_its_reference_in_any_letter_case(
    officer_cases: tuple[Organisation, list[Case]],
) -> None:
    officer = member_of(officer_cases[0], Role.LPA)
    wanted = officer_cases[1][2]

    found = list(selectors.case_list(officer, CaseFilter(query=f" {wanted.reference.lower()} "), TODAY))

    assert found == [wanted]


def test_case_list_never_finds_a_case_out_of_scope_by_reference() -> None:
    officer = user_with_role(Role.LPA)
    elsewhere = CaseFactory()

    assert not selectors.case_list(officer, CaseFilter(query=elsewhere.reference), TODAY).exists()


def test_case_list_filters_by_swv_and_gemeente(officer_cases: tuple[Organisation, list[Case]]) -> None:
    home, cases = officer_cases
    officer = member_of(home, Role.LPA)

    by_swv = _names(officer, CaseFilter(swv_id=cases[2].swv_id))
    by_gemeente = _names(officer, CaseFilter(gemeente_id=home.pk))
    foreign_gemeente = _names(officer, CaseFilter(gemeente_id=OrganisationFactory().pk))

    assert (by_swv, by_gemeente, foreign_gemeente) == (["Daan", "Cas"], ["Daan", "Bram", "Cas", "Anouk"], [])


def test_filter_choices_offer_only_the_organisations_of_visible_cases(
    officer_cases: tuple[Organisation, list[Case]],
) -> None:
    home, cases = officer_cases
    officer = member_of(home, Role.LPA)

    swvs, gemeenten = selectors.filter_choices_for(officer)

    assert set(swvs) == {cases[0].swv, cases[2].swv}
    assert list(gemeenten) == [home]


def _read_list_rows(user: User) -> list[str]:
    return [
        f"{c.reference} {c.gemeente.name} {c.swv.name}"
        for c in selectors.case_list(user, CaseFilter(), TODAY)
    ]


def test_the_case_list_costs_the_same_queries_for_few_and_many_rows(
    django_assert_max_num_queries: Callable[[int], object],
) -> None:
    # Given one officer with one case and another with fifteen
    few_home, many_home = OrganisationFactory(), OrganisationFactory()
    CaseFactory(gemeente=few_home)
    CaseFactory.create_batch(15, gemeente=many_home)
    few_officer, many_officer = member_of(few_home, Role.LPA), member_of(many_home, Role.LPA)

    # When each list is read with its gemeente and SWV names
    with CaptureQueriesContext(connection) as few:
        _read_list_rows(few_officer)

    # Then fifteen rows cost no more queries than one
    with django_assert_max_num_queries(len(few)):
        assert len(_read_list_rows(many_officer)) == 15


def _fill_dossier(case: Case, size: int) -> None:
    people = InvolvedFactory.create_batch(size, case=case)
    for person in people:
        TimelineEntryFactory(case=case).involved.set(people)
        ConsentFactory(case=case, person=person).shared_with.set(people)
        ActionItemFactory(case=case)


def test_the_dossier_costs_the_same_queries_for_a_small_and_a_full_case() -> None:
    # Given a case with one entry of each kind and a case with five of each, in one officer's scope
    small_case, full_case = CaseFactory(), CaseFactory()
    _fill_dossier(small_case, 1)
    _fill_dossier(full_case, 5)
    officer = member_of(full_case.gemeente, Role.LPA)
    MembershipFactory(user=officer, organisation=small_case.gemeente, role=Role.LPA)
    selectors.cases_visible_to(officer)  # the memberships are read once per request

    # When both dossiers are loaded
    with CaptureQueriesContext(connection) as small:
        selectors_dossier.case_dossier(small_case.pk, officer)
    with CaptureQueriesContext(connection) as large:
        loaded = selectors_dossier.case_dossier(full_case.pk, officer)

    # Then the query count does not grow with the dossier
    assert len(large) == len(small)
    assert len(loaded.timelineentrys.all()) == 5


def test_the_dossier_of_an_out_of_scope_case_does_not_load() -> None:
    with pytest.raises(Case.DoesNotExist):
        selectors_dossier.case_dossier(CaseFactory().pk, user_with_role(Role.LPA))


# --- the 5-per-SWV quota (A3) -----------------------------------------------------------------------


@pytest.fixture
def quota_swv() -> tuple[Organisation, Organisation, Organisation]:
    """An SWV with six active project cases across two gemeenten, plus cases that do not count."""
    swv, first, second = (
        OrganisationFactory(swv=True, name="SWV A"),
        OrganisationFactory(),
        OrganisationFactory(),
    )
    CaseFactory.create_batch(4, gemeente=first, swv=swv)
    CaseFactory.create_batch(2, gemeente=second, swv=swv, status=Status.NAZORG)
    CaseFactory(gemeente=first, swv=swv, status=Status.AFGESLOTEN)
    CaseFactory(gemeente=first, swv=swv, is_project_case=False)
    return swv, first, second


def test_a_coordinator_sees_n_of_5_for_their_swv_counting_only_active_project_cases(
    quota_swv: tuple[Organisation, Organisation, Organisation],
) -> None:
    swv = quota_swv[0]
    coordinator = member_of(swv, Role.SWV_COORDINATOR)

    counts = selectors.project_case_counts(coordinator)

    assert [(count.swv, count.active, count.quota, count.over_quota) for count in counts] == [
        (swv, 6, 5, True)
    ]


def test_an_officer_sees_the_whole_swv_count_for_each_swv_of_their_cases(
    quota_swv: tuple[Organisation, Organisation, Organisation],
) -> None:
    swv, first, _second = quota_swv
    other_swv = OrganisationFactory(swv=True, name="SWV B")
    CaseFactory(gemeente=first, swv=other_swv)
    officer = member_of(first, Role.LPA)

    counts = selectors.project_case_counts(officer)

    # the quota is the SWV's, so the count spans its other municipalities too (a number, no case data)
    assert [(count.swv, count.active, count.over_quota) for count in counts] == [
        (swv, 6, True),
        (other_swv, 1, False),
    ]


def test_project_case_counts_are_empty_for_roles_without_cases(
    quota_swv: tuple[Organisation, Organisation, Organisation],
) -> None:
    assert selectors.project_case_counts(user_with_role(Role.MINISTRY)) == []


def test_active_project_cases_in_swv_counts_every_gemeente_and_can_leave_one_out(
    quota_swv: tuple[Organisation, Organisation, Organisation],
) -> None:
    swv = quota_swv[0]
    one = Case.objects.filter(swv=swv, status=Status.IN_BEELD).first()

    assert selectors.active_project_cases_in_swv(swv.pk) == 6
    assert selectors.active_project_cases_in_swv(swv.pk, excluding=one.pk if one else None) == 5
    assert selectors.active_project_cases_in_swv(OrganisationFactory(swv=True).pk) == 0


def test_an_anonymous_user_and_a_user_without_memberships_see_no_cases() -> None:
    CaseFactory()

    assert not selectors.cases_visible_to(AnonymousUser()).exists()
    assert not selectors.cases_visible_to(UserFactory()).exists()
