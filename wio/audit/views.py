"""The privacy officer's audit trail: filter (posted, kept in the session), page through, export."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from wio.accounts.constants import Role
from wio.accounts.permissions import can_view_audit_trail

from . import services
from .constants import Action, Purpose
from .export import audit_csv_lines
from .forms import FILTER_FIELDS, AuditFilterForm
from .selectors import audit_events

PAGE_SIZE = 50
FILTER_SESSION_KEY = "wio_audit_filters"


def _require_privacy_officer(request: HttpRequest) -> None:
    if not can_view_audit_trail(request.user):
        raise PermissionDenied


def _record(request: HttpRequest, event_type: str, detail: dict[str, object]) -> None:
    # LOG-4: reading the trail is itself recorded.
    services.record_event(
        actor=services.actor_from(request=request, role=Role.PRIVACY_OFFICER),
        action=Action.EXECUTE if event_type == "audit.export" else Action.READ,
        event_type=event_type,
        purpose=Purpose.AUDIT_REVIEW,
        detail=detail,
    )


def _stored_form(request: HttpRequest) -> AuditFilterForm:
    stored = request.session.get(FILTER_SESSION_KEY)
    return AuditFilterForm(stored or None)


@require_http_methods(["GET", "POST"])
@login_required
def event_list(request: HttpRequest) -> HttpResponse:
    _require_privacy_officer(request)
    if request.method == "POST":
        form = AuditFilterForm(request.POST)
        if form.is_valid():
            request.session[FILTER_SESSION_KEY] = {name: request.POST.get(name, "") for name in FILTER_FIELDS}
            return redirect("audit:event_list")
        status = 422
    else:
        if request.GET.get("reset"):
            request.session.pop(FILTER_SESSION_KEY, None)
            return redirect("audit:event_list")
        form, status = _stored_form(request), 200
    page = Paginator(audit_events(form.to_filter()), PAGE_SIZE).get_page(request.GET.get("page"))
    _record(request, "audit.list", {"page": page.number, "rows": len(page.object_list)})
    filtered = bool(request.session.get(FILTER_SESSION_KEY))
    return render(
        request, "audit/event_list.html", {"form": form, "page": page, "filtered": filtered}, status=status
    )


@require_GET
@login_required
def event_export(request: HttpRequest) -> StreamingHttpResponse:
    """The filtered events as CSV (semicolons, as Dutch Excel expects); the export is recorded."""
    _require_privacy_officer(request)
    events = audit_events(_stored_form(request).to_filter())
    _record(request, "audit.export", {"rows": events.count()})
    filename = f"audittrail-{timezone.localdate():%Y%m%d}.csv"
    response = StreamingHttpResponse(audit_csv_lines(events), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
