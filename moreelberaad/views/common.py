from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponseBase

from wio.accounts.constants import Role
from wio.audit import services as audit
from wio.audit.constants import Purpose

from ..permissions import can_use_beraden

View = Callable[..., HttpResponseBase]


def beraad_user_required(view: View) -> View:
    """Signed in, with a role that works with beraden (LPA, ondersteuner, coordinator, project staff)."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not can_use_beraden(request.user):
            if kwargs:
                # An object URL answers as for an object out of scope: nothing reveals that it exists.
                audit.record_denial(
                    request=request,
                    event_type="beraad.no_role",
                    purpose=Purpose.MOREEL_BERAAD,
                    detail={"path": request.path[:200]},
                )
                raise Http404
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def actor(request: HttpRequest) -> audit.Actor:
    return audit.actor_from(request=request)


def coordinator_actor(request: HttpRequest) -> audit.Actor:
    return audit.actor_from(request=request, role=Role.SWV_COORDINATOR)
