from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from .. import selectors
from ..permissions import can_manage_beraad
from ..services.outcome_mail import outcome_send_to_guests
from .common import beraad_user_required, coordinator_actor


@beraad_user_required
@require_POST
def outcome_send(request: HttpRequest, beraad_id: int) -> HttpResponse:
    beraad = selectors.get_beraad_for_user_or_404(request, beraad_id)
    if not can_manage_beraad(request.user, beraad):
        raise PermissionDenied
    try:
        count = outcome_send_to_guests(beraad=beraad, actor=coordinator_actor(request))
    except ValidationError as refusal:
        messages.error(request, " ".join(refusal.messages))
    else:
        messages.success(
            request,
            ngettext(
                "The outcome is being sent to %(count)d participant.",
                "The outcome is being sent to %(count)d participants.",
                count,
            )
            % {"count": count},
        )
    return redirect(f"{reverse('moreelberaad:detail', args=[beraad.pk])}#uitkomst")
