"""Issue 9.5: a case's SWV serves its gemeente (the gemeente's region, or a pair on the functional
administrator's exception list), and moving a case to another SWV is confirmed first."""

from collections.abc import Callable
from typing import Any

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

import pytest

from cases import imports, services
from cases.constants import Category
from cases.forms.case import CaseForm
from cases.models import Case
from cases.partnerships import swv_serves, swvs_serving
from cases.permissions import gemeente_ids
from tests.cases.core_support import actor_for, case_data, member_of
from tests.cases.factories import CaseFactory
from tests.conftest import sign_in
from tests.factories import OrganisationFactory, user_with_role
from wio.accounts.constants import Role
from wio.accounts.models import Organisation, PartnershipException, User
from wio.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def gemeente() -> Organisation:
    return OrganisationFactory()


@pytest.fixture
def home_swv(gemeente: Organisation) -> Organisation:
    return OrganisationFactory(swv=True, region=gemeente.region)


@pytest.fixture
def neighbour_swv(gemeente: Organisation) -> Organisation:
    """The other sector's SWV of the same region."""
    return OrganisationFactory(swv=True, sector="VO", region=gemeente.region)


@pytest.fixture
def far_swv() -> Organisation:
    return OrganisationFactory(swv=True)


@pytest.fixture
def lpa(gemeente: Organisation) -> User:
    return member_of(gemeente, Role.LPA)


@pytest.fixture
def case(gemeente: Organisation, home_swv: Organisation) -> Case:
    return CaseFactory(gemeente=gemeente, swv=home_swv)


def _edit(case: Case, swv: Organisation, **extra: Any) -> dict[str, Any]:
    data = {
        "first_name": case.first_name,
        "last_name": case.last_name,
        "date_of_birth": case.date_of_birth.isoformat(),
        "gemeente": case.gemeente_id,
        "swv": swv.pk,
        "category": case.category,
        "registered_on": case.registered_on.isoformat(),
        "escalation_basis": case.escalation_basis,
        "escalation_start_on": case.escalation_start_on.isoformat(),
        "version": str(case.version),
    }
    return {**data, **extra}


def _edit_url(case: Case) -> str:
    return reverse("cases:edit", args=[case.pk])


# --- which SWVs serve a gemeente ---------------------------------------------------------------------


def test_the_swvs_of_the_gemeente_region_and_the_exceptions_serve_it(
    gemeente: Organisation, home_swv: Organisation, neighbour_swv: Organisation, far_swv: Organisation
) -> None:
    assert set(swvs_serving([gemeente.pk])) == {home_swv, neighbour_swv}
    assert not swv_serves(swv_id=far_swv.pk, gemeente_id=gemeente.pk)

    PartnershipException.objects.create(gemeente=gemeente, swv=far_swv)

    assert set(swvs_serving([gemeente.pk])) == {home_swv, neighbour_swv, far_swv}
    assert swv_serves(swv_id=far_swv.pk, gemeente_id=gemeente.pk)


def test_a_gemeente_without_a_region_is_served_by_its_exceptions_only(far_swv: Organisation) -> None:
    loose = OrganisationFactory(region=None)
    OrganisationFactory(swv=True, region=None)

    assert list(swvs_serving([loose.pk])) == []
    PartnershipException.objects.create(gemeente=loose, swv=far_swv)
    assert list(swvs_serving([loose.pk])) == [far_swv]


def test_an_exception_pairs_a_gemeente_with_an_swv() -> None:
    gemeente, swv = OrganisationFactory(), OrganisationFactory(swv=True)

    with pytest.raises(ValidationError) as refused:
        PartnershipException(gemeente=swv, swv=gemeente).full_clean()

    assert set(refused.value.message_dict) == {"gemeente", "swv"}


# --- the form ------------------------------------------------------------------------------------------


