"""Subject access (AVG art. 15): the privacy officer requests, an outbox job compiles the PDF, they
download it.

The request and every download are audited on the youth's reference, so they appear in the next
overview too. The PDF lives on the private storage under the request's id; only its requester
downloads it (`cases.selectors_access`).
"""

import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from wio.audit import services as audit
from wio.audit.constants import Action, Purpose, Result
from wio.outbox import services as outbox
from wio.pdf import render_pdf

from ..access_overview import access_log, data_sections, names_employees
from ..constants import AccessRequestStatus
from ..models import Case, SubjectAccessRequest
from ..storage import private_storage
from ..tasks_access import ACCESS_TOPIC, MAX_ATTEMPTS, generate_subject_access_job

PDF_TEMPLATE = "cases/access/pdf.html"
PROGRESS_COLLECTING = 10
PROGRESS_ACCESSES = 40
PROGRESS_RENDERING = 60
PROGRESS_DONE = 100


def file_name_for(request_id: int) -> str:
    return f"subject-access/{request_id}.pdf"


def checksum_of(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def _record(
    actor: audit.Actor, access: SubjectAccessRequest, action: str, event: str, **detail: object
) -> None:
    audit.record_change(
        actor=actor, obj=access, action=action, event_type=event, purpose=Purpose.AUDIT_REVIEW, detail=detail
    )


@transaction.atomic
def access_request_create(*, reference: str, actor: audit.Actor) -> SubjectAccessRequest:
    """Queue the overview of the case with this reference; an unknown reference is refused."""
    if actor.user is None:
        raise ValueError("a subject-access overview is always requested by a person")
    case = Case.objects.filter(reference__iexact=reference.strip()).first()
    if case is None:
        raise ValidationError(
            {"reference": _("No case has this reference. Check it with the municipality.")},
            code="unknown_reference",
        )
    access = SubjectAccessRequest.objects.create(
        case=case, case_reference=case.reference, requested_by=actor.user
    )
    _record(actor, access, Action.CREATE, "case.subject_access.request")
    outbox.enqueue(
        generate_subject_access_job,
        topic=ACCESS_TOPIC,
        subject_id=access.pk,
        key=f"{ACCESS_TOPIC}:{access.pk}",
        max_attempts=MAX_ATTEMPTS,
        access_id=access.pk,
    )
    return access


def _set_progress(access_id: int, progress: int) -> None:
    """A plain UPDATE outside any transaction, so the page polling it sees it at once."""
    SubjectAccessRequest.objects.filter(pk=access_id).update(progress=progress)


def access_render(access: SubjectAccessRequest, case: Case) -> bytes:
    names = names_employees(case)
    _set_progress(access.pk, PROGRESS_COLLECTING)
    sections = data_sections(case, names)
    _set_progress(access.pk, PROGRESS_ACCESSES)
    log = access_log(case, names)
    _set_progress(access.pk, PROGRESS_RENDERING)
    context = {
        "title": _("Overview of personal data (AVG art. 15)"),
        "case": case,
        "access": access,
        "sections": sections,
        "log": log,
        "name_employees": names,
        "made_at": timezone.now(),
    }
    with translation.override(settings.LANGUAGE_CODE):
        _html, pdf = render_pdf(PDF_TEMPLATE, context)
    return pdf


def _store(access: SubjectAccessRequest, pdf: bytes) -> None:
    storage, name = private_storage(), file_name_for(access.pk)
    if storage.exists(name):
        storage.delete(name)
    stored = storage.save(name, ContentFile(pdf))
    SubjectAccessRequest.objects.filter(pk=access.pk).update(
        status=AccessRequestStatus.DONE,
        progress=PROGRESS_DONE,
        file_name=stored,
        checksum=checksum_of(pdf),
        finished_at=timezone.now(),
        error="",
    )


def access_generate(*, access_id: int) -> bool:
    """Compile and store the PDF; False when there is nothing to do (done, or the case is gone)."""
    started = SubjectAccessRequest.objects.filter(
        pk=access_id, status__in=[AccessRequestStatus.QUEUED, AccessRequestStatus.RUNNING]
    ).update(status=AccessRequestStatus.RUNNING, progress=0)
    access = SubjectAccessRequest.objects.select_related("requested_by").filter(pk=access_id).first()
    if not started or access is None:
        return False
    case = (
        Case.objects.select_related("gemeente", "swv").filter(pk=access.case_id).first()
        if access.case_id is not None
        else None
    )
    if case is None:
        access_attempt_failed(access_id=access_id, error=LookupError("case destroyed"), final=True)
        return False
    _store(access, access_render(access, case))
    _record(
        audit.actor_from(user=access.requested_by), access, Action.EXECUTE, "case.subject_access.generate"
    )
    return True


def access_attempt_failed(*, access_id: int, error: BaseException, final: bool) -> None:
    """Back to waiting while the outbox retries, FAILED after the last attempt.

    Only the exception's class is kept: its message could quote the youth's data.
    """
    status = AccessRequestStatus.FAILED if final else AccessRequestStatus.QUEUED
    SubjectAccessRequest.objects.filter(pk=access_id).update(
        status=status, progress=0, error=type(error).__name__, finished_at=timezone.now() if final else None
    )
    access = SubjectAccessRequest.objects.select_related("requested_by").filter(pk=access_id).first()
    if access is not None and final:
        audit.record_event(
            actor=audit.actor_from(user=access.requested_by),
            action=Action.EXECUTE,
            event_type="case.subject_access.generate",
            purpose=Purpose.AUDIT_REVIEW,
            result=Result.FAILED,
            obj=access,
            detail={"error": type(error).__name__},
        )


def access_pdf(access: SubjectAccessRequest) -> bytes | None:
    """The stored PDF, only when it is the one the checksum describes."""
    if access.status != AccessRequestStatus.DONE or not access.file_name:
        return None
    try:
        with private_storage().open(access.file_name, "rb") as handle:
            content: bytes = handle.read()
    except OSError:
        return None
    return content if checksum_of(content) == access.checksum else None
