"""Destroying a case file completely: every row and every file, one DestructionRecord left (ADR 0014).

Two ways lead here: a destruction list approved by two people when the retention period ended, and
an LPA deleting a case registered in error within 30 days. Both remove the same things. The audit
trail is not touched: it is append-only, keeps its own five-year retention, and names the case only
by its reference.
"""

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from wio.audit import services as audit
from wio.audit.constants import Action, Purpose

from ..constants import DestructionListStatus, DestructionReason, Status
from ..destroyers import Destruction, case_destroyers
from ..models import (
    Attachment,
    Case,
    Consent,
    DestructionList,
    DestructionRecord,
    Knelpunt,
    SubjectAccessRequest,
)
from ..retention import may_delete_in_error
from ..storage import private_storage


def _remove_files(names: Iterable[str]) -> None:
    storage = private_storage()
    for name in names:
        if name and storage.exists(name):
            storage.delete(name)


def _destroy_own_rows(work: Destruction) -> None:
    """What `cases` holds beyond the cascade: files, consents (they protect persons), knelpunten."""
    case = work.case
    work.files.extend(name for name in Attachment.objects.filter(case=case).values_list("file", flat=True))
    # A subject-access overview holds the whole file: its PDF goes, the record of the request stays.
    overviews = SubjectAccessRequest.objects.filter(case=case).exclude(file_name="")
    work.files.extend(overviews.values_list("file_name", flat=True))
    overviews.update(file_name="", checksum="")
    _count, per_model = Consent.objects.filter(case=case).delete()
    work.deleted(per_model)
    # A knelpunt raised in this case alone goes with it; one shared with other cases stays theirs.
    only_this_case = Knelpunt.objects.filter(cases=case).exclude(cases__in=Case.objects.exclude(pk=case.pk))
    _count, per_model = only_this_case.delete()
    work.deleted(per_model)


@transaction.atomic
def destroy_case(
    *,
    case: Case,
    reason: str,
    actor: audit.Actor,
    destruction_list: DestructionList | None = None,
    note: str = "",
) -> DestructionRecord:
    """Remove the case and everything of it (other apps' destroyers first), keep only the record."""
    locked = Case.objects.select_for_update().get(pk=case.pk)
    audit.record_change(
        actor=actor,
        obj=locked,
        action=Action.DELETE,
        event_type="case.destroy" if reason == DestructionReason.RETENTION else "case.delete_in_error",
        purpose=Purpose.RETENTION if reason == DestructionReason.RETENTION else Purpose.CASE_MANAGEMENT,
        detail={"reason": reason},
    )
    work = Destruction(case=locked)
    for destroyer in case_destroyers():
        destroyer(work)
    _destroy_own_rows(work)
    reference, registered_on, closed_on = locked.reference, locked.registered_on, locked.closed_on
    gemeente_id = locked.gemeente_id
    _count, per_model = locked.delete()
    work.deleted(per_model)
    files = list(work.files)
    transaction.on_commit(lambda: _remove_files(files))
    return DestructionRecord.objects.create(
        case_reference=reference,
        gemeente_id=gemeente_id,
        reason=reason,
        registered_on=registered_on,
        closed_on=closed_on,
        destruction_list=destruction_list,
        deleted_by=actor.user if reason == DestructionReason.REGISTERED_IN_ERROR else None,
        note=note,
        counts={**dict(sorted(work.counts.items())), "files": len(files)},
    )


def _still_due(case: Case, today: date) -> bool:
    """A case reopened after the list was drawn up is kept: its destruction date is gone."""
    return case.status == Status.AFGESLOTEN and case.destroy_on is not None and case.destroy_on <= today


def destroy_list(*, destruction_list: DestructionList, actor: audit.Actor) -> int:
    """Destroy every case on an approved list that is still due. Returns how many were destroyed."""
    today = timezone.localdate()
    destroyed = 0
    for item in destruction_list.items.select_related("case"):
        if item.case is not None and _still_due(item.case, today):
            destroy_case(
                case=item.case,
                reason=DestructionReason.RETENTION,
                actor=actor,
                destruction_list=destruction_list,
            )
            destroyed += 1
    destruction_list.status = DestructionListStatus.DESTROYED
    destruction_list.destroyed_at = timezone.now()
    destruction_list.save(update_fields=["status", "destroyed_at"])
    audit.record_event(
        actor=actor,
        action=Action.DELETE,
        event_type="destruction_list.destroy",
        purpose=Purpose.RETENTION,
        obj=destruction_list,
        detail={"destroyed": destroyed},
    )
    return destroyed


@transaction.atomic
def case_delete_in_error(*, case: Case, actor: audit.Actor, note: str) -> DestructionRecord:
    """An LPA removes a case registered by mistake: the same complete removal, a record with why."""
    if not may_delete_in_error(case.registered_on, timezone.localdate()):
        raise PermissionDenied
    return destroy_case(
        case=case, reason=DestructionReason.REGISTERED_IN_ERROR, actor=actor, note=note.strip()
    )
