"""A full disk: an upload leaves no fragment and no row and says so in Dutch; a pack PDF that cannot
be written is shown as failed with a retry, and the retry makes it once there is room (issue 12)."""

from pathlib import Path
from typing import Any

from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

import pytest

from cases.models import Attachment
from tests.cases.factories import CaseFactory
from tests.conftest import sign_in
from tests.factories import MembershipFactory, user_with_role
from tests.forms.browser_forms import post_forms
from tests.moreelberaad.factories import BeraadFactory, ready_table
from wio.accounts.constants import Role
from wio.outbox import services as outbox
from wio.outbox.models import Job, JobState

from .browser import shown_messages, submit
from .disk import fill_disk_after, stored_files

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n" + b"x" * 200_000 + b"\n%%EOF\n"


@pytest.fixture
def private_media(tmp_path: Path, settings: Any, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private storage in a temporary folder (the attachment field's storage is built at load)."""
    root = tmp_path / "private"
    root.mkdir()
    settings.PRIVATE_MEDIA_ROOT = root
    storage = FileSystemStorage(location=root, base_url=None)
    monkeypatch.setattr(Attachment._meta.get_field("file"), "storage", storage)
    return root


def _upload(client: Client, case_id: int) -> Any:
    """Fill in the rendered upload form as a browser would, with a 200 kB PDF."""
    page = reverse("cases:attachment_add", args=[case_id])
    form = next(f for f in post_forms(client.get(page).content.decode(), page) if f.has_file)
    data: dict[str, Any] = dict(form.payload())
    data["file"] = SimpleUploadedFile("verslag.pdf", PDF, content_type="application/pdf")
    data["description"] = "Verslag schoolgesprek"
    return client.post(form.action, data)


def test_a_full_disk_during_an_upload_leaves_no_fragment_no_row_and_a_dutch_message(
    private_media: Path,
) -> None:
    disk = pytest.MonkeyPatch()
    # given a case worker on their case, and a disk with room for 64 kB
    case = CaseFactory()
    officer = MembershipFactory(organisation=case.gemeente, role=Role.LPA).user
    client = sign_in(Client(), officer)
    fill_disk_after(disk, room=64 * 1024)

    # when they upload a 200 kB file
    response = _upload(client, case.pk)

    # then the form comes back with a Dutch explanation, nothing is stored, not even a fragment
    assert response.status_code == 422
    assert "de opslag van de server vol is" in response.content.decode()
    assert not Attachment.objects.exists()
    assert stored_files(private_media) == []

    # and once there is room again, the same upload works
    disk.undo()
    response = _upload(client, case.pk)
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert stored_files(private_media) == [private_media / attachment.file.name]
    assert (private_media / attachment.file.name).read_bytes() == PDF


def _run_jobs_until_settled() -> None:
    """Play the worker: run every job, each retry as soon as its back-off allows."""
    for _round in range(10):
        Job.objects.filter(state=JobState.PENDING).update(available_at=timezone.now())
        if not outbox.run_due_here():
            return


def test_a_pack_pdf_that_cannot_be_written_shows_as_failed_with_a_retry(private_media: Path) -> None:
    disk = pytest.MonkeyPatch()
    # given a coordinator's beraad with its table, and a disk with room for 1 kB
    coordinator = user_with_role(Role.SWV_COORDINATOR)
    beraad = BeraadFactory(case=CaseFactory(swv=coordinator.memberships.get().organisation))
    ready_table(beraad)
    client = sign_in(Client(), coordinator)
    pack = reverse("moreelberaad:pack", args=[beraad.pk])
    request_pdf = reverse("moreelberaad:pack_pdf_request", args=[beraad.pk])
    fill_disk_after(disk, room=1024)

    # when the PDF is asked for and the worker tries (and retries) to write it
    submit(client, pack, request_pdf)
    _run_jobs_until_settled()

    # then the page says it could not be made and offers to try again; no fragment is left
    html = client.get(pack).content.decode()
    assert any("De pdf kon niet worden gemaakt" in text for text in shown_messages(html))
    assert "Opnieuw proberen" in html
    assert stored_files(private_media) == []
    assert Job.objects.get(topic="moreelberaad.pack_pdf").state == JobState.FAILED

    # when there is room again and the user presses "try again"
    disk.undo()
    submit(client, pack, request_pdf)
    _run_jobs_until_settled()

    # then the PDF is there, once, and can be downloaded
    html = client.get(pack).content.decode()
    assert reverse("moreelberaad:pack_pdf_download", args=[beraad.pk]) in html
    assert [path.suffix for path in stored_files(private_media)] == [".json", ".pdf"]