def test_the_form_offers_only_the_swvs_that_serve_the_users_gemeenten(
    lpa: User, home_swv: Organisation, neighbour_swv: Organisation, far_swv: Organisation
) -> None:
    form = CaseForm(gemeente_ids=gemeente_ids(lpa))

    assert set(form.fields["swv"].queryset) == {home_swv, neighbour_swv}


def test_an_lpa_cannot_register_a_case_with_an_swv_of_another_region(
    lpa: User, gemeente: Organisation, far_swv: Organisation, signed_in: Callable[[User], Client]
) -> None:
    payload = {
        "first_name": "Mila",
        "last_name": "de Boer",
        "date_of_birth": "2013-04-02",
        "gemeente": gemeente.pk,
        "swv": far_swv.pk,
        "category": Category.VRIJSTELLING_5A,
        "registered_on": timezone.localdate().isoformat(),
        "escalation_basis": "registratie",
    }

    response = signed_in(lpa).post(reverse("cases:create"), payload)

    assert response.status_code == 422
    assert "swv" in response.context["form"].errors
    assert not Case.objects.exists()


def test_an_lpa_cannot_set_the_swv_to_one_of_another_region(
    lpa: User, case: Case, home_swv: Organisation, far_swv: Organisation, signed_in: Callable[[User], Client]
) -> None:
    # when the LPA moves the case to an SWV of another region, even with the change confirmed
    response = signed_in(lpa).post(_edit_url(case), _edit(case, far_swv, confirm_swv_change="on"))
    # then the form refuses it and nothing changes
    assert response.status_code == 422
    assert "swv" in response.context["form"].errors
    case.refresh_from_db()
    assert case.swv == home_swv


def test_the_exception_list_allows_an_swv_of_another_region(
    lpa: User, case: Case, gemeente: Organisation, far_swv: Organisation, signed_in: Callable[[User], Client]
) -> None:
    PartnershipException.objects.create(gemeente=gemeente, swv=far_swv)

    response = signed_in(lpa).post(_edit_url(case), _edit(case, far_swv, confirm_swv_change="on"))

    assert response.status_code == 302
    case.refresh_from_db()
    assert case.swv == far_swv


def test_changing_the_swv_asks_for_confirmation_first(
    lpa: User,
    case: Case,
    home_swv: Organisation,
    neighbour_swv: Organisation,
    signed_in: Callable[[User], Client],
) -> None:
    client = signed_in(lpa)
    # the edit form asks nothing while the SWV stays
    assert "confirm_swv_change" not in client.get(_edit_url(case)).content.decode()
    # when the SWV is changed without the confirmation
    refused = client.post(_edit_url(case), _edit(case, neighbour_swv))
    # then the form comes back with the warning and a box to tick, and nothing is saved
    page = refused.content.decode()
    assert refused.status_code == 422
    assert "confirm_swv_change" in refused.context["form"].errors
    assert (
        f"Met deze wijziging krijgt de coördinator van {neighbour_swv.name} toegang tot het hele dossier "
        f"en verliest {home_swv.name} die"
    ) in page
    assert 'type="checkbox" name="confirm_swv_change"' in page
    case.refresh_from_db()
    assert case.swv == home_swv
    # when it is ticked, the change is saved
    confirmed = client.post(_edit_url(case), _edit(case, neighbour_swv, confirm_swv_change="on"))
    assert confirmed.status_code == 302
    case.refresh_from_db()
    assert case.swv == neighbour_swv


def test_an_edit_that_keeps_the_swv_needs_no_confirmation(
    lpa: User, case: Case, home_swv: Organisation, signed_in: Callable[[User], Client]
) -> None:
    response = signed_in(lpa).post(_edit_url(case), _edit(case, home_swv, first_name="Anders"))

    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.first_name, case.swv) == ("Anders", home_swv)


def test_a_case_whose_swv_already_lies_elsewhere_can_still_be_edited(
    lpa: User, gemeente: Organisation, far_swv: Organisation, signed_in: Callable[[User], Client]
) -> None:
    # given a case registered before the rule, with an SWV that does not serve its gemeente
    case = CaseFactory(gemeente=gemeente, swv=far_swv)
    # when the LPA corrects the name and keeps the SWV
    response = signed_in(lpa).post(_edit_url(case), _edit(case, far_swv, first_name="Anders"))
    # then it is saved
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.first_name, case.swv) == ("Anders", far_swv)


