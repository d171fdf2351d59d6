"""A youth moves: the LPA offers the case to another municipality, whose LPA accepts or declines."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from wio.audit import services as audit
from wio.confirmation import confirmation_page, is_confirmed

from .. import selectors, services
from ..forms.handover import HandoverAcceptForm, HandoverRequestForm
from ..models import Case, CaseHandover
from ..permissions import (
    AnyUser,
    can_cancel_handover,
    can_decide_handover,
    can_hand_over,
    can_see_handovers,
    pending_handover,
)
from ..selectors_handover import get_handover_for_user_or_404, incoming_handovers, outgoing_handovers
from .common import actor, case_worker_required


def handover_context(user: AnyUser, case: Case) -> dict[str, Any]:
    """For the case page: the pending offer and which of its buttons this user gets."""
    handover = pending_handover(case)
    return {
        "handover": handover,
        "can_hand_over": can_hand_over(user, case),
        "can_decide_handover": handover is not None and can_decide_handover(user, handover),
        "can_cancel_handover": handover is not None and can_cancel_handover(user, handover),
    }


@case_worker_required
@require_http_methods(["GET", "POST"])
def handover_request(request: HttpRequest, case_id: int) -> HttpResponse:
    """Choose the municipality, then confirm on a page of its own (works without JavaScript)."""
    case = selectors.get_case_for_user_or_404(request, case_id)
    if not can_hand_over(request.user, case):
        raise PermissionDenied
    form = HandoverRequestForm(request.POST or None, current_gemeente_id=case.gemeente_id)
    context = {"case": case, "form": form}
    if request.method == "POST" and form.is_valid():
        to_gemeente = form.cleaned_data["to_gemeente"]
        if not is_confirmed(request, to_gemeente.pk):
            page = {
                **context,
                "to_gemeente": to_gemeente,
                "back_url": reverse("cases:detail", args=[case.pk]),
            }
            return confirmation_page(request, "cases/handover/confirm.html", page, to_gemeente.pk)
        try:
            services.handover_request(case=case, to_gemeente=to_gemeente, actor=actor(request))
        except ValidationError as refusal:
            messages.error(request, " ".join(refusal.messages))
        else:
            messages.success(
                request,
                _("The case has been offered to %(gemeente)s. Until it is accepted the case is read-only.")
                % {"gemeente": to_gemeente.name},
            )
        return redirect("cases:detail", case_id=case.pk)
    status = 422 if request.method == "POST" else 200
    return render(request, "cases/handover/request.html", context, status=status)


@case_worker_required
@require_GET
def handover_list(request: HttpRequest) -> HttpResponse:
    """ "Over te nemen": what other municipalities offer this one, and what it offered itself."""
    if not can_see_handovers(request.user):
        raise PermissionDenied
    incoming, outgoing = list(incoming_handovers(request.user)), list(outgoing_handovers(request.user))
    audit.record_read(
        request=request, objects=[h.case for h in incoming + outgoing], event_type="case.handover.list"
    )
    return render(request, "cases/handover/list.html", {"incoming": incoming, "outgoing": outgoing})


def _decide(request: HttpRequest, handover: CaseHandover, form: HandoverAcceptForm) -> HttpResponse | None:
    """Run the posted decision; None when the form has to be shown again with its errors."""
    decision = request.POST.get("decision")
    try:
        if decision == "decline":
            services.handover_decline(handover=handover, actor=actor(request))
            messages.success(request, _("You declined the case; it stays with the other municipality."))
            return redirect("cases:handover_list")
        if decision == "accept" and form.is_valid():
            services.handover_accept(
                handover=handover, to_swv=form.cleaned_data["to_swv"], actor=actor(request)
            )
            messages.success(request, _("The case is now your municipality's."))
            return redirect("cases:detail", case_id=handover.case_id)
    except ValidationError as refusal:
        messages.error(request, " ".join(refusal.messages))
        return redirect("cases:handover_list")
    return None


@case_worker_required
@require_http_methods(["GET", "POST"])
def handover_decide(request: HttpRequest, handover_id: int) -> HttpResponse:
    handover = get_handover_for_user_or_404(request, handover_id)
    if not can_decide_handover(request.user, handover):
        raise PermissionDenied
    form = HandoverAcceptForm(
        request.POST if request.POST.get("decision") == "accept" else None,
        to_gemeente_id=handover.to_gemeente_id,
    )
    if request.method == "POST":
        response = _decide(request, handover, form)
        if response is not None:
            return response
    audit.record_read(request=request, objects=[handover.case], event_type="case.handover.detail")
    status = 422 if request.method == "POST" else 200
    return render(request, "cases/handover/decide.html", {"handover": handover, "form": form}, status=status)


@case_worker_required
@require_http_methods(["GET", "POST"])
def handover_cancel(request: HttpRequest, handover_id: int) -> HttpResponse:
    handover = get_handover_for_user_or_404(request, handover_id)
    if not can_cancel_handover(request.user, handover):
        raise PermissionDenied
    if is_confirmed(request, handover.status):
        try:
            services.handover_cancel(handover=handover, actor=actor(request))
        except ValidationError as refusal:
            messages.error(request, " ".join(refusal.messages))
        else:
            messages.success(request, _("The handover has been withdrawn; the case can be changed again."))
        return redirect("cases:detail", case_id=handover.case_id)
    audit.record_read(request=request, objects=[handover.case], event_type="case.handover.cancel_form")
    context = {
        "handover": handover,
        "back_url": reverse("cases:detail", args=[handover.case_id]),
        "danger": True,
    }
    return confirmation_page(request, "cases/handover/cancel.html", context, handover.status)
