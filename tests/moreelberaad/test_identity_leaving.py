"""Issue 10, defects 7 and 8: a pack, an invitation, a calendar and the outcome e-mail leave WIO, so
they carry nothing that identifies the youth once consent is gone (or was never there)."""

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from django.core.files.storage import FileSystemStorage
from django.test import Client
from django.urls import reverse

import pytest
from icalendar import Calendar

from cases.constants import InvolvedRole
from cases.models import Case
from cases.services import consent_withdraw
from moreelberaad.constants import BeraadStatus, ParticipantCategory
from moreelberaad.ical import REQUEST, invitation_ics
from moreelberaad.models import Beraad
from moreelberaad.pack_files import meta_name, pdf_name
from moreelberaad.services.invitation_mail import invitation_message
from moreelberaad.services.outcome_mail import outcome_blockers
from moreelberaad.tasks_pack import generate_pack_pdf
from tests.cases.factories import CaseFactory, ConsentFactory, InvolvedFactory
from tests.factories import MembershipFactory, user_with_role
from tests.moreelberaad.factories import BeraadFactory, ParticipantFactory
from tests.moreelberaad.rendered_form import rendered_form
from tests.pdftools import pdf_text, pdf_title
from wio.accounts.constants import Role
from wio.accounts.models import User
from wio.audit import services as audit
from wio.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

# Single words, so a PDF line break cannot split them.
YOUTH = "Zwaluwsentinel"
PARENT = "Reigersentinel"
HOME = f"Bij familie {YOUTH} thuis"


@pytest.fixture
def storage(tmp_path: Path, settings: Any) -> FileSystemStorage:
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT)


@pytest.fixture
def case() -> Case:
    return CaseFactory(first_name="Lieke", last_name=YOUTH, date_of_birth=date(2012, 2, 29))


def _beraad_about_the_youth(case: Case) -> Beraad:
    """A beraad whose free text names the youth: as typed before the identity check existed."""
    about = f"Mag {YOUTH} (geboren 29-02-2012, {case.reference}) thuis blijven?"
    return BeraadFactory(
        case=case,
        ethical_question=about,
        concrete_example=about,
        central_question=about,
        location=HOME,
    )


def test_a_regenerated_pack_after_withdrawal_names_nobody_and_the_old_pdf_is_deleted(
    case: Case, storage: FileSystemStorage, tmp_path: Path, django_capture_on_commit_callbacks: Any
) -> None:
    # given a pack generated while the parent's consent named the whole table
    parent = InvolvedFactory(case=case, name=f"Marieke {PARENT}", role=InvolvedRole.OUDER)
    carer = InvolvedFactory(case=case, name="Zorgpartner Jansen", role=InvolvedRole.ZORGPARTNER)
    beraad = _beraad_about_the_youth(case)
    ParticipantFactory(beraad=beraad, parent=True, involved=parent, name=parent.name)
    ParticipantFactory(beraad=beraad, involved=carer, name=carer.name)
    coordinator = MembershipFactory(organisation=case.swv, role=Role.SWV_COORDINATOR).user
    consent = ConsentFactory(case=case, person=parent)
    consent.shared_with.set([parent, carer])
    generate_pack_pdf(beraad.pk, coordinator.pk)
    assert storage.exists(pdf_name(beraad.pk))
    # when the consent is withdrawn (and the withdrawal commits)
    with django_capture_on_commit_callbacks(execute=True):
        consent_withdraw(consent=consent, actor=audit.actor_from(user=coordinator))
    # then the old PDF and its sidecar are gone from the disk, and that is audited
    assert not storage.exists(pdf_name(beraad.pk))
    assert not storage.exists(meta_name(beraad.pk))
    assert AuditEvent.objects.filter(event_type="beraad.pack_pdf.discard", youth_ref=case.reference).exists()
    # and the next pack holds no name, date of birth, reference or home of the family
    generate_pack_pdf(beraad.pk, coordinator.pk)
    with storage.open(pdf_name(beraad.pk), "rb") as handle:
        pdf = handle.read()
    text = pdf_text(pdf, tmp_path)
    for secret in (YOUTH, PARENT, "29-02-2012", case.reference, "Bij familie"):
        assert secret not in text
    assert case.reference not in pdf_title(pdf, tmp_path)
    assert "Zorgpartner Jansen" in text  # the professional is still listed


def test_a_home_as_the_place_is_refused_by_the_beraad_form(
    case: Case, signed_in: Callable[[User], Client]
) -> None:
    coordinator = MembershipFactory(organisation=case.swv, role=Role.SWV_COORDINATOR).user
    beraad = BeraadFactory(case=case)
    client = signed_in(coordinator)
    url = reverse("moreelberaad:edit", args=[beraad.pk])
    form = rendered_form(client.get(url).content, having="location")
    response = client.post(url, form.payload(location=HOME))
    assert response.status_code == 422
    error = response.context["form"].errors["location"][0]
    assert "een woning" in error
    assert "de naam van de jeugdige" in error
    assert YOUTH not in error
    beraad.refresh_from_db()
    assert beraad.location == "Gemeentehuis, vergaderzaal 2"


def test_an_invitation_and_its_ics_leave_out_a_stored_home(case: Case) -> None:
    # given a beraad whose place was typed before the check (a home, naming the family)
    beraad = _beraad_about_the_youth(case)
    beraad.online_link = "https://vergader.example/kamer"
    beraad.save()
    guest = ParticipantFactory(beraad=beraad, parent=True)
    # when the invitation is made
    message = invitation_message(beraad=beraad, participant=guest, sequence=0, method=REQUEST)
    ics = invitation_ics(beraad=beraad, participant=guest, sequence=0, method=REQUEST).decode()
    # then neither holds the place, the youth or the case; the calendar points to the online link
    for document in (message.subject, message.body, ics):
        assert YOUTH not in document
        assert "familie" not in document
        assert case.reference not in document
    event = Calendar.from_ical(ics).walk("VEVENT")[0]
    assert str(event["LOCATION"]) == "https://vergader.example/kamer"
    assert str(event["SUMMARY"]) == "Moreel Beraad, sessie 1"


def test_the_outcome_email_is_not_sent_while_the_advice_identifies_the_youth(
    case: Case, signed_in: Callable[[User], Client]
) -> None:
    coordinator = MembershipFactory(organisation=case.swv, role=Role.SWV_COORDINATOR).user
    beraad = BeraadFactory(
        case=case,
        status=BeraadStatus.GEHOUDEN,
        advice=f"{YOUTH} (29 februari 2012, {case.reference}) gaat twee dagdelen naar school.",
        share_outcome_with_guests=True,
    )
    ParticipantFactory(beraad=beraad, category=ParticipantCategory.OUDER)
    ParticipantFactory(beraad=beraad, leader=True, user=user_with_role(Role.PROJECT_STAFF))
    # then the send is blocked with a reason that names the kinds of data, not the data
    blockers = " ".join(outcome_blockers(beraad))
    assert "de naam van de jeugdige" in blockers
    assert "een casusnummer" in blockers
    assert YOUTH not in blockers
    # and the outcome form refuses the same advice while the parents agreed to send it
    client = signed_in(coordinator)
    url = reverse("moreelberaad:outcome", args=[beraad.pk])
    form = rendered_form(client.get(url).content, having="advice")
    response = client.post(url, form.payload(advice=beraad.advice))
    assert response.status_code == 422
    assert "een geboortedatum" in response.context["form"].errors["advice"][0]
