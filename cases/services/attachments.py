"""Files attached to a case: checked before anything is stored, removed from storage with their row.

The stored name is a random token; the name the user gave the file is kept (cleaned) for display
only. A file is accepted when both its extension and its leading bytes say it is one of the
allowed types, so a renamed executable or an HTML page called "brief.pdf" is refused.
"""

import logging
import secrets
import unicodedata
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePosixPath
from uuid import UUID

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from wio.audit import services as audit
from wio.audit.constants import Action, Purpose
from wio.file_writes import FileWriteError, store_atomically
from wio.submissions.services import submission_claim, submission_settle

from ..models import Attachment, Case
from .handover import refuse_during_handover

logger = logging.getLogger(__name__)

MAX_NAME_LENGTH = 200  # Attachment.original_name
SNIFF_BYTES = 8192


def _zip_has_member(content: UploadedFile, member: str) -> bool:
    try:
        with zipfile.ZipFile(content) as archive:
            return member in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def _zip_mimetype_is(content: UploadedFile, mimetype: str) -> bool:
    """OpenDocument files start with an uncompressed `mimetype` member naming their type."""
    try:
        with zipfile.ZipFile(content) as archive, archive.open("mimetype") as member:
            return member.read(len(mimetype) + 1) == mimetype.encode("ascii")
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        return False


def _looks_like_text(head: bytes) -> bool:
    """Plain text: no NUL and no control characters other than tab, newline, form feed, return."""
    allowed_controls = {0x09, 0x0A, 0x0C, 0x0D}
    return all(byte >= 0x20 or byte in allowed_controls for byte in head)


ZIP_MAGIC = b"PK\x03\x04"


@dataclass(frozen=True)
class FileType:
    content_type: str
    magic: bytes  # the leading bytes; empty for plain text
    inside: Callable[[UploadedFile], bool] | None = None  # a closer look for container formats


ALLOWED_TYPES: dict[str, FileType] = {
    ".pdf": FileType("application/pdf", b"%PDF-"),
    ".docx": FileType(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ZIP_MAGIC,
        lambda f: _zip_has_member(f, "word/document.xml"),
    ),
    ".xlsx": FileType(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ZIP_MAGIC,
        lambda f: _zip_has_member(f, "xl/workbook.xml"),
    ),
    ".odt": FileType(
        "application/vnd.oasis.opendocument.text",
        ZIP_MAGIC,
        lambda f: _zip_mimetype_is(f, "application/vnd.oasis.opendocument.text"),
    ),
    ".png": FileType("image/png", b"\x89PNG\r\n\x1a\n"),
    ".jpg": FileType("image/jpeg", b"\xff\xd8\xff"),
    ".jpeg": FileType("image/jpeg", b"\xff\xd8\xff"),
    ".txt": FileType("text/plain; charset=utf-8", b""),
}
ALLOWED_EXTENSIONS_LABEL = "PDF, DOCX, XLSX, ODT, PNG, JPEG, TXT"


def clean_display_name(name: str) -> str:
    """The user's file name without folders or control characters, for display and downloads only."""
    name = unicodedata.normalize("NFC", name).replace("\\", "/")
    name = PurePosixPath(name).name
    name = "".join(char for char in name if unicodedata.category(char)[0] != "C").strip(" .")
    if len(name) > MAX_NAME_LENGTH:
        suffix = PurePosixPath(name).suffix[:20]
        name = name[: MAX_NAME_LENGTH - len(suffix)] + suffix
    return name or "bijlage"


def _unsupported() -> ValidationError:
    return ValidationError(
        _("This type of file cannot be attached. Allowed are: %(types)s.")
        % {"types": ALLOWED_EXTENSIONS_LABEL},
        code="file_type",
    )


def _read_head(upload: UploadedFile) -> bytes:
    upload.seek(0)
    head = upload.read(SNIFF_BYTES)
    upload.seek(0)
    return head


def check_upload(upload: UploadedFile) -> FileType:
    """The file's type if it may be attached; otherwise a ValidationError with a clear message."""
    limit = settings.WIO_ATTACHMENT_MAX_BYTES
    if upload.size is None or upload.size > limit:
        raise ValidationError(
            _("The file is too large. The maximum is %(limit)s.") % {"limit": filesizeformat(limit)},
            code="file_size",
        )
    if not upload.size:
        raise ValidationError(_("The file is empty."), code="file_empty")
    file_type = ALLOWED_TYPES.get(PurePosixPath(clean_display_name(upload.name or "")).suffix.lower())
    if file_type is None:
        raise _unsupported()
    head = _read_head(upload)
    matches = head.startswith(file_type.magic) if file_type.magic else _looks_like_text(head)
    if matches and file_type.inside is not None:
        matches = file_type.inside(upload)
        upload.seek(0)
    if not matches:
        raise ValidationError(
            _("The content of this file does not match its extension. Allowed are: %(types)s.")
            % {"types": ALLOWED_EXTENSIONS_LABEL},
            code="file_content",
        )
    return file_type


def _store(attachment: Attachment, upload: UploadedFile) -> None:
    """Write the upload whole under its final name, or raise with nothing left behind.

    A full disk or any other write error is the user's to know about (a 422 with the form), not a 500:
    the file is written under a temporary name and only moved into place once complete.
    """
    name = attachment.file.field.generate_filename(attachment, attachment.token)
    try:
        store_atomically(attachment.file.storage, name, upload.chunks(), replace=False)
    except FileWriteError as failure:
        logger.warning("attachment not stored: %s (errno %s)", type(failure).__name__, failure.errno)
        if failure.disk_full:
            message = _(
                "The file could not be stored because the server's storage is full. Nothing was "
                "saved; try again later or tell the functional administrator."
            )
        else:
            message = _(
                "The file could not be stored. Nothing was saved; try again later or tell the "
                "functional administrator."
            )
        raise ValidationError(message, code="storage") from failure
    attachment.file.name = name


@transaction.atomic
def attachment_create(
    *,
    case: Case,
    actor: audit.Actor,
    upload: UploadedFile,
    description: str = "",
    submission_key: UUID | None = None,
) -> Attachment:
    """Check the file, store it under a random token and record the upload (no file name in the trail)."""
    refuse_during_handover(case)
    file_type = check_upload(upload)
    submission = submission_claim(key=submission_key, actor=actor)
    attachment = Attachment(
        case=case,
        created_by=actor.user,
        token=secrets.token_hex(16),
        original_name=clean_display_name(upload.name or ""),
        content_type=file_type.content_type,
        size=upload.size or 0,
        description=description,
    )
    _store(attachment, upload)
    try:
        attachment.save()
        audit.record_change(
            actor=actor,
            obj=attachment,
            action=Action.CREATE,
            event_type="case.attachment.create",
            purpose=Purpose.CASE_MANAGEMENT,
            detail={"content_type": file_type.content_type, "size": attachment.size},
        )
        submission_settle(submission, attachment)
    except Exception:
        # The file system is not part of the transaction: take the stored file back out.
        attachment.file.delete(save=False)
        raise
    return attachment


@transaction.atomic
def attachment_delete(*, attachment: Attachment, actor: audit.Actor) -> None:
    """Remove the row now and the stored file once the deletion is committed."""
    refuse_during_handover(attachment.case)
    audit.record_change(
        actor=actor,
        obj=attachment,
        action=Action.DELETE,
        event_type="case.attachment.delete",
        purpose=Purpose.CASE_MANAGEMENT,
        detail={},
    )
    storage, name = attachment.file.storage, attachment.file.name
    attachment.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))
