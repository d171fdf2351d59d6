"""How often a password or a TOTP code may be tried (issue 9, ADR 0002).

Knowing an e-mail address must not be enough to lock its owner out, nor to guess fast. On top of
allauth's rate limits (`ACCOUNT_RATE_LIMITS`, in the same default cache):

- **per account and source**: allauth's `login_failed` "key" rate, with `AccountAdapter` making the
  key the e-mail address *and* the client address. Five failures in five minutes lock that pair only.
- **per account, over all sources**: from the 10th failure in an hour, every attempt must wait 1, 2,
  4 ... (at most 60) seconds after the latest failure: a delay, never a lock, so an attacker with many
  addresses cannot guess fast and the owner is kept waiting a minute at most. allauth has no delay,
  so this counter is WIO's own: failure times in the cache, under allauth's cache lock.
- **TOTP codes**: allauth's limit per account stays (5 in 5 minutes); WIO adds a budget of failed
  codes per 24 hours (`DailyLimitMixin`), counted with allauth's rate-limit machinery.
"""

import hashlib
import math
import time
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext, ngettext

from allauth.core import context
from allauth.core.internal import ratelimit
from allauth.mfa.base.forms import AuthenticateForm as AllauthAuthenticateForm
from allauth.mfa.base.forms import ReauthenticateForm as AllauthReauthenticateForm

from wio.audit import services as audit
from wio.audit.constants import Action, Purpose, Result

from .models import User
from .totp_form_help import TotpFormHelpMixin

MFA_DAILY_ACTION = "wio_mfa_daily"


def login_of(credentials: dict[str, Any]) -> str:
    """The identifier allauth keys its login limits on: the e-mail address, lower case."""
    return str(credentials.get("email") or credentials.get("username") or "").lower()


def source_of(request: HttpRequest) -> str:
    """The client address as allauth's rate limits see it (IPv6 by its /64 prefix)."""
    return ratelimit.get_ip(request)


# --- Progressive delay per account ------------------------------------------------------------------


def _failures_key(login: str) -> str:
    digest = hashlib.sha256(login.encode()).hexdigest()
    return f"wio:login:account-failures:{digest}"


def _recent(history: list[float], now: float) -> list[float]:
    window = settings.WIO_LOGIN_DELAY_WINDOW_MINUTES * 60
    return [moment for moment in history if moment > now - window]


def record_account_failure(login: str) -> None:
    """A wrong password for `login`, from any source (also for addresses without an account)."""
    if not login:
        return
    key = _failures_key(login)
    with ratelimit.cache_lock(key):
        # Without the lock (contention beyond a second) the failure still counts; at worst two
        # concurrent writes keep one of the two failures.
        now = time.time()
        history = [now, *_recent(cache.get(key, []), now)]
        # Beyond the doubling up to the maximum delay, older failures change nothing.
        keep = settings.WIO_LOGIN_DELAY_AFTER_FAILURES + math.ceil(
            math.log2(max(settings.WIO_LOGIN_DELAY_MAX_SECONDS, 1))
        )
        cache.set(key, history[: keep + 1], settings.WIO_LOGIN_DELAY_WINDOW_MINUTES * 60)


def seconds_to_wait(login: str) -> int:
    """How long every source must still wait before `login` may be tried again; 0: not at all."""
    if not login:
        return 0
    now = time.time()
    history = _recent(cache.get(_failures_key(login), []), now)
    excess = len(history) - settings.WIO_LOGIN_DELAY_AFTER_FAILURES
    if excess < 0:
        return 0
    delay = min(2**excess, settings.WIO_LOGIN_DELAY_MAX_SECONDS)
    return max(0, math.ceil(history[0] + delay - now))


def delayed_error(seconds: int) -> ValidationError:
    message = ngettext(
        "Too many failed sign-in attempts for this account. Try again in %(seconds)d second.",
        "Too many failed sign-in attempts for this account. Try again in %(seconds)d seconds.",
        seconds,
    ) % {"seconds": seconds}
    return ValidationError(message, code="login_delayed")


# --- Audit ----------------------------------------------------------------------------------------


def record_refusal(request: HttpRequest | None, login: str, event_type: str, **detail: Any) -> None:
    """A refused attempt, like allauth's lock (`auth.login_locked`): credentials never recorded."""
    attempted = login[:254]
    user = User.objects.filter(email__iexact=attempted).first() if attempted else None
    audit.record_event(
        actor=audit.actor_from(request=request, user=user, label=attempted),
        action=Action.EXECUTE,
        event_type=event_type,
        purpose=Purpose.AUTHENTICATION,
        result=Result.DENIED,
        detail=detail,
    )


# --- Daily budget of failed TOTP codes --------------------------------------------------------------


def _daily_rates() -> dict[str, str]:
    return {MFA_DAILY_ACTION: f"{settings.WIO_MFA_DAILY_FAILURE_LIMIT}/1d/key"}


def _daily_key(user: Any) -> str:
    return f"wio-mfa-daily-user-{user.pk}"


class DailyLimitMixin:
    """Refuses every code once an account had too many wrong ones in 24 hours, the right one too.

    Each attempt takes a slot of allauth's rate limit before the code is checked; anything but a wrong
    code (the right one, allauth's own 5-minute refusal) gives the slot back, so only wrong codes count
    and a sign-in in between does not reset the count.
    """

    user: Any

    def clean_code(self) -> str:
        request = context.request
        usage = ratelimit.consume(
            request,
            app="wio.accounts",
            action=MFA_DAILY_ACTION,
            config=_daily_rates(),
            key=_daily_key(self.user),
        )
        if usage is None:
            record_refusal(request, self.user.email, "account.mfa_daily_limit")
            raise ValidationError(
                gettext(
                    "Too many incorrect codes were entered for this account today. Two-step "
                    "verification is blocked until tomorrow: try again then, or contact the "
                    "functional administrator."
                ),
                code="mfa_daily_limit",
            )
        try:
            code: str = super().clean_code()  # type: ignore[misc]
        except ValidationError as error:
            if error.code != "incorrect_code":
                usage.rollback()
            raise
        usage.rollback()
        return code


class AuthenticateForm(TotpFormHelpMixin, DailyLimitMixin, AllauthAuthenticateForm):
    """The second step of signing in (MFA_FORMS["authenticate"])."""


class ReauthenticateForm(TotpFormHelpMixin, DailyLimitMixin, AllauthReauthenticateForm):
    """Confirming access with a code (MFA_FORMS["reauthenticate"]): the same secret, the same budget."""
