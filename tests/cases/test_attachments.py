"""Attachments: only allowed files are stored (under a random name), downloads are authorised and
audited, and removing an attachment removes its file."""

import io
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

import pytest

from cases import services
from cases.models import Attachment, Case
from cases.services.attachments import check_upload, clean_display_name
from tests.cases.factories import CaseFactory
from tests.confirming import post_confirmation
from tests.factories import MembershipFactory, user_with_role
from wio.accounts.constants import Role
from wio.accounts.models import User
from wio.audit import services as audit
from wio.audit.constants import Action
from wio.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 32
TEXT = "Afspraken met school: dinsdag en donderdag, één keer per week.\n".encode()


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


DOCX = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
XLSX = _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})
ODT = _zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<office/>"})


@pytest.fixture
def storage(tmp_path: Path, settings: Any, monkeypatch: pytest.MonkeyPatch) -> FileSystemStorage:
    """A private storage in a temporary folder (the field's storage is built when models load)."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    private = FileSystemStorage(location=tmp_path, base_url=None)
    monkeypatch.setattr(Attachment._meta.get_field("file"), "storage", private)
    return private


def _stored_files(root: Path) -> list[Path]:
    return [path for path in root.rglob("*") if path.is_file()]


def _officer_of(case: Case, role: str = Role.LPA) -> User:
    membership = MembershipFactory(organisation=case.gemeente, role=role)
    return cast(User, membership.user)


def _upload(name: str, content: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def _attach(case: Case, user: User, name: str = "verslag.pdf", content: bytes = PDF) -> Attachment:
    return services.attachment_create(
        case=case, actor=audit.actor_from(user=user), upload=_upload(name, content), description="Verslag"
    )


# --- uploading ---------------------------------------------------------------------------------------


def test_an_officer_attaches_a_pdf_stored_under_a_random_token(
    storage: FileSystemStorage, tmp_path: Path, signed_in: Callable[[User], Client]
) -> None:
    # given an officer of the case's municipality
    case = CaseFactory()
    client = signed_in(_officer_of(case))
    # when they upload a PDF with a description
    response = client.post(
        reverse("cases:attachment_add", args=[case.pk]),
        {"file": _upload("Verslag gesprek.pdf", PDF, "application/pdf"), "description": "Verslag"},
    )
    # then it is stored under the token, not under its own name, and the upload is audited
    assert response.status_code == 302
    attachment = Attachment.objects.get(case_id=case.pk)
    assert len(attachment.token) == 32
    assert attachment.file.name == f"cases/{case.pk}/{attachment.token}"
    assert (attachment.original_name, attachment.content_type, attachment.size) == (
        "Verslag gesprek.pdf",
        "application/pdf",
        len(PDF),
    )
    assert [p.name for p in _stored_files(tmp_path)] == [attachment.token]
    event = AuditEvent.objects.get(event_type="case.attachment.create")
    assert (event.action, event.youth_ref) == (Action.CREATE, case.reference)
    assert "Verslag" not in str(event.detail)


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("brief.pdf", PDF, "application/pdf"),
        ("plan.docx", DOCX, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("uren.xlsx", XLSX, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("notitie.odt", ODT, "application/vnd.oasis.opendocument.text"),
        ("tekening.PNG", PNG, "image/png"),
        ("foto.jpg", JPEG, "image/jpeg"),
        ("foto.jpeg", JPEG, "image/jpeg"),
        ("afspraken.txt", TEXT, "text/plain; charset=utf-8"),
    ],
)
def test_every_allowed_type_is_recognised_by_extension_and_content(
    name: str, content: bytes, content_type: str
) -> None:
    # given / when an allowed file is checked
    file_type = check_upload(_upload(name, content))
    # then its type comes from the extension, confirmed by the leading bytes
    assert file_type.content_type == content_type


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("programma.exe", b"MZ\x90\x00" + b"\x00" * 60, "file_type"),
        ("zonder-extensie", PDF, "file_type"),
        ("brief.html", b"<html><script>alert(1)</script></html>", "file_type"),
        ("brief.pdf", b"MZ\x90\x00" + b"\x00" * 60, "file_content"),
        ("brief.pdf", b"<html><script>alert(1)</script></html>", "file_content"),
        ("foto.png", JPEG, "file_content"),
        ("plan.docx", _zip({"evil.js": b"alert(1)"}), "file_content"),
        ("plan.docx", XLSX, "file_content"),
        ("notitie.odt", DOCX, "file_content"),
        ("afspraken.txt", b"tekst\x00\x01binair", "file_content"),
        ("leeg.pdf", b"", "empty"),  # Django's FileField refuses an empty file before our check runs
    ],
)
def test_a_refused_upload_stores_nothing_and_says_why_next_to_the_field(
    storage: FileSystemStorage,
    tmp_path: Path,
    signed_in: Callable[[User], Client],
    name: str,
    content: bytes,
    code: str,
) -> None:
    # given an officer of the case's municipality
    case = CaseFactory()
    client = signed_in(_officer_of(case))
    # when they upload a file that is not allowed
    response = client.post(
        reverse("cases:attachment_add", args=[case.pk]), {"file": _upload(name, content), "description": "x"}
    )
    # then the form comes back with an error on the file field, and nothing is stored or audited
    assert response.status_code == 422
    form = response.context["form"]
    assert list(form.errors) == ["file"]
    assert form.has_error("file", code)
    assert not Attachment.objects.exists()
    assert _stored_files(tmp_path) == []
    assert not AuditEvent.objects.filter(event_type="case.attachment.create").exists()


def test_a_file_over_the_size_limit_is_refused(
    storage: FileSystemStorage, tmp_path: Path, settings: Any, signed_in: Callable[[User], Client]
) -> None:
    # given a limit of 1 KB
    settings.WIO_ATTACHMENT_MAX_BYTES = 1024
    case = CaseFactory()
    client = signed_in(_officer_of(case))
    # when a 2 KB PDF is uploaded
    response = client.post(
        reverse("cases:attachment_add", args=[case.pk]), {"file": _upload("groot.pdf", PDF + b" " * 2048)}
    )
    # then it is refused on size and nothing is stored
    assert response.status_code == 422
    assert response.context["form"].has_error("file", "file_size")
    assert not Attachment.objects.exists()
    assert _stored_files(tmp_path) == []


@pytest.mark.parametrize(
    ("given", "shown"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("C:\\Users\\lpa\\Documents\\brief.pdf", "brief.pdf"),
        ("verslag\x00\x1b[31m.pdf", "verslag[31m.pdf"),
        ("  .verborgen.pdf ", "verborgen.pdf"),
        ("e\u0301e\u0301n.pdf", "één.pdf"),
        ("a" * 300 + ".pdf", "a" * 196 + ".pdf"),
    ],
)
def test_the_original_name_is_cleaned_for_display(given: str, shown: str) -> None:
    # given / when / then
    assert clean_display_name(given) == shown


def test_the_uploaded_name_never_reaches_the_storage_path(storage: FileSystemStorage) -> None:
    # given an officer
    case = CaseFactory()
    # when a file with a path in its name is attached
    attachment = _attach(case, _officer_of(case), name="../../../tmp/owned.pdf")
    # then the stored path is only the case and the token
    assert attachment.file.name == f"cases/{case.pk}/{attachment.token}"
    assert attachment.original_name == "owned.pdf"


def test_a_role_that_cannot_edit_the_case_cannot_attach(
    storage: FileSystemStorage, signed_in: Callable[[User], Client]
) -> None:
    # given an officer of another municipality
    case = CaseFactory()
    client = signed_in(user_with_role(Role.LPA))
    # when they try to attach to this case
    response = client.post(reverse("cases:attachment_add", args=[case.pk]), {"file": _upload("a.pdf", PDF)})
    # then the case does not exist for them
    assert response.status_code == 404
    assert not Attachment.objects.exists()


# --- downloading -------------------------------------------------------------------------------------


def test_a_download_streams_the_file_with_its_type_and_is_audited_without_its_name(
    storage: FileSystemStorage, signed_in: Callable[[User], Client]
) -> None:
    # given an attachment on a case of the officer's municipality
    case = CaseFactory()
    officer = _officer_of(case)
    attachment = _attach(case, officer, name="Gespreksverslag.pdf")
    client = signed_in(officer)
    # when they download it
    response = client.get(reverse("cases:attachment_download", args=[case.pk, attachment.pk]))
    # then the bytes come back as a download with the stored type, and one export event is written
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="Gespreksverslag.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    event = AuditEvent.objects.get(event_type="case.attachment.download")
    assert (event.action, event.youth_ref, event.object_id) == (
        Action.EXECUTE,
        case.reference,
        str(attachment.pk),
    )
    assert "Gespreksverslag" not in str(event.detail)


def test_the_coordinator_of_the_partnership_may_download(
    storage: FileSystemStorage, signed_in: Callable[[User], Client]
) -> None:
    # given an attachment and the coordinator of the case's partnership
    case = CaseFactory()
    attachment = _attach(case, _officer_of(case))
    coordinator = MembershipFactory(organisation=case.swv, role=Role.SWV_COORDINATOR).user
    # when the coordinator downloads it
    response = signed_in(coordinator).get(reverse("cases:attachment_download", args=[case.pk, attachment.pk]))
    # then it is served
    assert response.status_code == 200


def test_an_attachment_is_404_under_another_case_even_one_the_user_may_see(
    storage: FileSystemStorage, signed_in: Callable[[User], Client]
) -> None:
    # given two cases of the same municipality, the attachment on the first
    first = CaseFactory()
    second = CaseFactory(gemeente=first.gemeente)
    officer = _officer_of(first)
    attachment = _attach(first, officer)
    client = signed_in(officer)
    # when it is requested under the second case
    response = client.get(reverse("cases:attachment_download", args=[second.pk, attachment.pk]))
    # then it does not exist there, and nothing was exported
    assert response.status_code == 404
    assert not AuditEvent.objects.filter(event_type="case.attachment.download").exists()


def test_an_out_of_scope_download_is_404_and_recorded_as_denied(
    storage: FileSystemStorage, signed_in: Callable[[User], Client]
) -> None:
    # given an attachment on a case of another municipality
    case = CaseFactory()
    attachment = _attach(case, _officer_of(case))
    client = signed_in(user_with_role(Role.LPA))
    # when an officer elsewhere asks for it
    response = client.get(reverse("cases:attachment_download", args=[case.pk, attachment.pk]))
    # then 404, a denial and no export
    assert response.status_code == 404
    assert AuditEvent.objects.filter(event_type="case.out_of_scope", youth_ref=case.reference).exists()
    assert not AuditEvent.objects.filter(event_type="case.attachment.download").exists()


def test_a_file_missing_from_storage_is_404_not_an_error(
    storage: FileSystemStorage, signed_in: Callable[[User], Client]
) -> None:
    # given an attachment whose file has gone from storage
    case = CaseFactory()
    officer = _officer_of(case)
    attachment = _attach(case, officer)
    storage.delete(attachment.file.name)
    # when it is downloaded
    response = signed_in(officer).get(reverse("cases:attachment_download", args=[case.pk, attachment.pk]))
    # then 404
    assert response.status_code == 404


# --- removing ----------------------------------------------------------------------------------------


def test_removing_an_attachment_asks_first_then_deletes_row_and_file(
    storage: FileSystemStorage,
    tmp_path: Path,
    signed_in: Callable[[User], Client],
    django_capture_on_commit_callbacks: Any,
) -> None:
    # given an attachment on the officer's case
    case = CaseFactory()
    officer = _officer_of(case)
    attachment = _attach(case, officer)
    client = signed_in(officer)
    url = reverse("cases:attachment_delete", args=[case.pk, attachment.pk])
    # when they open the confirmation page and then confirm
    asked = client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        response = post_confirmation(client, asked, url)
    # then the page asked first, the row and the stored file are gone, and the removal is audited
    assert asked.status_code == 200
    assert response.status_code == 302
    assert not Attachment.objects.exists()
    assert _stored_files(tmp_path) == []
    assert AuditEvent.objects.filter(event_type="case.attachment.delete", action=Action.DELETE).count() == 1


def test_an_officer_elsewhere_cannot_remove_an_attachment(
    storage: FileSystemStorage, tmp_path: Path, signed_in: Callable[[User], Client]
) -> None:
    # given an attachment on a case of another municipality
    case = CaseFactory()
    attachment = _attach(case, _officer_of(case))
    client = signed_in(user_with_role(Role.LPA))
    # when an officer elsewhere posts the removal
    response = client.post(reverse("cases:attachment_delete", args=[case.pk, attachment.pk]))
    # then 404, and the row and file remain
    assert response.status_code == 404
    assert Attachment.objects.filter(pk=attachment.pk).exists()
    assert len(_stored_files(tmp_path)) == 1


def test_the_upload_page_sends_files_as_multipart(
    storage: FileSystemStorage, signed_in: Callable[[User], Client]
) -> None:
    # given an officer of the case's municipality
    case = CaseFactory()
    # when they open the upload page
    response = signed_in(_officer_of(case)).get(reverse("cases:attachment_add", args=[case.pk]))
    # then the form can carry a file
    assert response.status_code == 200
    assert 'enctype="multipart/form-data"' in response.content.decode()
    assert 'type="file"' in response.content.decode()
