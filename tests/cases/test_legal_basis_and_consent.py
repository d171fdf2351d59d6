"""Issue 11.1: the legal basis of a case, who may consent, the youth's own withdrawal, and a warning
when a field that invites health information reads like a diagnosis. Driven through the rendered forms."""

from datetime import date

from django.test import Client
from django.urls import reverse

import pytest

from cases.constants import ConsentGiver, ConsentScope, InvolvedRole, LegalBasis
from cases.health_terms import health_terms_in
from cases.models import Case, Consent, Development
from cases.selectors import active_consents, case_summary, people_case_may_be_shared_with
from cases.selectors_dossier import case_dossier
from tests.cases.core_support import member_of
from tests.cases.factories import CaseFactory, ConsentFactory, InvolvedFactory
from tests.conftest import sign_in
from tests.factories import OrganisationFactory
from tests.forms.browser_forms import post_forms
from tests.moreelberaad.rendered_form import rendered_form
from wio.accounts.constants import Role
from wio.accounts.models import User

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def case() -> Case:
    gemeente = OrganisationFactory()
    # 16 on 1 March 2026
    return CaseFactory(
        gemeente=gemeente,
        swv=OrganisationFactory(swv=True, region=gemeente.region),
        date_of_birth=date(2010, 3, 1),
    )


@pytest.fixture
def lpa(case: Case) -> User:
    return member_of(case.gemeente, Role.LPA)


def _client(user: User) -> Client:
    return sign_in(Client(), user)


def test_the_case_form_records_the_legal_basis_and_the_page_names_both_bases(case: Case, lpa: User) -> None:
    client = _client(lpa)
    url = reverse("cases:edit", args=[case.pk])
    form = rendered_form(client.get(url).content, having="legal_basis")
    assert form.fields["legal_basis"] == LegalBasis.LEERPLICHT  # the default, preselected
    response = client.post(url, form.payload(legal_basis=LegalBasis.KWALIFICATIEPLICHT))
    assert response.status_code == 302
    assert Case.objects.get(pk=case.pk).legal_basis == LegalBasis.KWALIFICATIEPLICHT
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Grondslag" in page
    assert "18a WPO" in page
    assert "17a WVO" in page


def _consent_form(client: Client, case: Case) -> tuple[str, dict[str, str]]:
    url = reverse("cases:entry_add", args=[case.pk, "toestemming"])
    return url, rendered_form(client.get(url).content, having="given_by").payload()


def test_consent_as_gezag_needs_a_person_with_parental_authority(case: Case, lpa: User) -> None:
    without = InvolvedFactory(case=case, role=InvolvedRole.PLEEGOUDER, has_parental_authority=False)
    with_gezag = InvolvedFactory(case=case, role=InvolvedRole.OUDER, has_parental_authority=True)
    client = _client(lpa)
    url, payload = _consent_form(client, case)
    base = {**payload, "scope": ConsentScope.SHARE_WITH_BERAAD, "given_on": "2026-05-01"}
    refused = client.post(url, {**base, "person": str(without.pk), "given_by": ConsentGiver.GEZAG})
    assert refused.status_code == 422
    assert "gezag" in refused.content.decode()
    assert not Consent.objects.exists()
    url, payload = _consent_form(client, case)
    base = {**payload, "scope": ConsentScope.SHARE_WITH_BERAAD, "given_on": "2026-05-01"}
    assert (
        client.post(url, {**base, "person": str(with_gezag.pk), "given_by": ConsentGiver.GEZAG}).status_code
        == 302
    )
    assert Consent.objects.get().person == with_gezag


def test_the_youth_consents_for_themselves_only_from_16(case: Case, lpa: User) -> None:
    youth = InvolvedFactory(case=case, role=InvolvedRole.JEUGDIGE, name=case.full_name)
    client = _client(lpa)
    url, payload = _consent_form(client, case)
    base = {**payload, "scope": ConsentScope.SHARE_WITH_BERAAD, "person": str(youth.pk)}
    too_young = client.post(url, {**base, "given_by": ConsentGiver.JEUGDIGE, "given_on": "2026-02-28"})
    assert too_young.status_code == 422
    assert "jonger dan 16" in too_young.content.decode()
    url, payload = _consent_form(client, case)
    base = {**payload, "scope": ConsentScope.SHARE_WITH_BERAAD, "person": str(youth.pk)}
    assert (
        client.post(url, {**base, "given_by": ConsentGiver.JEUGDIGE, "given_on": "2026-03-01"}).status_code
        == 302
    )
    parent = InvolvedFactory(case=case, role=InvolvedRole.OUDER)
    url, payload = _consent_form(client, case)
    base = {
        **payload,
        "scope": ConsentScope.SHARE_WITH_BERAAD,
        "person": str(parent.pk),
        "given_on": "2026-03-01",
    }
    as_youth = client.post(url, {**base, "given_by": ConsentGiver.JEUGDIGE})
    assert as_youth.status_code == 422  # a parent cannot consent "as the youth"
    assert Consent.objects.count() == 1


