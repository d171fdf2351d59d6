"""Single sign-on per organisation (ADR 0032): which provider an address belongs to, who may sign in
through it, and what its claims say. Reads and pure predicates; state changes are in `services`."""

from typing import Any

from allauth.socialaccount.models import SocialLogin

from .models import Membership, OrganisationSignOn, User

# Why a sign-in through a provider was refused, as recorded in the audit trail.
REFUSED_UNVERIFIED = "unverified_email"
REFUSED_UNKNOWN = "unknown_user"
REFUSED_INACTIVE = "inactive"
REFUSED_NOT_A_MEMBER = "not_a_member"
REFUSED_NOT_CONFIGURED = "not_configured"
REFUSED_BY_PROVIDER = "provider_error"


def email_domain(email: str) -> str:
    return email.rpartition("@")[2].strip().lower()


def sign_on_for_email(email: str) -> OrganisationSignOn | None:
    """The organisation's provider for this address, by its domain. Read in Python: there are a few
    hundred organisations at most, and SQLite (the embedded demo) cannot search inside JSON lists."""
    domain = email_domain(email)
    if not domain:
        return None
    for sign_on_id, domains in OrganisationSignOn.objects.values_list("pk", "email_domains"):
        if domain in (domains or []):
            return OrganisationSignOn.objects.select_related("organisation", "app").get(pk=sign_on_id)
    return None


def sign_on_for_provider(provider_id: str) -> OrganisationSignOn | None:
    return (
        OrganisationSignOn.objects.select_related("organisation", "app")
        .filter(app__provider="openid_connect", app__provider_id=provider_id)
        .first()
    )


def claims_of(sociallogin: SocialLogin) -> dict[str, Any]:
    """The provider's claims; the signed ID token wins over userinfo where both say something."""
    data = sociallogin.account.extra_data or {}
    userinfo = data.get("userinfo") or {}
    id_token = data.get("id_token") or {}
    if not userinfo and not id_token:
        return dict(data)  # stored by allauth before 65.11: the claims themselves
    return {**userinfo, **id_token}


def verified_email(claims: dict[str, Any]) -> str | None:
    """The address only when the provider says it verified it (some providers send "true")."""
    email = claims.get("email")
    verified = claims.get("email_verified")
    if not isinstance(email, str) or not email:
        return None
    return email if verified is True or str(verified).lower() == "true" else None


def refusal_for(user: User | None, sign_on: OrganisationSignOn) -> str | None:
    """Why `user` may not sign in through `sign_on`'s provider, or None when they may."""
    if user is None:
        return REFUSED_UNKNOWN
    if not user.is_active:
        return REFUSED_INACTIVE
    if not Membership.objects.filter(user=user, organisation_id=sign_on.organisation_id).exists():
        return REFUSED_NOT_A_MEMBER
    return None


def provider_did_mfa(sign_on: OrganisationSignOn, claims: dict[str, Any]) -> bool:
    """True when the `amr` or `acr` claim names a method this provider's configuration accepts."""
    amr = claims.get("amr") or []
    if isinstance(amr, str):
        amr = [amr]
    accepted_amr = {str(value) for value in sign_on.mfa_amr_values or []}
    if accepted_amr & {str(value) for value in amr}:
        return True
    acr = claims.get("acr")
    return acr is not None and str(acr) in {str(value) for value in sign_on.mfa_acr_values or []}


def mfa_done_at_provider(sociallogin: SocialLogin | None) -> bool:
    if sociallogin is None:
        return False
    sign_on = sign_on_for_provider(sociallogin.account.provider)
    return sign_on is not None and provider_did_mfa(sign_on, claims_of(sociallogin))


def password_login_refused(user: User) -> OrganisationSignOn | None:
    """The provider a member must use instead of a password, when their organisation turned
    password login off."""
    return (
        OrganisationSignOn.objects.select_related("organisation", "app")
        .filter(password_login_allowed=False, organisation__memberships__user=user)
        .first()
    )
