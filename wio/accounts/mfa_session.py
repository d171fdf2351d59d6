"""Whether the current session has proven a second factor.

allauth only lets a user with an authenticator finish logging in after the MFA stage, but a session
can also be authenticated in other ways (enrolment right after a password login, `login()` in code).
WIO therefore keeps its own flag: set when a TOTP or recovery code is used or a TOTP is activated.
"""

import time

from django.http import HttpRequest

MFA_VERIFIED_SESSION_KEY = "wio_mfa_verified_at"
SESSION_STARTED_SESSION_KEY = "wio_session_started_at"


def mark_mfa_verified(request: HttpRequest) -> None:
    request.session[MFA_VERIFIED_SESSION_KEY] = time.time()


def is_mfa_verified(request: HttpRequest) -> bool:
    return MFA_VERIFIED_SESSION_KEY in request.session


def mark_session_started(request: HttpRequest) -> None:
    request.session[SESSION_STARTED_SESSION_KEY] = time.time()


def session_age_seconds(request: HttpRequest) -> float | None:
    started = request.session.get(SESSION_STARTED_SESSION_KEY)
    return None if started is None else time.time() - float(started)