# --- the service ---------------------------------------------------------------------------------------


def test_the_service_refuses_an_swv_that_does_not_serve_the_gemeente(
    lpa: User, case: Case, gemeente: Organisation, home_swv: Organisation, far_swv: Organisation
) -> None:
    with pytest.raises(ValidationError) as refused:
        services.case_update(
            case=case, actor=actor_for(lpa), data={"swv": far_swv}, expected_version=case.version
        )
    assert "swv" in refused.value.message_dict
    assert "samenwerkingsverband" in " ".join(refused.value.messages).lower()
    case.refresh_from_db()
    assert case.swv == home_swv

    with pytest.raises(ValidationError):
        services.case_create(actor=actor_for(lpa), data=case_data(gemeente=gemeente, swv=far_swv))
    assert Case.objects.count() == 1


def test_the_service_accepts_an_swv_of_the_region(
    lpa: User, gemeente: Organisation, home_swv: Organisation
) -> None:
    case = services.case_create(actor=actor_for(lpa), data=case_data(gemeente=gemeente, swv=home_swv))

    assert case.swv == home_swv


# --- the CSV import ------------------------------------------------------------------------------------


def _csv(code: str) -> str:
    return (
        "voornaam;achternaam;geboortedatum;swv_code;categorie;projectcasus;registratiedatum\r\n"
        f"Sam;Jansen;2013-03-04;{code};absoluut_verzuim;ja;\r\n"
    )


def test_an_import_row_with_an_swv_of_another_region_is_invalid(
    gemeente: Organisation, home_swv: Organisation, far_swv: Organisation
) -> None:
    today = timezone.localdate()

    far = imports.preview_import(content=_csv(far_swv.code), gemeente_id=gemeente.pk, today=today)
    home = imports.preview_import(content=_csv(home_swv.code), gemeente_id=gemeente.pk, today=today)

    assert not far.can_commit
    assert far_swv.code in far.invalid[0].reasons[0]
    assert home.can_commit
    assert len(home.new) == 1

    PartnershipException.objects.create(gemeente=gemeente, swv=far_swv)
    allowed = imports.preview_import(content=_csv(far_swv.code), gemeente_id=gemeente.pk, today=today)
    assert allowed.can_commit


# --- the admin -----------------------------------------------------------------------------------------


def test_the_functional_admin_keeps_the_exception_list_and_it_is_audited(
    gemeente: Organisation, far_swv: Organisation
) -> None:
    assert admin.site.is_registered(PartnershipException)
    client = sign_in(Client(), user_with_role(Role.FUNCTIONAL_ADMIN))

    response = client.post(
        reverse("admin:accounts_partnershipexception_add"),
        {"gemeente": gemeente.pk, "swv": far_swv.pk, "reason": "Passend onderwijs in de buurregio"},
    )

    assert response.status_code == 302
    exception = PartnershipException.objects.get()
    assert (exception.gemeente, exception.swv) == (gemeente, far_swv)
    assert AuditEvent.objects.filter(
        event_type="account.partnershipexception_changed", object_id=str(exception.pk)
    ).exists()


def test_a_coordinator_who_moves_a_case_away_lands_on_the_case_list_not_a_404(
    case: Case,
    home_swv: Organisation,
    neighbour_swv: Organisation,
    signed_in: Callable[[User], Client],
) -> None:
    coordinator = member_of(home_swv, Role.SWV_COORDINATOR)
    client = signed_in(coordinator)

    moved = client.post(_edit_url(case), _edit(case, neighbour_swv, confirm_swv_change="on"))

    assert moved.status_code == 302
    assert moved["Location"] == reverse("cases:list")
    assert client.get(moved["Location"]).status_code == 200
