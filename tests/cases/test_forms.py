"""The case forms: required category, plausible dates, choices limited to the user's and case's own."""

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine

from cases.constants import Category, InvolvedRole, PreparationKind, PreparationStatus
from cases.forms.case import CaseForm, ExemptionForm, OfferForm, RegieForm
from cases.forms.entries import (
    ActionItemForm,
    ArrangementForm,
    ConsentForm,
    ConversationForm,
    DevelopmentForm,
    EntryForm,
    GoalForm,
    InvolvedForm,
    MovementForm,
    NarrativeForm,
    OutcomeForm,
    PlanForm,
    PreparationItemForm,
    ReferralForm,
    TimelineEntryForm,
)
from cases.models import Plan
from cases.permissions import gemeente_ids
from tests.cases.core_support import member_of
from tests.cases.factories import CaseFactory, InvolvedFactory
from tests.factories import MembershipFactory, OrganisationFactory, user_with_role
from wio.accounts.constants import Role
from wio.accounts.models import Organisation, PartnershipException, User

pytestmark = pytest.mark.django_db

TODAY = datetime(2024, 6, 10, 9, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))


def _case_post(gemeente: Organisation, swv: Organisation, **overrides: Any) -> dict[str, Any]:
    data = {
        "first_name": "Fenna",
        "last_name": "Jansen",
        "date_of_birth": "2012-05-01",
        "gemeente": gemeente.pk,
        "swv": swv.pk,
        "category": Category.VRIJSTELLING_5A,
        "is_project_case": "on",
        "registered_on": "2024-06-03",
        "escalation_basis": "registratie",
        "escalation_start_on": "",
        "version": "",
    }
    return {**data, **overrides}


def _officer_with_home() -> tuple[User, Organisation]:
    home = OrganisationFactory()
    return member_of(home, Role.LPA), home


# --- CaseForm ---------------------------------------------------------------------------------------


@time_machine.travel(TODAY, tick=False)
def test_a_complete_case_form_is_valid_and_starts_the_clock_at_registration() -> None:
    officer, home = _officer_with_home()

    form = CaseForm(
        data=_case_post(home, OrganisationFactory(swv=True, region=home.region)),
        gemeente_ids=gemeente_ids(officer),
    )

    assert form.is_valid(), form.errors
    assert form.case_data()["escalation_start_on"] == date(2024, 6, 3)
    assert form.expected_version() == 1


@pytest.mark.parametrize("category", ["", "something_else"])
def test_a_case_without_a_valid_category_is_refused(category: str) -> None:
    officer, home = _officer_with_home()

    form = CaseForm(
        data=_case_post(home, OrganisationFactory(swv=True, region=home.region), category=category),
        gemeente_ids=gemeente_ids(officer),
    )

    assert not form.is_valid()
    assert list(form.errors) == ["category"]


@time_machine.travel(TODAY, tick=False)
@pytest.mark.parametrize("born", ["2024-06-11", "2030-01-01"])
def test_a_date_of_birth_in_the_future_is_refused(born: str) -> None:
    officer, home = _officer_with_home()

    form = CaseForm(
        data=_case_post(home, OrganisationFactory(swv=True, region=home.region), date_of_birth=born),
        gemeente_ids=gemeente_ids(officer),
    )

    assert not form.is_valid()
    assert list(form.errors) == ["date_of_birth"]


@time_machine.travel(TODAY, tick=False)
def test_a_youth_is_3_to_23_on_the_registration_date() -> None:
    officer, home = _officer_with_home()
    swv = OrganisationFactory(swv=True, region=home.region)

    def errors_for(born: str) -> list[str]:
        form = CaseForm(data=_case_post(home, swv, date_of_birth=born), gemeente_ids=gemeente_ids(officer))
        form.is_valid()
        return form.errors.get("date_of_birth", [])

    # registered on 2024-06-03
    assert errors_for("2021-06-03") == []  # three that day
    assert errors_for("2000-06-04") == []  # still 23
    assert "zou deze jeugdige 2 jaar zijn" in errors_for("2021-06-04")[0]
    assert "zou deze jeugdige 24 jaar zijn" in errors_for("2000-06-03")[0]
    assert errors_for("2024-06-10")  # born after the registration
    assert errors_for("1990-01-01")


def test_the_gemeente_choices_are_the_users_own_gemeenten() -> None:
    # Given an officer of two gemeenten, who is also privacy officer of a third
    officer, home = _officer_with_home()
    second = OrganisationFactory()
    MembershipFactory(user=officer, organisation=second, role=Role.ONDERSTEUNER)
    MembershipFactory(user=officer, organisation=OrganisationFactory(), role=Role.PRIVACY_OFFICER)

    # When the registration form is built
    form = CaseForm(gemeente_ids=gemeente_ids(officer))

    # Then only the two gemeenten where they work on cases can be chosen, and none is preselected
    assert set(form.fields["gemeente"].queryset) == {home, second}
    assert form.fields["gemeente"].initial is None


