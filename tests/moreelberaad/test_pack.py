"""The preparation pack holds only what the family consented to share with these participants.

Two sentinels: SHAREABLE sits in every case field the pack may show (only with consent naming the
whole table); NEVER sits in case fields the pack must never show, whatever the consent says.
"""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.files.storage import FileSystemStorage
from django.test import Client
from django.urls import reverse
from django.utils import timezone

import pytest

from cases.constants import ConversationKind, InvolvedRole, PreparationKind, PreparationStatus
from cases.models import Arrangement, Case, Consent, Conversation, ExemptionDetails, Involved, PreparationItem
from cases.services import consent_withdraw
from moreelberaad.constants import ParticipantCategory
from moreelberaad.models import Beraad
from moreelberaad.pack import build_pack
from moreelberaad.pack_files import meta_name, pdf_name
from moreelberaad.tasks_pack import generate_pack_pdf
from tests.cases.factories import (
    CaseFactory,
    ConsentFactory,
    InvolvedFactory,
    KnelpuntFactory,
    TimelineEntryFactory,
)
from tests.factories import MembershipFactory, user_with_role
from tests.moreelberaad.factories import BeraadFactory, ParticipantFactory
from tests.outbox.fakes import dispatched_jobs
from tests.pdftools import pdf_lang, pdf_text, pdf_title
from wio.accounts.constants import Role
from wio.accounts.models import User
from wio.audit import services as audit
from wio.audit.constants import Action
from wio.audit.models import AuditEvent
from wio.outbox import services as outbox

pytestmark = pytest.mark.django_db

# Single words: a PDF line break can never split them, so "not in the text" means not in the PDF.
SHAREABLE = "Zebrasentinel4821"
NEVER = "Okapisentinel9917"


@dataclass
class Table:
    case: Case
    beraad: Beraad
    parent: Involved
    carer: Involved
    coordinator: User


def _case_with_sentinels() -> Case:
    case = CaseFactory(
        last_name=f"{SHAREABLE}naam",
        youth_wishes=f"{SHAREABLE} wil weer leren",
        youth_ideas=f"{SHAREABLE} idee",
        interests=f"{NEVER} belangen",
        offer_description=f"{NEVER} aanbod",
    )
    for kind in (
        PreparationKind.VERKLARENDE_ANALYSE,
        PreparationKind.SYSTEMISCHE_INFORMATIE,
        PreparationKind.INDICATIE,
    ):
        PreparationItem.objects.filter(case=case, kind=kind).update(
            note=f"{SHAREABLE} {kind}", status=PreparationStatus.VOLLEDIG
        )
    PreparationItem.objects.filter(case=case, kind=PreparationKind.DOSSIER).update(note=f"{NEVER} dossier")
    ExemptionDetails.objects.filter(case=case).update(doctor_question=f"{NEVER} artsvraag")
    Arrangement.objects.create(
        case=case, kind="oza", description=f"{NEVER} arr", funding_notes=f"{NEVER} geld"
    )
    Conversation.objects.create(
        case=case, kind=ConversationKind.VOORSTEL, held_on=timezone.localdate(), topics=f"{NEVER} gesprek"
    )
    KnelpuntFactory(cases=[case], description=f"{NEVER} knelpunt")
    TimelineEntryFactory(case=case, description=f"{SHAREABLE} tijdlijn", result=f"{SHAREABLE} resultaat")
    return case


@pytest.fixture
def table() -> Table:
    """A parent and a care partner from the betrokkenen, a project-staff leader, the coordinator."""
    case = _case_with_sentinels()
    parent = InvolvedFactory(case=case, name="Ouder Vermeulen", role=InvolvedRole.OUDER, interests=NEVER)
    carer = InvolvedFactory(case=case, name="Zorgpartner Jansen", role=InvolvedRole.ZORGPARTNER)
    coordinator = MembershipFactory(organisation=case.swv, role=Role.SWV_COORDINATOR).user
    beraad = BeraadFactory(case=case)
    ParticipantFactory(beraad=beraad, parent=True, involved=parent, name=parent.name)
    ParticipantFactory(beraad=beraad, involved=carer, name=carer.name)
    ParticipantFactory(beraad=beraad, leader=True, user=user_with_role(Role.PROJECT_STAFF), name="Leider")
    ParticipantFactory(
        beraad=beraad, notulist=True, user=coordinator, name="Coördinator", category=ParticipantCategory.SWV
    )
    return Table(case=case, beraad=beraad, parent=parent, carer=carer, coordinator=coordinator)


