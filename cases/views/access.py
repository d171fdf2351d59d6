"""Subject access (AVG art. 15): the privacy officer requests, follows and downloads the overview."""

from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from wio.accounts.constants import Role
from wio.audit import services as audit
from wio.audit.constants import Purpose

from ..constants import AccessRequestStatus
from ..forms.access import AccessRequestForm
from ..models import SubjectAccessRequest
from ..permissions import can_request_subject_access
from ..selectors_access import access_requests_of, get_access_request_or_404
from ..services import subject_access as services
from .common import View

STATUS_TEMPLATE = "cases/access/status.html"
PROGRESS_STEP = 5  # the width classes of static/css/monitor-reports.css go in steps of 5 %


def privacy_officer_required(view: View) -> View:
    """Signed in, and a privacy officer: they answer a data subject's request for the platform."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not can_request_subject_access(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def _actor(request: HttpRequest) -> audit.Actor:
    return audit.actor_from(request=request, role=Role.PRIVACY_OFFICER)


def _status_context(access: SubjectAccessRequest) -> dict[str, object]:
    step = min(100, max(0, round(access.progress / PROGRESS_STEP) * PROGRESS_STEP))
    return {
        "access": access,
        "statuses": AccessRequestStatus,
        "progress_step": step,
        "in_progress": access.status in (AccessRequestStatus.QUEUED, AccessRequestStatus.RUNNING),
    }


@privacy_officer_required
@require_http_methods(["GET", "POST"])
def access_list(request: HttpRequest) -> HttpResponse:
    form = AccessRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            access = services.access_request_create(
                reference=form.cleaned_data["reference"], actor=_actor(request)
            )
        except ValidationError as refusal:
            form.add_error("reference", refusal.message_dict.get("reference", refusal.messages))
        else:
            messages.info(request, _("The overview is being compiled; this page shows when it is ready."))
            return redirect("cases:access_detail", access_id=access.pk)
    status = 422 if request.method == "POST" else 200
    requests = list(access_requests_of(request.user)[:50])
    # The list names youths by reference: recorded as the officer's review, like the audit trail.
    audit.record_read(
        request=request, objects=requests, event_type="case.subject_access.list", purpose=Purpose.AUDIT_REVIEW
    )
    context = {"form": form, "requests": requests}
    return render(request, "cases/access/list.html", context, status=status)


@privacy_officer_required
@require_GET
def access_detail(request: HttpRequest, access_id: int) -> HttpResponse:
    access = get_access_request_or_404(request, access_id)
    audit.record_read(
        request=request,
        objects=[access],
        event_type="case.subject_access.detail",
        purpose=Purpose.AUDIT_REVIEW,
    )
    return render(request, "cases/access/detail.html", _status_context(access))


@privacy_officer_required
@require_GET
def access_progress(request: HttpRequest, access_id: int) -> HttpResponse:
    """The part of the detail page htmx polls every 2 s until the overview is ready or failed."""
    access = get_access_request_or_404(request, access_id)
    return render(request, STATUS_TEMPLATE, _status_context(access))


@privacy_officer_required
@require_GET
def access_download(request: HttpRequest, access_id: int) -> HttpResponse:
    """The delivery: recorded on the youth's reference, like the request."""
    access = get_access_request_or_404(request, access_id)
    content = services.access_pdf(access)
    if content is None:
        raise Http404
    audit.record_export(
        request=request,
        obj=access,
        event_type="case.subject_access.download",
        purpose=Purpose.AUDIT_REVIEW,
        detail={"sha256": access.checksum},
    )
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="inzage-{access.case_reference}.pdf"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
