"""Releasing a rode-draad reflection for the monitor: a button under the reflection (ADR 0016)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..models import Reflection
from ..services.reflections import reflection_release
from .common import beraad_user_required
from .session import OUTCOME_ANCHOR, back_to, recordable_beraad, recording_actor


@beraad_user_required
@require_POST
def reflection_release_view(request: HttpRequest, beraad_id: int, reflection_id: int) -> HttpResponse:
    beraad = recordable_beraad(request, beraad_id)
    reflection = get_object_or_404(Reflection, pk=reflection_id, beraad=beraad)
    try:
        reflection_release(reflection=reflection, actor=recording_actor(request, beraad))
    except PermissionDenied:
        messages.error(
            request,
            _("Someone other than the author releases a rode draad, once; this one cannot be released."),
        )
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(
            request, _("The rode draad has been released: project staff can read it in the monitor.")
        )
    return back_to(beraad, OUTCOME_ANCHOR)