@pytest.fixture
def storage(tmp_path: Path, settings: Any) -> FileSystemStorage:
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT)


def _consent(table: Table, *named: Involved) -> Consent:
    consent = ConsentFactory(case=table.case, person=table.parent)
    consent.shared_with.set(named)
    return consent


def _withdraw(consent: Consent) -> None:
    consent_withdraw(consent=consent, actor=audit.actor_from(label="test"))


def no_consent(table: Table) -> None:
    return None


def consent_missing_the_care_partner(table: Table) -> None:
    _consent(table, table.parent)


def consent_withdrawn(table: Table) -> None:
    _withdraw(_consent(table, table.parent, table.carer))


def consent_for_a_story_only(table: Table) -> None:
    ConsentFactory(case=table.case, person=table.parent, scope="anonymised_story").shared_with.set(
        [table.parent, table.carer]
    )


def full_consent(table: Table) -> None:
    _consent(table, table.parent, table.carer)


def _page_html(client: Client, table: Table) -> str:
    response = client.get(reverse("moreelberaad:pack", args=[table.beraad.pk]))
    assert response.status_code == 200
    return response.content.decode()


def _generated_pdf(table: Table, storage: FileSystemStorage) -> bytes:
    generate_pack_pdf(table.beraad.pk, table.coordinator.pk)
    with storage.open(pdf_name(table.beraad.pk), "rb") as handle:
        return handle.read()


@pytest.mark.parametrize(
    "arrange",
    [no_consent, consent_missing_the_care_partner, consent_withdrawn, consent_for_a_story_only],
)
def test_without_consent_for_the_whole_table_no_case_information_enters_the_pack(
    arrange: Callable[[Table], None],
    table: Table,
    storage: FileSystemStorage,
    signed_in: Callable[[User], Client],
    tmp_path: Path,
) -> None:
    # Given a consent situation that does not cover the care partner
    arrange(table)
    client = signed_in(table.coordinator)

    # When the pack is shown and its PDF generated
    html = _page_html(client, table)
    text = pdf_text(_generated_pdf(table, storage), tmp_path)

    # Then no case information is in either, nor the beraad's questions (free text about the youth,
    # ADR 0016), and the care partner is named as missing
    for document in (html, text):
        assert SHAREABLE not in document
        assert NEVER not in document
        assert "Mogen we van de ouders vragen" not in document
    pack = build_pack(table.beraad)
    assert pack.case is None
    assert "Zorgpartner Jansen" in pack.sharing.missing
    assert "Casusinformatie kan niet worden gedeeld." in html


def test_with_consent_naming_the_whole_table_the_case_information_is_in_the_pack(
    table: Table, storage: FileSystemStorage, signed_in: Callable[[User], Client], tmp_path: Path
) -> None:
    # Given consent naming the parent and the care partner (leader and coordinator need no naming)
    full_consent(table)
    client = signed_in(table.coordinator)

    # When the pack is shown and its PDF generated
    html = _page_html(client, table)
    text = pdf_text(_generated_pdf(table, storage), tmp_path)

    # Then the timeline, preparation notes and the youth's voice are in both, and nothing else
    for document in (html, text):
        assert f"{SHAREABLE} tijdlijn" in document
        assert f"{SHAREABLE} resultaat" in document
        assert f"{SHAREABLE} verklarende_analyse" in document
        assert f"{SHAREABLE} systemische_informatie" in document
        assert f"{SHAREABLE} indicatie" in document
        assert f"{SHAREABLE} wil weer leren" in document
        assert "Mogen we van de ouders vragen" in document  # the questions, with consent
        assert NEVER not in document
    assert build_pack(table.beraad).sharing.missing == ()


