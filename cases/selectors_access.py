"""Subject-access requests, each visible to the privacy officer who made it and to nobody else."""

from django.db.models import QuerySet
from django.http import Http404, HttpRequest

from wio.audit import services as audit
from wio.audit.constants import Purpose

from .models import SubjectAccessRequest
from .permissions import AnyUser


def access_requests_of(user: AnyUser) -> QuerySet[SubjectAccessRequest]:
    if not user.is_authenticated:
        return SubjectAccessRequest.objects.none()
    return SubjectAccessRequest.objects.filter(requested_by_id=user.pk)


def get_access_request_or_404(request: HttpRequest, access_id: int) -> SubjectAccessRequest:
    """The user's own request, or 404 (another officer's request is recorded as a denied read)."""
    access = access_requests_of(request.user).filter(pk=access_id).first()
    if access is None:
        existing = SubjectAccessRequest.objects.filter(pk=access_id).first()
        if existing is not None:
            audit.record_denial(
                request=request,
                event_type="case.subject_access.out_of_scope",
                purpose=Purpose.AUDIT_REVIEW,
                obj_type="cases.subjectaccessrequest",
                obj_id=access_id,
                youth_ref=existing.case_reference,
            )
        raise Http404
    return access
