"""allauth's hooks for signing in through an organisation's OpenID provider (ADR 0032)."""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from allauth.core.exceptions import ImmediateHttpResponse
from allauth.mfa import stages as mfa_stages
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.models import SocialLogin
from allauth.socialaccount.providers.base import AuthProcess

from . import services, sso
from .models import User


def refusal_message(reason: str) -> str:
    if reason == sso.REFUSED_UNVERIFIED:
        return _(
            "Your organisation did not confirm your e-mail address, so WIO cannot tell who you are. "
            "Contact your organisation's service desk."
        )
    if reason == sso.REFUSED_BY_PROVIDER:
        return _(
            "Signing in through your organisation did not succeed. Try again, or contact your "
            "organisation's service desk if it keeps failing."
        )
    return _(
        "There is no active WIO account for this e-mail address in your organisation. Ask the "
        "functional administrator of WIO for access."
    )


def _refuse(request: HttpRequest, reason: str, provider_id: str, *, user: User | None, label: str) -> None:
    services.record_sign_on_refused(
        request=request, reason=reason, provider_id=provider_id, user=user, label=label
    )
    messages.error(request, refusal_message(reason))
    raise ImmediateHttpResponse(redirect("account_login"))


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    """A provider's sign-in only ever reaches an existing, active member of its organisation."""

    def is_open_for_signup(self, request: HttpRequest, sociallogin: SocialLogin) -> bool:
        return False  # roles and memberships are WIO's: nobody is created by a sign-in

    def pre_social_login(self, request: HttpRequest, sociallogin: SocialLogin) -> None:
        provider_id = sociallogin.account.provider
        sign_on = sso.sign_on_for_provider(provider_id)
        claims = sso.claims_of(sociallogin)
        email = sso.verified_email(claims)
        label = email or str(claims.get("email") or "")
        if sign_on is None or sociallogin.state.get("process", AuthProcess.LOGIN) != AuthProcess.LOGIN:
            # Not tied to an organisation, or an attempt to link a provider to the signed-in user.
            _refuse(request, sso.REFUSED_NOT_CONFIGURED, provider_id, user=None, label=label)
            return
        if sociallogin.is_existing:
            user: User | None = sociallogin.user
        elif email is None:
            _refuse(request, sso.REFUSED_UNVERIFIED, provider_id, user=None, label=label)
            return
        else:
            user = User.objects.filter(email__iexact=email).first()
        reason = sso.refusal_for(user, sign_on)
        if reason is not None:
            _refuse(request, reason, provider_id, user=user, label=label)
            return
        assert user is not None  # noqa: S101 - refusal_for refuses None
        if not sociallogin.is_existing:
            services.sign_on_link(
                request=request, sociallogin=sociallogin, user=user, provider_id=provider_id
            )

    def on_authentication_error(
        self,
        request: HttpRequest,
        provider: Any,
        error: Any = None,
        exception: Any = None,
        extra_context: Any = None,
    ) -> None:
        """The provider refused (a user deactivated there, a cancelled sign-in) or the exchange failed.
        Only allauth's error code is recorded: the exception may quote a token."""
        provider_id = str(getattr(getattr(provider, "app", None), "provider_id", "") or provider.id)
        services.record_sign_on_refused(
            request=request, reason=f"{sso.REFUSED_BY_PROVIDER}:{error or 'unknown'}", provider_id=provider_id
        )
        messages.error(request, refusal_message(sso.REFUSED_BY_PROVIDER))
        raise ImmediateHttpResponse(redirect("account_login"))


class AuthenticateStage(mfa_stages.AuthenticateStage):
    """allauth's TOTP step, skipped when the organisation's provider already did a second factor that
    its configuration accepts (`amr`/`acr`); `receivers.on_allauth_logged_in` then marks the session."""

    def _should_handle(self, request: HttpRequest) -> bool:
        sociallogin = (self.login.signal_kwargs or {}).get("sociallogin")
        if sso.mfa_done_at_provider(sociallogin):
            return False
        return super()._should_handle(request)