def test_the_youths_own_withdrawal_stops_sharing_although_a_parent_consented(case: Case, lpa: User) -> None:
    parent = InvolvedFactory(case=case, role=InvolvedRole.OUDER)
    youth = InvolvedFactory(case=case, role=InvolvedRole.JEUGDIGE)
    named = InvolvedFactory(case=case, role=InvolvedRole.SCHOOL)
    ConsentFactory(case=case, person=parent, given_by=ConsentGiver.GEZAG).shared_with.set([named])
    own = ConsentFactory(case=case, person=youth, given_by=ConsentGiver.JEUGDIGE, given_on=date(2026, 4, 1))
    own.shared_with.set([named])
    assert set(people_case_may_be_shared_with(case)) == {named}
    # withdrawn through the page, with its confirmation
    client = _client(lpa)
    url = reverse("cases:consent_withdraw", args=[case.pk, own.pk])
    assert client.get(url).status_code == 200
    (form,) = [f for f in post_forms(client.get(url).content.decode(), url) if f.action.endswith(url)]
    assert client.post(url, dict(form.payload())).status_code == 302
    assert not active_consents(case, ConsentScope.SHARE_WITH_BERAAD).exists()
    assert list(people_case_may_be_shared_with(case)) == []
    assert case_summary(case_dossier(case.pk, lpa)).share_consents == 0
    # the youth gives it again: sharing resumes
    ConsentFactory(case=case, person=youth, given_by=ConsentGiver.JEUGDIGE, given_on=date(2026, 6, 1))
    assert active_consents(case, ConsentScope.SHARE_WITH_BERAAD).count() == 2


def test_the_betrokkene_form_records_parental_authority(case: Case, lpa: User) -> None:
    client = _client(lpa)
    url = reverse("cases:entry_add", args=[case.pk, "betrokkenen"])
    form = rendered_form(client.get(url).content, having="name")
    response = client.post(
        url, form.payload(name="Marieke Kuipers", role=InvolvedRole.OUDER, has_parental_authority="on")
    )
    assert response.status_code == 302
    assert case.involveds.get(name="Marieke Kuipers").has_parental_authority is True


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Heeft autisme en ADHD, gebruikt Ritalin", ["autisme", "adhd", "ritalin"]),
        ("Diagnose PDD-NOS gesteld", ["diagnose", "pdd-nos"]),
        ("Adres gewijzigd; odder dan gedacht; additionele uren", []),
        ("Twee dagdelen per week op de zorgboerderij", []),
    ],
)
def test_health_terms_are_whole_words(text: str, found: list[str]) -> None:
    assert health_terms_in(text) == found


def test_a_diagnosis_in_an_in_page_section_is_saved_with_a_visible_warning(case: Case, lpa: User) -> None:
    client = _client(lpa)
    url = reverse("cases:entry_add", args=[case.pk, "ontwikkeling"])
    page = client.get(url, **HTMX).content.decode()
    assert "Noteer hier geen diagnose" in page  # the help text on the description
    form = rendered_form(page, having="description")
    response = client.post(
        url,
        form.payload(
            form="zorg_dagbehandeling", description="Dagbehandeling vanwege depressie", noted_on="2026-05-01"
        ),
        **HTMX,
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "lijkt op gezondheidsinformatie" in body
    assert "depressie" in body
    assert Development.objects.filter(case=case).exists()  # a warning, not a refusal


def test_a_diagnosis_in_the_doctors_question_warns_after_saving(case: Case, lpa: User) -> None:
    client = _client(lpa)
    url = reverse("cases:group_edit", args=[case.pk, "vrijstelling"])
    page = client.get(url).content.decode()
    assert "Noteer hier geen diagnose" in page
    form = rendered_form(page, having="doctor_question")
    response = client.post(
        url, form.payload(doctor_question="Is de angststoornis behandelbaar?"), follow=True
    )
    assert response.status_code == 200
    assert "lijkt op gezondheidsinformatie" in response.content.decode()
    case.exemption.refresh_from_db()
    assert "angststoornis" in case.exemption.doctor_question
    # a clean text gives no warning
    form = rendered_form(client.get(url).content, having="doctor_question")
    clean = client.post(url, form.payload(doctor_question="Hoe kan het kind tot leren komen?"), follow=True)
    assert "lijkt op gezondheidsinformatie" not in clean.content.decode()
