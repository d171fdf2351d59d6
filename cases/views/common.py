from collections.abc import Callable
from functools import wraps
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseBase

from wio.audit import services as audit

from .. import selectors
from ..models import Case
from ..permissions import can_edit_case, can_use_cases

View = Callable[..., HttpResponseBase]


def case_worker_required(view: View) -> View:
    """Signed in, and holding a role that works with cases (LPA, ondersteuner, coordinator)."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not can_use_cases(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def actor(request: HttpRequest) -> audit.Actor:
    return audit.actor_from(request=request)


def is_htmx(request: HttpRequest) -> bool:
    return bool(getattr(request, "htmx", False))


def editable_case_or_404(request: HttpRequest, case_id: int) -> Case:
    """The case, scoped to the user (404 outside it), and 403 when they may only look."""
    case = selectors.get_case_for_user_or_404(request, case_id)
    if not can_edit_case(request.user, case):
        raise PermissionDenied
    return case


def warn_about_health_terms(request: HttpRequest, form: forms.BaseForm) -> None:
    """After a save: a visible warning when a free-text field reads like a diagnosis (not a refusal)."""
    warning = getattr(form, "health_warning", lambda: "")()
    if warning:
        messages.warning(request, warning)
