from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cases.services import ConflictError
from wio.confirmation import confirmation_page, is_confirmed
from wio.submissions.services import AlreadySubmitted

from .. import selectors, services
from ..forms.beraad import ParticipantForm
from ..models import Beraad, Participant
from ..permissions import can_manage_beraad
from .beraad import CONFLICT
from .common import beraad_user_required, coordinator_actor


def _managed_beraad(request: HttpRequest, beraad_id: int) -> Beraad:
    beraad = selectors.get_beraad_for_user_or_404(request, beraad_id)
    if not can_manage_beraad(request.user, beraad):
        raise PermissionDenied
    return beraad


def _back(beraad: Beraad) -> HttpResponse:
    return redirect(f"{reverse('moreelberaad:detail', args=[beraad.pk])}#deelnemers")


@beraad_user_required
@require_http_methods(["GET", "POST"])
def participant_add(request: HttpRequest, beraad_id: int) -> HttpResponse:
    beraad = _managed_beraad(request, beraad_id)
    form = ParticipantForm(request.POST or None, case=beraad.case)
    if request.method == "POST" and form.is_valid():
        try:
            services.participant_add(
                beraad=beraad,
                actor=coordinator_actor(request),
                data=form.model_data(),
                submission_key=form.submission_key_value(),
            )
        except AlreadySubmitted:
            return _back(beraad)
        messages.success(request, _("The participant has been added; the parents approve the list again."))
        return _back(beraad)
    status = 422 if request.method == "POST" else 200
    context = {"form": form, "beraad": beraad, "participant": None}
    return render(request, "moreelberaad/participant_form.html", context, status=status)


@beraad_user_required
@require_http_methods(["GET", "POST"])
def participant_edit(request: HttpRequest, beraad_id: int, participant_id: int) -> HttpResponse:
    beraad = _managed_beraad(request, beraad_id)
    participant = get_object_or_404(Participant, pk=participant_id, beraad=beraad)
    form = ParticipantForm(request.POST or None, instance=participant, case=beraad.case)
    if request.method == "POST" and form.is_valid():
        try:
            services.participant_update(
                participant=participant,
                actor=coordinator_actor(request),
                data=form.model_data(),
                expected_version=form.expected_version(),
            )
        except ConflictError as conflict:
            fresh = ParticipantForm(instance=conflict.current, case=beraad.case)
            context = {"form": fresh, "beraad": beraad, "participant": participant, "conflict": CONFLICT}
            return render(request, "moreelberaad/participant_form.html", context, status=409)
        messages.success(request, _("The participant has been saved."))
        return _back(beraad)
    status = 422 if request.method == "POST" else 200
    context = {"form": form, "beraad": beraad, "participant": participant}
    return render(request, "moreelberaad/participant_form.html", context, status=status)


@beraad_user_required
@require_http_methods(["GET", "POST"])
def participant_remove(request: HttpRequest, beraad_id: int, participant_id: int) -> HttpResponse:
    beraad = _managed_beraad(request, beraad_id)
    participant = get_object_or_404(Participant, pk=participant_id, beraad=beraad)
    if is_confirmed(request, participant.version):
        services.participant_remove(participant=participant, actor=coordinator_actor(request))
        messages.success(request, _("The participant has been removed."))
        return _back(beraad)
    context = {
        "beraad": beraad,
        "participant": participant,
        "back_url": f"{reverse('moreelberaad:detail', args=[beraad.pk])}#deelnemers",
        "irreversible": True,
        "danger": True,
    }
    template = "moreelberaad/participant_confirm_remove.html"
    return confirmation_page(request, template, context, participant.version)
