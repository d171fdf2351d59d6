from typing import Any

from django.http import HttpRequest

from allauth.mfa.models import Authenticator

from .mfa_session import mark_mfa_verified, mark_session_started
from .services import end_sessions_without_second_factor


def on_user_logged_in(sender: type, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    if request is not None:
        mark_session_started(request)


def on_allauth_logged_in(sender: type, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    """After a sign-in through an organisation's provider (ADR 0032): its second factor counts when
    the `amr`/`acr` claim says so; otherwise allauth's TOTP step ran or the enrolment gate follows."""
    sociallogin = kwargs.get("sociallogin")
    if request is None or sociallogin is None:
        return
    from . import services, sso

    mfa_at_provider = sso.mfa_done_at_provider(sociallogin)
    if mfa_at_provider:
        mark_mfa_verified(request)
    services.record_sign_on(
        request=request, user=user, provider_id=sociallogin.account.provider, mfa_at_provider=mfa_at_provider
    )


def on_authenticator_used_or_added(
    sender: type, request: HttpRequest, user: Any, authenticator: Authenticator, **kwargs: Any
) -> None:
    if request is not None and authenticator.type in (
        Authenticator.Type.TOTP,
        Authenticator.Type.RECOVERY_CODES,
    ):
        mark_mfa_verified(request)


def on_password_reset(sender: type, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    """A password chosen through a link mailed to the user's address (an invitation or a reset) proves
    they read that address: mark it verified, or allauth refuses to let them enrol a second factor
    (and WIO's enrolment gate would send them back and forth)."""
    from allauth.account.models import EmailAddress

    EmailAddress.objects.filter(user_id=user.pk, email__iexact=user.email).update(verified=True)


def on_authenticator_deleted(sender: type, instance: Authenticator, **kwargs: Any) -> None:
    """However a TOTP goes (the user's own "deactivate", an administrator's reset), no session of its
    user may stay marked as verified: the MFA gate trusts that mark without asking the database."""
    if instance.type == Authenticator.Type.TOTP:
        end_sessions_without_second_factor(user_id=instance.user_id)
