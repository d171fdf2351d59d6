from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from wio.accounts.constants import Role
from wio.accounts.permissions import can_view_audit_trail

from . import services
from .constants import Action, Purpose
from .forms import AuditFilterForm
from .selectors import audit_events

PAGE_SIZE = 50


@require_GET
@login_required
def event_list(request: HttpRequest) -> HttpResponse:
    if not can_view_audit_trail(request.user):
        raise PermissionDenied
    form = AuditFilterForm(request.GET or None)
    page = Paginator(audit_events(form.to_filter()), PAGE_SIZE).get_page(request.GET.get("page"))
    # LOG-4: reading the trail is itself recorded.
    services.record_event(
        actor=services.actor_from(request=request, role=Role.PRIVACY_OFFICER),
        action=Action.READ,
        event_type="audit.list",
        purpose=Purpose.AUDIT_REVIEW,
        detail={"page": page.number, "rows": len(page.object_list)},
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "audit/event_list.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )
