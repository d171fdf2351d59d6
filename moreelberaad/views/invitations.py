from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from wio.confirmation import confirmation_page, is_confirmed

from .. import selectors
from ..constants import OPEN_STATUSES
from ..forms.invitations import AnswerForm, CancelForm
from ..invitation_selectors import invitations_waiting_for_worker
from ..models import Beraad, Participant
from ..permissions import can_manage_beraad, can_record_beraad
from ..services import invitations as services
from .common import actor, beraad_user_required, coordinator_actor


def _managed_beraad(request: HttpRequest, beraad_id: int) -> Beraad:
    beraad = selectors.get_beraad_for_user_or_404(request, beraad_id)
    if not can_manage_beraad(request.user, beraad):
        raise PermissionDenied
    return beraad


def _back(beraad: Beraad) -> HttpResponse:
    return redirect(f"{reverse('moreelberaad:detail', args=[beraad.pk])}#uitnodigingen")


def _report(request: HttpRequest, refusal: ValidationError) -> None:
    for message in refusal.messages:
        messages.error(request, message)


@beraad_user_required
@require_POST
def invitations_send(request: HttpRequest, beraad_id: int) -> HttpResponse:
    """Invite the table, or say what is still missing; nothing is sent while anything blocks."""
    beraad = _managed_beraad(request, beraad_id)
    try:
        queued = services.invitations_send(beraad=beraad, actor=coordinator_actor(request))
    except ValidationError as refusal:
        _report(request, refusal)
    else:
        text = ngettext(
            "%(count)d invitation is being sent.", "%(count)d invitations are being sent.", queued
        )
        messages.success(request, text % {"count": queued})
        if invitations_waiting_for_worker(beraad):
            messages.info(
                request,
                _(
                    "The mail service cannot be reached right now. The invitations are saved and go out "
                    "automatically as soon as it can; each row below shows when it was sent."
                ),
            )
    return _back(beraad)


@beraad_user_required
@require_http_methods(["GET", "POST"])
def beraad_cancel(request: HttpRequest, beraad_id: int) -> HttpResponse:
    beraad = _managed_beraad(request, beraad_id)
    if beraad.status not in OPEN_STATUSES:
        messages.error(request, _("Only a planned or invited beraad can be cancelled."))
        return _back(beraad)
    confirmed = is_confirmed(request, beraad.status, beraad.version)
    form = CancelForm(request.POST if confirmed else None, initial={"reason": request.POST.get("reason", "")})
    if confirmed and form.is_valid():
        try:
            services.beraad_cancel(
                beraad=beraad, actor=coordinator_actor(request), reason=form.cleaned_data["reason"]
            )
        except ValidationError as refusal:
            _report(request, refusal)
        else:
            messages.success(request, _("The beraad has been cancelled; those invited are told so."))
        return _back(beraad)
    context = {
        "form": form,
        "beraad": beraad,
        "back_url": f"{reverse('moreelberaad:detail', args=[beraad.pk])}#uitnodigingen",
        "irreversible": True,
        "danger": True,
    }
    template = "moreelberaad/invitations/cancel_confirm.html"
    status = 422 if confirmed else None
    return confirmation_page(request, template, context, beraad.status, beraad.version, status=status)


@beraad_user_required
@require_POST
def participant_answer(request: HttpRequest, beraad_id: int, participant_id: int) -> HttpResponse:
    """The coordinator, gespreksleider or notulist records an answer or who was there."""
    beraad = selectors.get_beraad_for_user_or_404(request, beraad_id)
    participant = get_object_or_404(Participant, pk=participant_id, beraad=beraad)
    if not can_record_beraad(request.user, beraad, list(beraad.participants.all())):
        raise PermissionDenied
    form = AnswerForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return _back(beraad)
    try:
        services.response_record(
            participant=participant,
            answer=form.cleaned_data["answer"] or None,
            attended=form.attended_value(),
            actor=actor(request),
        )
    except ValidationError as refusal:
        _report(request, refusal)
    else:
        messages.success(request, _("Recorded for %(name)s.") % {"name": participant.name})
    return _back(beraad)