def test_the_pdf_is_tagged_in_dutch_with_a_title(
    table: Table, storage: FileSystemStorage, tmp_path: Path
) -> None:
    # When the PDF is generated
    pdf = _generated_pdf(table, storage)

    # Then it is a PDF with /Lang nl and a title that names the session, not the case (ADR 0016)
    assert pdf.startswith(b"%PDF-")
    assert pdf_lang(pdf) == "nl"
    title = pdf_title(pdf, tmp_path)
    assert title == "Voorbereidingspakket Moreel Beraad, sessie 1"
    assert table.case.reference not in title


def test_the_pack_page_is_audited_as_a_read(table: Table, signed_in: Callable[[User], Client]) -> None:
    # When the coordinator opens the pack
    _page_html(signed_in(table.coordinator), table)

    # Then one read of the beraad is recorded, without any text of the case
    event = AuditEvent.objects.get(event_type="beraad.pack")
    assert event.action == Action.READ
    assert event.youth_ref == table.case.reference
    assert event.detail == {"case_information": False}


def test_the_download_is_audited_as_an_export(
    table: Table, storage: FileSystemStorage, signed_in: Callable[[User], Client]
) -> None:
    # Given a generated PDF
    full_consent(table)
    pdf = _generated_pdf(table, storage)

    # When it is downloaded
    response = signed_in(table.coordinator).get(
        reverse("moreelberaad:pack_pdf_download", args=[table.beraad.pk])
    )

    # Then the stored file is served as an attachment and the export is recorded
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert table.case.reference not in response["Content-Disposition"]  # the file is passed on
    assert response.content == pdf
    event = AuditEvent.objects.get(event_type="beraad.pack_pdf.download")
    assert event.action == Action.EXECUTE
    assert event.youth_ref == table.case.reference
    assert event.detail["case_information"] is True


def test_a_pdf_made_before_the_consent_was_withdrawn_is_not_served(
    table: Table, storage: FileSystemStorage, signed_in: Callable[[User], Client]
) -> None:
    # Given a PDF with case information, generated under full consent
    full_consent(table)
    _generated_pdf(table, storage)
    client = signed_in(table.coordinator)

    # When the consent is withdrawn and the PDF is asked for
    _withdraw(Consent.objects.get(case=table.case))
    response = client.get(reverse("moreelberaad:pack_pdf_download", args=[table.beraad.pk]))

    # Then it is refused with a request to generate it again, and nothing is exported
    assert response.status_code == 302
    assert response["Location"] == reverse("moreelberaad:pack", args=[table.beraad.pk])
    assert not AuditEvent.objects.filter(event_type="beraad.pack_pdf.download").exists()
    status = client.get(reverse("moreelberaad:pack_pdf_status", args=[table.beraad.pk])).content.decode()
    assert "verouderd" in status


def test_a_pdf_made_before_a_new_participant_joined_is_not_served(
    table: Table, storage: FileSystemStorage, signed_in: Callable[[User], Client]
) -> None:
    # Given a PDF with case information
    full_consent(table)
    _generated_pdf(table, storage)

    # When someone the consent does not name joins the table
    ParticipantFactory(beraad=table.beraad, name="Buurman")
    response = signed_in(table.coordinator).get(
        reverse("moreelberaad:pack_pdf_download", args=[table.beraad.pk])
    )

    # Then the old file is not served
    assert response.status_code == 302


def test_a_regenerated_pdf_after_withdrawal_is_served_without_case_information(
    table: Table, storage: FileSystemStorage, signed_in: Callable[[User], Client], tmp_path: Path
) -> None:
    # Given a PDF generated under full consent, then the consent withdrawn
    full_consent(table)
    _generated_pdf(table, storage)
    _withdraw(Consent.objects.get(case=table.case))

    # When it is generated again and downloaded
    _generated_pdf(table, storage)
    response = signed_in(table.coordinator).get(
        reverse("moreelberaad:pack_pdf_download", args=[table.beraad.pk])
    )

    # Then the new file is served, and it holds no case information
    assert response.status_code == 200
    assert SHAREABLE not in pdf_text(response.content, tmp_path)


