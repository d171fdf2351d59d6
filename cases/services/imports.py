"""Importing cases from a CSV file: storing the upload, and committing it all or nothing."""

import hashlib
from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wio.accounts.models import Organisation
from wio.audit import services as audit
from wio.audit.constants import Action, Purpose

from .. import imports
from ..models import CaseImport
from .case import case_create

# An upload nobody committed is removed after this long, with the names and dates of birth it held.
ABANDONED_AFTER = timedelta(hours=24)


class ImportInvalidError(ValidationError):
    """The file has invalid rows (or cannot be read at all); nothing was created."""


@dataclass(frozen=True)
class ImportCommitResult:
    created: int
    already_committed: bool = False


@transaction.atomic
def case_import_upload(*, actor: audit.Actor, gemeente: Organisation, content: str) -> CaseImport:
    """Keep an uploaded file (already decoded, with a valid header) for its preview and commit."""
    if actor.user is None:
        raise ValueError("an import needs a signed-in uploader")
    case_import = CaseImport.objects.create(
        gemeente=gemeente,
        uploaded_by=actor.user,
        content=content,
        checksum=hashlib.sha256(content.encode("utf-8")).hexdigest(),
    )
    try:
        rows = len(imports.read_csv(content))
    except imports.ImportFileError:
        rows = 0
    audit.record_change(
        actor=actor,
        obj=case_import,
        action=Action.CREATE,
        event_type="case_import.upload",
        purpose=Purpose.CASE_MANAGEMENT,
        detail={"rows": rows},  # counts only: the file holds names and dates of birth
    )
    return case_import


@transaction.atomic
def case_import_commit(
    *, case_import: CaseImport, actor: audit.Actor, today: date | None = None
) -> ImportCommitResult:
    """Create every new case of the file, or none; a second commit of the same import does nothing.

    The file is checked again here, under locks, so that what was previewed cannot have been
    overtaken by a case registered in between.
    """
    locked = CaseImport.objects.select_for_update().get(pk=case_import.pk)
    if locked.committed_at is not None:
        return ImportCommitResult(created=locked.created_count, already_committed=True)
    # Two imports into one municipality commit one after the other, so neither misses the other's
    # cases when it looks for youths who are already registered.
    Organisation.objects.select_for_update(no_key=True).filter(pk=locked.gemeente_id).first()
    preview = imports.preview_import(
        content=locked.content, gemeente_id=locked.gemeente_id, today=today or timezone.localdate()
    )
    if not preview.can_commit:
        raise ImportInvalidError(
            _("Nothing has been imported: the file has rows with errors. Correct them and upload it again."),
            code="invalid_rows",
        )
    for row in preview.new:
        case_create(actor=actor, data=row.case_data(locked.gemeente_id))
    locked.committed_at = timezone.now()
    locked.created_count = len(preview.new)
    locked.content = ""  # the file's names and dates of birth now live in the cases, or nowhere
    locked.save(update_fields=["committed_at", "created_count", "content"])
    audit.record_change(
        actor=actor,
        obj=locked,
        action=Action.UPDATE,
        event_type="case_import.commit",
        purpose=Purpose.CASE_MANAGEMENT,
        detail={"created": len(preview.new), "already_registered": len(preview.duplicates)},
    )
    return ImportCommitResult(created=len(preview.new))


@transaction.atomic
def case_imports_purge_abandoned() -> int:
    """Delete uploads left uncommitted for ABANDONED_AFTER (nightly). Returns how many went."""
    cutoff = timezone.now() - ABANDONED_AFTER
    abandoned = CaseImport.objects.filter(committed_at__isnull=True, uploaded_at__lt=cutoff)
    deleted, _per_model = abandoned.delete()
    if deleted:
        audit.record_event(
            actor=audit.Actor(user=None, label="system", role="", organisation_id=None, source_ip=None),
            action=Action.DELETE,
            event_type="case_import.purge_abandoned",
            purpose=Purpose.RETENTION,
            detail={"deleted": deleted},
        )
    return deleted