def test_a_single_gemeente_is_preselected() -> None:
    officer, home = _officer_with_home()

    form = CaseForm(gemeente_ids=gemeente_ids(officer))

    assert form.fields["gemeente"].initial == home


def test_a_case_cannot_be_registered_in_a_foreign_gemeente() -> None:
    officer, home = _officer_with_home()
    foreign = OrganisationFactory()

    form = CaseForm(
        data=_case_post(foreign, OrganisationFactory(swv=True, region=home.region)),
        gemeente_ids=gemeente_ids(officer),
    )

    assert list(form.errors) == ["gemeente"]


def test_an_swv_in_another_region_only_from_the_exception_list_and_never_a_gemeente_as_swv() -> None:
    # A2 (DOMAIN.md §7): a gemeente may belong to an SWV of another region, when the functional
    # administrator has put that pair on the list (issue 9).
    officer, home = _officer_with_home()
    far_swv = OrganisationFactory(swv=True)

    def errors_with(swv: Organisation) -> list[str]:
        form = CaseForm(data=_case_post(home, swv), gemeente_ids=gemeente_ids(officer))
        form.is_valid()
        return list(form.errors)

    assert home.region != far_swv.region
    assert errors_with(far_swv) == ["swv"]
    assert errors_with(home) == ["swv"]
    PartnershipException.objects.create(gemeente=home, swv=far_swv)
    assert errors_with(far_swv) == []


def test_a_coordinator_editing_a_case_cannot_move_it_to_another_gemeente() -> None:
    # Given a coordinator who corrects a case of a gemeente where they have no role
    case = CaseFactory()
    coordinator = member_of(case.swv, Role.SWV_COORDINATOR)
    other = OrganisationFactory()
    post = _case_post(other, case.swv, version=str(case.version))

    # When they submit the form with another gemeente
    form = CaseForm(data=post, instance=case, gemeente_ids=gemeente_ids(coordinator))

    # Then the gemeente field is fixed to the case's own
    assert form.fields["gemeente"].disabled
    assert list(form.fields["gemeente"].queryset) == [case.gemeente]
    assert form.is_valid(), form.errors
    assert form.case_data()["gemeente"] == case.gemeente


# --- OfferForm (A19) --------------------------------------------------------------------------------

COMPLETE_OFFER = {
    "offer_description": "Zorgboerderij en twee dagen school",
    "offer_durable": "on",
    "offer_agreed_by_parents": "on",
    "offer_agreed_by_youth": "on",
    "offer_agreed_by_professionals": "on",
    "offer_agreed_on": "2024-06-01",
}


@pytest.mark.parametrize(
    "missing",
    [
        "offer_agreed_by_youth",
        "offer_agreed_by_parents",
        "offer_agreed_by_professionals",
        "offer_durable",
        "offer_description",
    ],
)
def test_the_offer_form_refuses_an_agreed_date_while_an_agreement_is_missing(missing: str) -> None:
    data = {name: value for name, value in COMPLETE_OFFER.items() if name != missing}

    form = OfferForm(data=data, instance=CaseFactory())

    assert not form.is_valid()
    assert list(form.errors) == ["offer_agreed_on"]


def test_the_offer_form_accepts_a_complete_offer_and_an_incomplete_one_without_a_date() -> None:
    complete = OfferForm(data=COMPLETE_OFFER, instance=CaseFactory())
    undated = OfferForm(
        data={**COMPLETE_OFFER, "offer_agreed_by_youth": "", "offer_agreed_on": ""}, instance=CaseFactory()
    )

    assert complete.is_valid(), complete.errors
    assert undated.is_valid(), undated.errors
    assert undated.case_data()["offer_agreed_on"] is None


# --- other case field groups ------------------------------------------------------------------------


def test_a_process_director_needs_a_reason() -> None:
    form = RegieForm(data={"procesregisseur_needed": "on", "procesregie_reason": ""}, instance=CaseFactory())

    assert list(form.errors) == ["procesregie_reason"]


def test_an_exemption_cannot_end_before_it_was_granted() -> None:
    case = CaseFactory()
    data = {
        "applicant": "ouders",
        "granted_on": "2024-03-01",
        "valid_until": "2024-02-01",
        "education_involved": "",
    }

    form = ExemptionForm(data=data, instance=case.exemption)

    assert list(form.errors) == ["valid_until"]


# --- entry forms: choices limited to the case -------------------------------------------------------


def test_consent_can_only_be_given_by_a_parent_guardian_or_youth_of_this_case() -> None:
    case = CaseFactory()
    mother = InvolvedFactory(case=case, role=InvolvedRole.OUDER)
    youth = InvolvedFactory(case=case, role=InvolvedRole.JEUGDIGE)
    teacher = InvolvedFactory(case=case, role=InvolvedRole.SCHOOL)
    InvolvedFactory(role=InvolvedRole.OUDER)  # a parent in another case

    form = ConsentForm(case=case)

    assert set(form.fields["person"].queryset) == {mother, youth}
    assert set(form.fields["shared_with"].queryset) == {mother, youth, teacher}


