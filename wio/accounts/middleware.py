from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _

from allauth.mfa.utils import is_mfa_enabled

from .mfa_session import is_mfa_verified, mark_session_started, session_age_seconds, slide_idle_window
from .services import enrolment_expired, enrolment_expired_error

# Pages a signed-in user without a second factor may still use: enrolment, leaving, and public pages.
MFA_ENROLMENT_URL_NAMES = frozenset(
    {
        "mfa_activate_totp",
        "account_reauthenticate",
        "account_logout",
        "security_txt",
        "portal:accessibility",
        "set_language",
    }
)
PUBLIC_PATH_PREFIXES = ("/static/",)

Handler = Callable[[HttpRequest], HttpResponse]


def _url_name(request: HttpRequest) -> str | None:
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    return match.view_name


class SessionLifetimeMiddleware:
    """Ends a session after its absolute lifetime (AUTH-5); the idle timeout is the cookie age, and
    activity moves it on once a minute (ADR 0026)."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            age = session_age_seconds(request)
            if age is None:
                mark_session_started(request)
            elif age > settings.WIO_SESSION_ABSOLUTE_LIFETIME_SECONDS:
                logout(request)
                messages.info(request, _("Your session has expired. Please sign in again."))
                return redirect(settings.LOGIN_URL)
            slide_idle_window(request)
        return self.get_response(request)


class RequireMfaMiddleware:
    """No page but enrolment is reachable until the user has a TOTP and this session used it (AUTH-1).

    The Django admin is behind this middleware as well, so it needs no separate OTP admin site.
    """

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if not user.is_authenticated or request.path_info.startswith(PUBLIC_PATH_PREFIXES):
            return self.get_response(request)
        if is_mfa_verified(request):
            # No query: a session is marked only after a TOTP was used or added, and removing a
            # user's TOTP ends every session of theirs (receivers.on_authenticator_deleted).
            return self.get_response(request)
        if not is_mfa_enabled(user, ["totp"]):
            if enrolment_expired(user):
                # Signed in just before the deadline and still not enrolled: the account has expired.
                logout(request)
                messages.error(request, enrolment_expired_error().messages[0])
                return redirect(settings.LOGIN_URL)
            if _url_name(request) in MFA_ENROLMENT_URL_NAMES:
                return self.get_response(request)
            messages.info(
                request,
                _("Set up two-step verification with an authenticator app before you continue."),
            )
            return redirect("mfa_activate_totp")
        # Authenticated without passing the second factor in this session: start over.
        logout(request)
        return redirect(settings.LOGIN_URL)
