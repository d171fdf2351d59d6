"""Destruction lists for the functional administrators and privacy officers (ADR 0014).

The nightly task draws up a list per municipality; each page shows case references and dates only.
Approving is a form on the list's own page, which is the confirmation: the second approval, by the
other role and another person, destroys the files at once.
"""

from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from wio.audit import services as audit
from wio.audit.constants import Action, Purpose

from .. import retention_selectors, services
from ..constants import DestructionListStatus
from ..forms.destruction import DestructionApprovalForm
from ..models import DestructionList
from ..permissions import can_review_destruction, destruction_roles_of
from .common import View


def reviewer_required(view: View) -> View:
    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not can_review_destruction(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def _record_read(request: HttpRequest, event_type: str, **detail: Any) -> None:
    audit.record_event(
        actor=audit.actor_from(request=request),
        action=Action.READ,
        event_type=event_type,
        purpose=Purpose.RETENTION,
        detail=detail,
    )


@reviewer_required
@require_GET
def destruction_list_index(request: HttpRequest) -> HttpResponse:
    lists = list(retention_selectors.destruction_lists_for(request.user))
    records = list(retention_selectors.recent_destruction_records(request.user))
    _record_read(request, "destruction_list.list", lists=len(lists), records=len(records))
    context = {"lists": lists, "records": records}
    return render(request, "cases/destruction/list_index.html", context)


def _approval_form(request: HttpRequest, data: Any = None) -> DestructionApprovalForm:
    return DestructionApprovalForm(data, roles=destruction_roles_of(request.user))


def _render_detail(
    request: HttpRequest, destruction_list: DestructionList, form: DestructionApprovalForm, status: int
) -> HttpResponse:
    # The page names the listed cases by reference: each is a read, for the subject-access overview.
    audit.record_read(
        request=request,
        objects=destruction_list.items.all(),
        event_type="destruction_list.detail",
        purpose=Purpose.RETENTION,
    )
    context = {
        "destruction_list": destruction_list,
        "form": form,
        "awaiting": destruction_list.status == DestructionListStatus.PROPOSED,
    }
    return render(request, "cases/destruction/list_detail.html", context, status=status)


def _approved_message(approved: DestructionList) -> str:
    if approved.status == DestructionListStatus.DESTROYED:
        return _("Both approvals are in: the cases on the list have been destroyed.")
    return _("Your approval has been recorded. The other role approves next.")


@reviewer_required
@require_http_methods(["GET", "POST"])
def destruction_list_detail(request: HttpRequest, list_id: int) -> HttpResponse:
    destruction_list = retention_selectors.destruction_list_for_user_or_404(request.user, list_id)
    if request.method == "GET":
        return _render_detail(request, destruction_list, _approval_form(request), 200)
    form = _approval_form(request, request.POST)
    if form.is_valid():
        try:
            approved = services.destruction_list_approve(
                destruction_list=destruction_list,
                role=form.cleaned_data["role"],
                actor=audit.actor_from(request=request, role=form.cleaned_data["role"]),
            )
        except ValidationError as refusal:
            form.add_error(None, refusal)
        else:
            if approved.status == DestructionListStatus.DESTROYED:
                messages.success(
                    request, _("Both approvals are in: the cases on the list have been destroyed.")
                )
            else:
                messages.success(request, _("Your approval has been recorded. The other role approves next."))
            return redirect("cases:destruction_list_detail", list_id=destruction_list.pk)
    fresh = retention_selectors.destruction_list_for_user_or_404(request.user, list_id)
    return _render_detail(request, fresh, form, 422)