def test_a_timeline_entry_cannot_name_a_person_of_another_case() -> None:
    case = CaseFactory()
    stranger = InvolvedFactory()
    data = {
        "occurred_on": "2024-05-01",
        "entry_type": "contact",
        "description": "Gebeld",
        "involved": [stranger.pk],
    }

    form = TimelineEntryForm(data=data, case=case)

    assert list(form.errors) == ["involved"]


def test_an_action_holder_is_a_colleague_on_the_case_or_a_named_person() -> None:
    # Given the case's officer and coordinator, and an officer elsewhere
    case = CaseFactory()
    officer = member_of(case.gemeente, Role.LPA)
    coordinator = member_of(case.swv, Role.SWV_COORDINATOR)
    stranger = user_with_role(Role.LPA)

    # When an action is given to nobody, or to the stranger
    form = ActionItemForm(case=case)
    nobody = ActionItemForm(data={"description": "Bellen", "due_on": "2024-07-01"}, case=case)
    to_stranger = ActionItemForm(
        data={"description": "Bellen", "due_on": "2024-07-01", "owner": stranger.pk}, case=case
    )

    # Then only colleagues on the case can be chosen and someone must hold the action
    assert set(form.fields["owner"].queryset) == {officer, coordinator}
    assert list(nobody.errors) == ["owner_name"]
    assert "owner" in to_stranger.errors


@pytest.mark.parametrize("role", [Role.PRIVACY_OFFICER, Role.FUNCTIONAL_ADMIN])
def test_a_non_case_role_in_the_gemeente_is_not_offered_as_action_holder(role: str) -> None:
    case = CaseFactory()
    officer = member_of(case.gemeente, Role.LPA)
    member_of(case.gemeente, role)

    form = ActionItemForm(case=case)

    assert list(form.fields["owner"].queryset) == [officer]


def test_a_goal_belongs_to_a_plan_of_this_case() -> None:
    case, other = CaseFactory(), CaseFactory()
    own_plan = Plan.objects.create(case_id=case.pk)
    Plan.objects.create(case_id=other.pk)

    form = GoalForm(case=case)

    assert list(form.fields["plan"].queryset) == [own_plan]


@pytest.mark.parametrize(
    ("rating", "valid"), [("0", False), ("1", True), ("5", True), ("6", False), ("", True)]
)
def test_an_outcome_rating_is_1_to_5_or_empty(rating: str, valid: bool) -> None:
    form = OutcomeForm(
        data={"perspective": "ouder", "rating": rating, "description": "Goed", "recorded_on": "2024-06-01"},
        case=CaseFactory(),
    )

    assert form.is_valid() == valid


@pytest.mark.parametrize(
    ("kind", "valid"),
    [(PreparationKind.DOSSIER, True), (PreparationKind.TIJDLIJN, False), (PreparationKind.INDICATIE, False)],
)
def test_only_the_case_file_may_be_marked_not_applicable(kind: str, valid: bool) -> None:
    item = CaseFactory().preparation_items.get(kind=kind)

    form = PreparationItemForm(
        data={"status": PreparationStatus.NVT, "note": "", "version": "1"}, instance=item
    )

    assert form.is_valid() == valid


def test_the_version_field_carries_the_version_the_user_started_from() -> None:
    item = CaseFactory().preparation_items.first()

    form = PreparationItemForm(
        data={"status": PreparationStatus.BESCHIKBAAR, "note": "", "version": "4"}, instance=item
    )

    assert form.is_valid(), form.errors
    assert form.expected_version() == 4


# (form, a minimal valid submission) for every entry form that needs nothing but the case.
ENTRY_SUBMISSIONS: list[tuple[type[EntryForm], dict[str, str]]] = [
    (InvolvedForm, {"name": "Tante Ria", "role": InvolvedRole.RELEVANTE_ANDER}),
    (TimelineEntryForm, {"occurred_on": "2024-05-01", "entry_type": "contact", "description": "Gebeld"}),
    (ConversationForm, {"kind": "oudergesprek", "held_on": "2024-05-01", "duration_minutes": "90"}),
    (DevelopmentForm, {"form": "zorgboerderij", "description": "Dieren", "noted_on": "2024-05-01"}),
    (MovementForm, {"occurred_on": "2024-05-01", "description": "Proefdag"}),
    (PlanForm, {"is_active": "on", "perspective": "onderwijs"}),
    (ArrangementForm, {"kind": "oza", "status": "aangevraagd"}),
    (ReferralForm, {"kind": "actietafel", "referred_on": "2024-05-01"}),
    (NarrativeForm, {"movement": "Er is beweging"}),
]


@pytest.mark.parametrize(
    ("form_class", "data"), ENTRY_SUBMISSIONS, ids=lambda value: getattr(value, "__name__", "")
)
def test_every_entry_form_builds_for_a_case_and_accepts_a_minimal_entry(
    form_class: type[EntryForm], data: dict[str, str]
) -> None:
    case = CaseFactory()

    form = form_class(data=data, case=case)

    assert form.is_valid(), form.errors
    assert set(form.entry_data()) | set(form.many_data()) == set(form._meta.fields or [])
