from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from cases import selectors as case_selectors
from cases.identity_check import known_people
from cases.permissions import can_view_case
from cases.services import ConflictError
from wio.audit import services as audit
from wio.audit.constants import Purpose
from wio.paging import page_of_rows
from wio.submissions.services import AlreadySubmitted

from .. import selectors, services
from ..constants import METHOD_STEPS
from ..forms.beraad import BeraadForm, WaiverForm
from ..permissions import (
    can_manage_beraad,
    can_manage_meeting_places,
    can_plan_beraad,
    can_record_beraad,
)
from .common import beraad_user_required, coordinator_actor

BERADEN_PER_PAGE = 25
CONFLICT = gettext_lazy("Someone else changed this beraad in the meantime; below is the current version.")


@beraad_user_required
@require_http_methods(["GET"])
def beraad_list(request: HttpRequest) -> HttpResponse:
    """Upcoming and past beraden, each a page at a time: the page and its audit trail are bounded by
    what it shows, however many beraden a partnership has held."""
    upcoming_beraden, past_beraden = selectors.overview_beraden(request.user)
    upcoming = page_of_rows(request, upcoming_beraden, param="komend", per_page=BERADEN_PER_PAGE)
    past = page_of_rows(request, past_beraden, param="afgelopen", per_page=BERADEN_PER_PAGE)
    audit.record_read(
        request=request,
        objects=[*upcoming.rows, *past.rows],
        event_type="beraad.list",
        purpose=Purpose.MOREEL_BERAAD,
    )
    context = {
        "upcoming": upcoming,
        "past": past,
        "can_manage_meeting_places": can_manage_meeting_places(request.user),
    }
    return render(request, "moreelberaad/beraad_list.html", context)


@beraad_user_required
@require_http_methods(["GET", "POST"])
def beraad_plan(request: HttpRequest, case_id: int) -> HttpResponse:
    case = case_selectors.get_case_for_user_or_404(request, case_id)
    if not can_plan_beraad(request.user, case):
        raise PermissionDenied
    form = BeraadForm(request.POST or None, swv_id=case.swv_id, known=lambda: known_people([case.pk]))
    if request.method == "POST" and form.is_valid():
        try:
            beraad = services.beraad_plan(
                case=case,
                actor=coordinator_actor(request),
                data=form.model_data(),
                submission_key=form.submission_key_value(),
            )
        except AlreadySubmitted as repeat:  # a second click: the first made the beraad
            return redirect("moreelberaad:detail", beraad_id=repeat.target_id)
        messages.success(request, _("The beraad has been planned. Now compose the table with the parents."))
        return redirect("moreelberaad:detail", beraad_id=beraad.pk)
    status = 422 if request.method == "POST" else 200
    return render(request, "moreelberaad/beraad_form.html", {"form": form, "case": case}, status=status)


@beraad_user_required
@require_http_methods(["GET"])
def beraad_detail(request: HttpRequest, beraad_id: int) -> HttpResponse:
    selectors.get_beraad_for_user_or_404(request, beraad_id)
    beraad = selectors.beraad_with_everything(beraad_id)
    participants = list(beraad.participants.all())
    audit.record_read(
        request=request, objects=[beraad], event_type="beraad.detail", purpose=Purpose.MOREEL_BERAAD
    )
    context = {
        "beraad": beraad,
        "case": beraad.case,
        "participants": participants,
        "blockers": selectors.invitation_blockers(beraad, participants),
        "warnings": selectors.composition_warnings(participants),
        "preparation_ready": selectors.preparation_ready(beraad),
        "steps": METHOD_STEPS[beraad.method],
        "can_manage": can_manage_beraad(request.user, beraad),
        # Project staff lead beraden without access to the case file: no link that answers 403.
        "can_open_case": can_view_case(request.user, beraad.case),
        "can_record": can_record_beraad(request.user, beraad, participants),
    }
    return render(request, "moreelberaad/beraad_detail.html", context)


@beraad_user_required
@require_http_methods(["GET", "POST"])
def beraad_edit(request: HttpRequest, beraad_id: int) -> HttpResponse:
    beraad = selectors.get_beraad_for_user_or_404(request, beraad_id)
    if not can_manage_beraad(request.user, beraad):
        raise PermissionDenied
    form = BeraadForm(request.POST or None, instance=beraad, known=lambda: known_people([beraad.case_id]))
    if request.method == "POST" and form.is_valid():
        try:
            services.beraad_update(
                beraad=beraad,
                actor=coordinator_actor(request),
                data=form.model_data(),
                expected_version=form.expected_version(),
            )
        except ConflictError as conflict:
            fresh = BeraadForm(instance=conflict.current)
            context = {"form": fresh, "case": beraad.case, "beraad": beraad, "conflict": CONFLICT}
            return render(request, "moreelberaad/beraad_form.html", context, status=409)
        messages.success(request, _("The beraad has been saved."))
        return redirect("moreelberaad:detail", beraad_id=beraad.pk)
    status = 422 if request.method == "POST" else 200
    context = {"form": form, "case": beraad.case, "beraad": beraad}
    return render(request, "moreelberaad/beraad_form.html", context, status=status)


@beraad_user_required
@require_http_methods(["GET", "POST"])
def preparation_waiver(request: HttpRequest, beraad_id: int) -> HttpResponse:
    beraad = selectors.get_beraad_for_user_or_404(request, beraad_id)
    if not can_manage_beraad(request.user, beraad):
        raise PermissionDenied
    form = WaiverForm(
        request.POST or None, initial={"reason": beraad.preparation_waiver, "version": beraad.version}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.preparation_waive(
                beraad=beraad,
                actor=coordinator_actor(request),
                reason=form.cleaned_data["reason"],
                expected_version=int(form.cleaned_data.get("version") or 1),
            )
        except ConflictError:
            messages.error(request, CONFLICT)
        else:
            messages.success(request, _("The reason has been recorded."))
        return redirect("moreelberaad:detail", beraad_id=beraad.pk)
    status = 422 if request.method == "POST" else 200
    return render(request, "moreelberaad/waiver_form.html", {"form": form, "beraad": beraad}, status=status)


@beraad_user_required
@require_POST
def parents_approve(request: HttpRequest, beraad_id: int) -> HttpResponse:
    beraad = selectors.get_beraad_for_user_or_404(request, beraad_id)
    if not can_manage_beraad(request.user, beraad):
        raise PermissionDenied
    if not beraad.participants.exists():
        messages.error(request, _("There is nobody on the list yet."))
    else:
        services.participants_approve_by_parents(beraad=beraad, actor=coordinator_actor(request))
        messages.success(request, _("Recorded: the parents agree with the participants."))
    return redirect("moreelberaad:detail", beraad_id=beraad.pk)