def test_generating_twice_replaces_the_file(table: Table, storage: FileSystemStorage) -> None:
    # When the task runs twice (a redelivered message, or a second request)
    generate_pack_pdf(table.beraad.pk, table.coordinator.pk)
    generate_pack_pdf(table.beraad.pk, None)

    # Then there is still one PDF and one sidecar for the beraad
    _dirs, files = storage.listdir(f"beraden/{table.beraad.pk}")
    assert sorted(files) == sorted(
        [Path(pdf_name(table.beraad.pk)).name, Path(meta_name(table.beraad.pk)).name]
    )


def test_requesting_the_pdf_enqueues_the_task_after_commit_and_the_page_polls(
    table: Table,
    storage: FileSystemStorage,
    signed_in: Callable[[User], Client],
    monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: Any,
) -> None:
    # Given the broker replaced by a recorder (tests never run Celery eagerly)
    queued = dispatched_jobs(monkeypatch)
    client = signed_in(table.coordinator)
    status_url = reverse("moreelberaad:pack_pdf_status", args=[table.beraad.pk])

    # When the PDF is requested with htmx
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("moreelberaad:pack_pdf_request", args=[table.beraad.pk]), HTTP_HX_REQUEST="true"
        )

    # Then the task is queued once, and the status part polls every 2 s
    assert response.status_code == 200
    assert [job.kwargs for job in queued] == [
        {"beraad_id": table.beraad.pk, "requested_by_id": table.coordinator.pk}
    ]
    pending = client.get(status_url, HTTP_HX_REQUEST="true").content.decode()
    assert 'hx-trigger="every 2s"' in pending
    assert AuditEvent.objects.filter(event_type="beraad.pack_pdf.request").count() == 1

    # And when the worker has finished, the status offers the download and stops polling
    outbox.run(queued[0].pk)
    finished = client.get(status_url, HTTP_HX_REQUEST="true").content.decode()
    assert reverse("moreelberaad:pack_pdf_download", args=[table.beraad.pk]) in finished
    assert "hx-trigger" not in finished


def test_the_beraad_page_links_to_the_pack(table: Table, signed_in: Callable[[User], Client]) -> None:
    # When the beraad page is shown, then it links to its preparation pack
    response = signed_in(table.coordinator).get(reverse("moreelberaad:detail", args=[table.beraad.pk]))
    assert reverse("moreelberaad:pack", args=[table.beraad.pk]) in response.content.decode()


@pytest.mark.parametrize("name", ["pack", "pack_pdf_status", "pack_pdf_download"])
@pytest.mark.parametrize("role", [Role.SWV_COORDINATOR, Role.PROJECT_STAFF, Role.LPA])
def test_out_of_scope_users_get_404(
    name: str, role: str, table: Table, signed_in: Callable[[User], Client]
) -> None:
    # Given a coordinator of another SWV, unassigned project staff, an LPA of another gemeente
    outsider = user_with_role(role)

    # When they ask for the pack, then it does not exist for them
    response = signed_in(outsider).get(reverse(f"moreelberaad:{name}", args=[table.beraad.pk]))
    assert response.status_code == 404


def test_project_staff_who_lead_see_the_pack(table: Table, signed_in: Callable[[User], Client]) -> None:
    # Given the project-staff gespreksleider of this beraad
    leader = table.beraad.participants.get(is_gespreksleider=True).user

    # When they open the pack, then they see it
    response = signed_in(leader).get(reverse("moreelberaad:pack", args=[table.beraad.pk]))
    assert response.status_code == 200


def test_who_needs_no_naming_in_the_consent(table: Table) -> None:
    # Given consent naming the parent and care partner, and two more WIO users at the table:
    # the case's own LPA (works on the case) and project staff who only take part (no lead role)
    full_consent(table)
    lpa = MembershipFactory(organisation=table.case.gemeente, role=Role.LPA).user
    ParticipantFactory(beraad=table.beraad, user=lpa, name="Eigen LPA", category=ParticipantCategory.LPA)
    guest = user_with_role(Role.PROJECT_STAFF)
    ParticipantFactory(
        beraad=table.beraad, user=guest, name="Meelezer", category=ParticipantCategory.GEDRAGSWERK_OZJ
    )

    # When the pack is built
    pack = build_pack(table.beraad)

    # Then only the project staff member without a lead role is missing from the consent
    assert pack.sharing.missing == ("Meelezer",)
    assert pack.case is None
