"""Issue 10 acceptance: nothing WIO produces for anyone but the case's own workers identifies a youth.

A case whose youth, parents and home carry unique sentinel words. Every free-text field a user can
reach is filled with them through the rendered forms (what the identity check refuses is simply not
planted — that is the point); the beraad's own text holds them as it was stored before the check.
Then every document that leaves the case file is generated and searched: the pack for a participant
the consent does not name, the national and the region report, every CSV and XLSX export, the
invitation e-mail and its .ics, the personal calendar feed and the outcome e-mail. Zero hits.
"""

import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from django.core import mail
from django.core.files.storage import FileSystemStorage
from django.test import Client
from django.urls import reverse
from django.utils import timezone

import pytest

from cases.constants import ConsentScope, InvolvedRole
from cases.models import Case
from cases.storage import private_storage
from monitor.constants import ReportScope
from monitor.models import Report
from monitor.publications.reporting_dates import latest_reporting_date
from monitor.services import reports as report_services
from monitor.tasks import generate_report
from moreelberaad.constants import BeraadStatus, LearningLevel
from moreelberaad.ical import REQUEST, invitation_ics
from moreelberaad.models import Beraad, CalendarFeed, Participant
from moreelberaad.pack_files import pdf_name
from moreelberaad.services.invitation_mail import invitation_message
from moreelberaad.services.outcome_mail import outcome_deliver
from moreelberaad.tasks_pack import generate_pack_pdf
from tests.cases.factories import CaseFactory, ConsentFactory, InvolvedFactory
from tests.conftest import sign_in
from tests.factories import MembershipFactory, user_with_role
from tests.moreelberaad.factories import BeraadFactory, ParticipantFactory
from tests.moreelberaad.rendered_form import rendered_form
from tests.pdftools import pdf_text
from wio.accounts.constants import Role
from wio.accounts.models import User
from wio.audit import services as audit

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

YOUTH_FIRST, YOUTH_LAST = "Sentijorien", "Sentivalkenaar"
MOTHER, FATHER = "Sentimarleen Sentivalkenaar", "Sentibarend Sentivalkenaar"
STREET = "Sentidreef"
BORN = date(2011, 3, 14)
BIRTH_SPELLINGS = ("14-03-2011", "14-3-2011", "14 maart 2011", "2011-03-14", "14/3/2011")
IDENTIFYING = (
    f"{YOUTH_FIRST} {YOUTH_LAST} (geboren {BIRTH_SPELLINGS[0]}) woont met {MOTHER} aan de {STREET} 7, "
    "9501 AB Stadskanaal, 06-12345678, sentinel@gezin.example"
)


@dataclass
class World:
    case: Case
    lpa: User
    coordinator: User
    staff: User
    reviewer: User
    beraad: Beraad
    guest: Participant

    @property
    def needles(self) -> tuple[str, ...]:
        return (
            YOUTH_FIRST,
            YOUTH_LAST,
            "Sentimarleen",
            "Sentibarend",
            STREET,
            self.case.reference,
            *BIRTH_SPELLINGS,
        )


@pytest.fixture
def storage(tmp_path: Path, settings: Any) -> FileSystemStorage:
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT)


def _post_form(client: Client, url: str, having: str, **filled: str) -> int:
    """Fill the rendered form as a browser would and send it; the status says whether it took."""
    form = rendered_form(client.get(url).content, having=having)
    return client.post(form.action or url, form.payload(**filled)).status_code


