"""Actions that cannot be taken back ask first, one way everywhere (issue 14; docs/architecture.md).

GET shows a confirmation page (a template extending `confirm/base.html`); its form POSTs back with
CSRF and a `confirmed` token. The token is bound to the user, the page's path and the state the page
described (a version, a status, the selected users), so a POST without it, or from a page that
described another state (a stale page: someone changed the thing since), performs nothing: the view
shows the page again, 409 and a notice when stale. State changes stay in services; a view does

    if is_confirmed(request, entry.version):
        services.entry_delete(...)
        return redirect(...)
    return confirmation_page(request, "cases/entry_confirm_delete.html", context, entry.version)
"""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.crypto import constant_time_compare, salted_hmac

CONFIRM_FIELD = "confirmed"
_SALT = "wio.confirmation"


def confirmation_token(request: HttpRequest, *state: object) -> str:
    """What the confirmation form carries: the user, the page and the state it described, signed."""
    user_id = getattr(request.user, "pk", None)
    message = "|".join([str(user_id), request.path, *(str(part) for part in state)])
    return salted_hmac(_SALT, message, algorithm="sha256").hexdigest()


def is_confirmed(request: HttpRequest, *state: object) -> bool:
    """A POST from the confirmation page that described exactly this state."""
    posted = request.POST.get(CONFIRM_FIELD, "") if request.method == "POST" else ""
    return bool(posted) and constant_time_compare(posted, confirmation_token(request, *state))


def is_stale(request: HttpRequest, *state: object) -> bool:
    """A POST that carries a token, but one for another state than the current one."""
    return bool(request.POST.get(CONFIRM_FIELD)) and not is_confirmed(request, *state)


def confirmation_context(request: HttpRequest, *state: object) -> dict[str, Any]:
    """What `confirm/base.html` needs besides the page's own context: the token and the stale notice."""
    return {
        "confirm_field": CONFIRM_FIELD,
        "confirm_token": confirmation_token(request, *state),
        "confirm_stale": request.method == "POST" and is_stale(request, *state),
    }


def confirmation_page(
    request: HttpRequest,
    template: str,
    context: dict[str, Any],
    *state: object,
    status: int | None = None,
) -> HttpResponse:
    """The page that asks; 409 when the POST came from a page about another state, else `status` or 200."""
    extra = confirmation_context(request, *state)
    if status is None:
        status = 409 if extra["confirm_stale"] else 200
    return render(request, template, {**context, **extra}, status=status)
