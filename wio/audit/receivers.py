"""Authentication events into the audit trail (LOG-9). Credentials never reach the trail."""

from typing import Any

from django.http import HttpRequest

from wio.accounts.models import User

from . import services
from .constants import Action, Purpose, Result


def _record_auth(
    request: HttpRequest | None,
    user: Any,
    event_type: str,
    result: str,
    *,
    label: str = "",
    detail: dict[str, str] | None = None,
) -> None:
    actor = services.actor_from(request=request, user=user, label=label)
    services.record_event(
        actor=actor,
        action=Action.EXECUTE,
        event_type=event_type,
        purpose=Purpose.AUTHENTICATION,
        result=result,
        detail=detail,
    )


def _factors_used(request: HttpRequest | None, user: User) -> str:
    """The factors this session actually passed, e.g. "password+totp" or "password+recovery_codes"."""
    if request is None:
        return ""
    from allauth.account.authentication import get_authentication_records

    used = []
    for record in get_authentication_records(request, user):
        factor = record.get("type") if record.get("method") == "mfa" else record.get("method")
        if factor and factor not in used:
            used.append(str(factor))
    return "+".join(used)


def on_logged_in(sender: type, request: HttpRequest, user: User, **kwargs: Any) -> None:
    _record_auth(request, user, "auth.login", Result.OK, detail={"factors": _factors_used(request, user)})


def on_logged_out(sender: type, request: HttpRequest, user: User | None, **kwargs: Any) -> None:
    if user is not None:
        _record_auth(request, user, "auth.logout", Result.OK)


def on_login_failed(
    sender: str, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    attempted = str(credentials.get("email") or credentials.get("username") or "")[:254]
    user = User.objects.filter(email__iexact=attempted).first() if attempted else None
    _record_auth(
        request,
        user,
        "auth.login_failed",
        Result.FAILED,
        label=attempted,
        detail={"factor": "password"},
    )


def record_login_locked(request: HttpRequest, attempted: str) -> None:
    attempted = attempted[:254]
    user = User.objects.filter(email__iexact=attempted).first() if attempted else None
    _record_auth(request, user, "auth.login_locked", Result.DENIED, label=attempted)


def on_mfa_failed(sender: type, request: HttpRequest, user: User, **kwargs: Any) -> None:
    event = "auth.reauthentication_failed" if kwargs.get("reauthentication") else "auth.mfa_failed"
    _record_auth(request, user, event, Result.FAILED, detail={"factor": "totp"})


def on_password_changed(sender: type, request: HttpRequest, user: User, **kwargs: Any) -> None:
    _record_auth(request, user, "auth.password_changed", Result.OK)


def on_authenticator_changed(event_type: str) -> Any:
    def receiver(sender: type, request: HttpRequest, user: User, authenticator: Any, **kw: Any) -> None:
        _record_auth(request, user, event_type, Result.OK, detail={"factor": authenticator.type})

    return receiver


def connect() -> None:
    from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed

    from allauth.account.signals import password_changed, password_reset
    from allauth.mfa.signals import (
        authentication_failed,
        authenticator_added,
        authenticator_removed,
        authenticator_reset,
    )

    user_logged_in.connect(on_logged_in, dispatch_uid="wio_audit_login")
    user_logged_out.connect(on_logged_out, dispatch_uid="wio_audit_logout")
    user_login_failed.connect(on_login_failed, dispatch_uid="wio_audit_login_failed")
    authentication_failed.connect(on_mfa_failed, dispatch_uid="wio_audit_mfa_failed")
    password_changed.connect(on_password_changed, dispatch_uid="wio_audit_password_changed")
    password_reset.connect(on_password_changed, dispatch_uid="wio_audit_password_reset")
    for signal, event_type in (
        (authenticator_added, "auth.mfa_added"),
        (authenticator_removed, "auth.mfa_removed"),
        (authenticator_reset, "auth.mfa_reset"),
    ):
        signal.connect(on_authenticator_changed(event_type), weak=False, dispatch_uid=event_type)