@pytest.fixture
def world(storage: FileSystemStorage) -> World:
    lpa = user_with_role(Role.LPA)
    case = CaseFactory(
        first_name=YOUTH_FIRST,
        last_name=YOUTH_LAST,
        date_of_birth=BORN,
        gemeente=lpa.memberships.get().organisation,
        youth_wishes=IDENTIFYING,
        youth_ideas=IDENTIFYING,
    )
    coordinator = MembershipFactory(organisation=case.swv, role=Role.SWV_COORDINATOR).user
    mother = InvolvedFactory(case=case, name=MOTHER, role=InvolvedRole.OUDER, has_parental_authority=True)
    InvolvedFactory(case=case, name=FATHER, role=InvolvedRole.OUDER, interests=IDENTIFYING)
    carer = InvolvedFactory(case=case, name="Zorgpartner Noord", role=InvolvedRole.ZORGPARTNER)
    ConsentFactory(case=case, person=mother, scope=ConsentScope.ANONYMISED_STORY)
    ConsentFactory(case=case, person=mother).shared_with.set([mother])  # the carer is not named
    # The beraad's own text as stored before the identity check existed: a home as the place too.
    beraad = BeraadFactory(
        case=case,
        location=f"Bij familie {YOUTH_LAST} thuis, {STREET} 7",
        ethical_question=IDENTIFYING,
        concrete_example=IDENTIFYING,
        central_question=IDENTIFYING[:290],
        status=BeraadStatus.GEHOUDEN,
        notes=IDENTIFYING,
    )
    ParticipantFactory(beraad=beraad, parent=True, involved=mother, name=MOTHER)
    guest = ParticipantFactory(beraad=beraad, involved=carer, name=carer.name)
    ParticipantFactory(beraad=beraad, notulist=True, user=coordinator, name="Coördinator")
    staff = user_with_role(Role.PROJECT_STAFF)
    ParticipantFactory(beraad=beraad, leader=True, user=staff, name="Gespreksleider")
    return World(case, lpa, coordinator, staff, user_with_role(Role.PROJECT_STAFF), beraad, guest)


def _plant_everywhere(world: World) -> dict[str, int]:
    """Every free-text field a user reaches outside the case file, through its form."""
    case, beraad = world.case, world.beraad
    lpa, coordinator, staff = (
        sign_in(Client(), user) for user in (world.lpa, world.coordinator, world.staff)
    )
    region = case.swv.region
    assert region is not None  # the factories give every SWV a region
    statuses = {
        "story": _post_form(
            lpa, reverse("monitor:story_create", args=[case.pk]), "text", title=YOUTH_FIRST, text=IDENTIFYING
        ),
        "lesson": _post_form(
            staff,
            reverse("monitor:lesson_create"),
            "text",
            region=str(region.pk),
            title="Les",
            text=IDENTIFYING,
        ),
        "theme": _post_form(
            staff, reverse("monitor:theme_create"), "description", name=YOUTH_LAST, description=IDENTIFYING
        ),
        "accountability": _post_form(
            staff,
            reverse("monitor:accountability_edit", args=[region.pk]),
            "needed",
            period_start="2024-01-01",
            period_end=timezone.localdate().isoformat(),
            needed=IDENTIFYING,
            possible_now=IDENTIFYING,
            needed_for_more=IDENTIFYING,
        ),
        "place": _post_form(
            coordinator, reverse("moreelberaad:edit", args=[beraad.pk]), "location", location=f"{STREET} 7"
        ),
        "rode_draad": _post_form(
            coordinator,
            reverse("moreelberaad:reflection_add", args=[beraad.pk]),
            "text",
            level=LearningLevel.RODE_DRAAD,
            theme=YOUTH_FIRST,
            text=IDENTIFYING,
        ),
        "outcome": _post_form(
            coordinator,
            reverse("moreelberaad:outcome", args=[beraad.pk]),
            "advice",
            advice=IDENTIFYING,
            share_outcome_with_guests="on",
        ),
    }
    # Inside the beraad, for its own table, identifying text is allowed: an individual reflection.
    statuses["own_reflection"] = _post_form(
        coordinator,
        reverse("moreelberaad:reflection_add", args=[beraad.pk]),
        "text",
        level=LearningLevel.INDIVIDUAL,
        theme="Eigen les",
        text=IDENTIFYING,
    )
    return statuses


