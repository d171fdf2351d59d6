"""The partnership's meeting places, kept by its coordinator (issue 10 item 6)."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from cases.services import ConflictError
from wio.submissions.services import AlreadySubmitted

from .. import selectors, services
from ..forms.meeting_places import MeetingPlaceForm
from ..models import MeetingPlace
from ..permissions import can_manage_meeting_place, can_manage_meeting_places
from .common import beraad_user_required, coordinator_actor

FORM_TEMPLATE = "moreelberaad/meeting_places/form.html"
ACTIVATE, DEACTIVATE = "activate", "deactivate"


def coordinator_required(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """The list and the add form exist for coordinators only (403 for other beraad roles)."""

    @beraad_user_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not kwargs and not can_manage_meeting_places(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def _place_or_404(request: HttpRequest, place_id: int) -> MeetingPlace:
    """A place of another partnership, or anyone's place for a user who keeps none, is not there."""
    place = selectors.get_meeting_place_for_user_or_404(request.user, place_id)
    if not can_manage_meeting_place(request.user, place):
        raise PermissionDenied
    return place


@coordinator_required
@require_http_methods(["GET"])
def meeting_place_list(request: HttpRequest) -> HttpResponse:
    places = list(selectors.meeting_places_of(request.user).order_by("swv__name", "-is_active", "name"))
    partnerships = list(selectors.partnerships_of(request.user))
    context = {
        "places": places,
        "several_partnerships": len(partnerships) > 1,
        "activate": ACTIVATE,
        "deactivate": DEACTIVATE,
    }
    return render(request, "moreelberaad/meeting_places/list.html", context)


@coordinator_required
@require_http_methods(["GET", "POST"])
def meeting_place_add(request: HttpRequest) -> HttpResponse:
    form = MeetingPlaceForm(request.POST or None, partnerships=selectors.partnerships_of(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_place_add(
                swv=form.partnership(),
                actor=coordinator_actor(request),
                name=form.cleaned_data["name"],
                address=form.cleaned_data["address"],
                submission_key=form.submission_key_value(),
            )
        except AlreadySubmitted:  # a second click: the first added the place
            return redirect("moreelberaad:meeting_places")
        except ValidationError as refused:
            form.add_error(None, refused)
        else:
            messages.success(request, _("The meeting place has been added."))
            return redirect("moreelberaad:meeting_places")
    status = 422 if request.method == "POST" else 200
    return render(request, FORM_TEMPLATE, {"form": form}, status=status)


@beraad_user_required
@require_http_methods(["GET", "POST"])
def meeting_place_edit(request: HttpRequest, place_id: int) -> HttpResponse:
    place = _place_or_404(request, place_id)
    partnerships = selectors.partnerships_of(request.user)
    form = MeetingPlaceForm(request.POST or None, partnerships=partnerships, place=place)
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_place_update(
                place=place,
                actor=coordinator_actor(request),
                name=form.cleaned_data["name"],
                address=form.cleaned_data["address"],
                expected_version=form.expected_version(),
            )
        except ConflictError:
            current = _place_or_404(request, place_id)  # as someone else saved it
            fresh = MeetingPlaceForm(partnerships=partnerships, place=current)
            context = {"form": fresh, "place": current, "conflict": True}
            return render(request, FORM_TEMPLATE, context, status=409)
        except ValidationError as refused:
            form.add_error(None, refused)
        else:
            messages.success(request, _("The meeting place has been saved."))
            return redirect("moreelberaad:meeting_places")
    status = 422 if request.method == "POST" else 200
    return render(request, FORM_TEMPLATE, {"form": form, "place": place}, status=status)


@beraad_user_required
@require_POST
def meeting_place_active(request: HttpRequest, place_id: int) -> HttpResponse:
    """Out of use or back in use: reversible, so one button without a confirmation page."""
    place = _place_or_404(request, place_id)
    active = request.POST.get("action") == ACTIVATE
    services.meeting_place_set_active(place=place, actor=coordinator_actor(request), active=active)
    if active:
        messages.success(request, _("The meeting place is in use again."))
    else:
        messages.success(request, _("The meeting place is no longer offered for new beraden."))
    return redirect("moreelberaad:meeting_places")
