"""Whether the current session has proven a second factor.

allauth only lets a user with an authenticator finish logging in after the MFA stage, but a session
can also be authenticated in other ways (enrolment right after a password login, `login()` in code).
WIO therefore keeps its own flag: set when a TOTP or recovery code is used or a TOTP is activated.
"""

import time

from django.http import HttpRequest

MFA_VERIFIED_SESSION_KEY = "wio_mfa_verified_at"
SESSION_STARTED_SESSION_KEY = "wio_session_started_at"
SESSION_SLID_SESSION_KEY = "wio_session_slid_at"
# The idle window moves on at most once a minute: the session row is written then, not on every view.
IDLE_WINDOW_STEP_SECONDS = 60


def mark_mfa_verified(request: HttpRequest) -> None:
    request.session[MFA_VERIFIED_SESSION_KEY] = time.time()


def is_mfa_verified(request: HttpRequest) -> bool:
    return MFA_VERIFIED_SESSION_KEY in request.session


def mark_session_started(request: HttpRequest) -> None:
    request.session[SESSION_STARTED_SESSION_KEY] = time.time()


def session_age_seconds(request: HttpRequest) -> float | None:
    started = request.session.get(SESSION_STARTED_SESSION_KEY)
    return None if started is None else time.time() - float(started)


def slide_idle_window(request: HttpRequest) -> None:
    """Restart the idle timeout (the session's expiry) if it last moved a step ago or longer."""
    slid = request.session.get(SESSION_SLID_SESSION_KEY)
    now = time.time()
    if slid is None or now - float(slid) >= IDLE_WINDOW_STEP_SECONDS:
        request.session[SESSION_SLID_SESSION_KEY] = now  # modified: the session is saved, expiry reset