def _reports(world: World, storage: FileSystemStorage, tmp_path: Path) -> dict[str, str]:
    texts = {}
    actor = audit.actor_from(user=world.staff)
    today = timezone.localdate()
    peildatum = latest_reporting_date()  # counts exist for reporting dates only (ADR 0017)
    assert peildatum is not None
    for scope, region in ((ReportScope.NATIONAL, None), (ReportScope.REGION, world.case.swv.region)):
        report = report_services.report_request(
            scope=scope,
            region=region,
            period_start=date(2021, 7, 1),
            period_end=today,
            peildatum=peildatum,
            actor=actor,
        )
        generate_report(report.pk)
        report = Report.objects.get(pk=report.pk)
        with private_storage().open(report.file_name, "rb") as handle:
            texts[f"report {scope}"] = pdf_text(handle.read(), tmp_path)
    return texts


def _xlsx_text(content: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return "\n".join(archive.read(name).decode("utf-8", "replace") for name in archive.namelist())


def _exports(world: World, signed_in: Callable[[User], Client]) -> dict[str, str]:
    client = signed_in(world.staff)
    csv = client.get(reverse("monitor:export_csv", args=["all"]))
    xlsx = client.get(reverse("monitor:export_xlsx", args=["all"]))
    assert csv.status_code == xlsx.status_code == 200
    return {"csv": csv.content.decode("utf-8-sig"), "xlsx": _xlsx_text(xlsx.content)}


def _calendars_and_mail(world: World) -> dict[str, str]:
    beraad, guest = world.beraad, world.guest
    beraad.refresh_from_db()
    message = invitation_message(beraad=beraad, participant=guest, sequence=0, method=REQUEST)
    documents = {
        "invitation": f"{message.subject}\n{message.body}",
        "invitation .ics": invitation_ics(
            beraad=beraad, participant=guest, sequence=0, method=REQUEST
        ).decode(),
    }
    for user in (world.coordinator, world.staff):
        sign_in(Client(), user).post(reverse("moreelberaad:calendar_feed_manage"), {"action": "create"})
        feed = CalendarFeed.objects.get(user=user, revoked_at__isnull=True)
        documents[f"feed {user.pk}"] = (
            Client().get(reverse("moreelberaad:calendar_feed", args=[feed.token])).content.decode()
        )
    # The parents agree to send the outcome after an identifying advice was saved: it is not sent.
    Beraad.objects.filter(pk=beraad.pk).update(advice=IDENTIFYING, share_outcome_with_guests=True)
    assert outcome_deliver(participant_id=guest.pk) is False
    documents["mail outbox"] = "\n".join(f"{m.subject}\n{m.body}" for m in mail.outbox)
    return documents


def test_nothing_that_leaves_the_case_file_names_the_youth(
    world: World, storage: FileSystemStorage, tmp_path: Path, signed_in: Callable[[User], Client]
) -> None:
    # given every free-text field filled with the family's data, through the forms
    statuses = _plant_everywhere(world)
    # then the identity check refused every text that would leave the case file, not the beraad's own
    refused = {name for name, status in statuses.items() if status == 422}
    assert refused == {"story", "lesson", "theme", "accountability", "place", "rode_draad", "outcome"}
    assert statuses["own_reflection"] == 302
    # when every document for someone other than the case's own workers is produced
    generate_pack_pdf(world.beraad.pk, world.coordinator.pk)
    with storage.open(pdf_name(world.beraad.pk), "rb") as handle:
        documents = {"pack for the unnamed care partner": pdf_text(handle.read(), tmp_path)}
    documents.update(_reports(world, storage, tmp_path))
    documents.update(_exports(world, signed_in))
    documents.update(_calendars_and_mail(world))
    # then not one holds a sentinel, the reference or a spelling of the date of birth
    hits = {
        (name, needle)
        for name, text in documents.items()
        for needle in world.needles
        if needle.lower() in " ".join(text.split()).lower()
    }
    assert hits == set()
    assert len(documents) == 10  # pack, two reports, CSV, XLSX, invitation, .ics, two feeds, mail
