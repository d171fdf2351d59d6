"""Issue 15: staff sign in through their organisation's OpenID provider (ADR 0032).

Every test here talks to a real provider (`tests/oidc_provider/server.mjs`): WIO's side runs in the
Django test client, the provider's pages are driven with `requests` as a browser would.
"""

from typing import Any
from urllib.parse import urljoin, urlsplit

from django.test import Client
from django.urls import reverse

import pyotp
import pytest
import requests
from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount

from tests.factories import (
    TEST_PASSWORD,
    MembershipFactory,
    OrganisationFactory,
    OrganisationSignOnFactory,
    SocialAppFactory,
    UserFactory,
)
from tests.sign_on_provider import CLIENT_ID, CLIENT_SECRET, PASSWORD, PROVIDER_ID, LocalProvider
from wio.accounts.mfa_session import MFA_VERIFIED_SESSION_KEY
from wio.accounts.models import OrganisationSignOn, User
from wio.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

NO_ACCOUNT = "Er is geen actief WIO-account voor dit e-mailadres binnen uw organisatie."
NOT_CONFIRMED = "Uw organisatie heeft uw e-mailadres niet bevestigd"
NOT_SUCCEEDED = "Inloggen via uw organisatie is niet gelukt."


def _sign_on(provider: LocalProvider, **fields: Any) -> OrganisationSignOn:
    app = SocialAppFactory(
        provider_id=PROVIDER_ID,
        client_id=CLIENT_ID,
        secret=CLIENT_SECRET,
        settings=provider.app_settings(),
    )
    return OrganisationSignOnFactory(app=app, email_domains=["gemeente.example"], **fields)


def _member(sign_on: OrganisationSignOn, **user_fields: Any) -> User:
    user = UserFactory(email="medewerker@gemeente.example", **user_fields)
    MembershipFactory(user=user, organisation=sign_on.organisation)
    return user


def _account(email: str = "medewerker@gemeente.example", **fields: Any) -> dict[str, Any]:
    return {"sub": "sub-1", "email": email, "email_verified": True, "active": True, "amr": ["pwd"], **fields}


def _through_provider(client: Client, provider: LocalProvider, email: str) -> Any:
    """The whole round trip: WIO's e-mail step and its link to the provider, the provider's login
    form, WIO's callback."""
    start = client.post(reverse("sign_on_start"), {"email": email})
    assert start.status_code == 200, start
    assert f"Inloggen via {start.context['organisation']}" in start.content.decode()
    authorize_url = start.context["authorize_url"]
    assert authorize_url.startswith(f"{provider.url}/auth?")
    assert "login_hint=" in authorize_url
    assert "code_challenge=" in authorize_url  # PKCE
    browser = requests.Session()
    response = browser.get(authorize_url, allow_redirects=False)
    form_url = urljoin(provider.url, response.headers["Location"])
    assert "Test-inlog" in browser.get(form_url).text
    response = browser.post(
        f"{form_url}/login", data={"email": email, "password": PASSWORD}, allow_redirects=False
    )
    location = urljoin(provider.url, response.headers["Location"])
    while location.startswith(provider.url):
        response = browser.get(location, allow_redirects=False)
        location = urljoin(provider.url, response.headers["Location"])
    callback = urlsplit(location)
    assert callback.netloc == "testserver", location
    return client.get(f"{callback.path}?{callback.query}")


def _refusals(reason: str) -> Any:
    return AuditEvent.objects.filter(event_type="auth.sso_refused", result="denied", detail__reason=reason)


def test_first_sign_in_links_the_member_by_verified_address_and_provider_mfa_counts(
    client: Client, oidc_provider: LocalProvider
) -> None:
    # given: a member without a TOTP, and a provider that did a second factor
    sign_on = _sign_on(oidc_provider)
    user = _member(sign_on, totp=False)
    oidc_provider.set_accounts(_account(amr=["pwd", "otp"]))
    # when
    response = _through_provider(client, oidc_provider, user.email)
    # then: signed in, past the MFA gate, on the start page
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:start")
    assert MFA_VERIFIED_SESSION_KEY in client.session
    assert client.get(reverse("portal:start")).status_code == 200
    assert SocialAccount.objects.get(user=user).provider == PROVIDER_ID
    assert EmailAddress.objects.filter(user=user, email=user.email, verified=True).exists()
    login = AuditEvent.objects.get(event_type="auth.sso_login", actor=user)
    assert login.detail == {"provider": PROVIDER_ID, "mfa_at_provider": True}
    assert AuditEvent.objects.filter(event_type="account.sign_on_linked", actor=user).exists()
    assert "token" not in str(list(AuditEvent.objects.values_list("detail", flat=True))).lower()


def test_without_a_second_factor_at_the_provider_wio_asks_for_its_totp(
    client: Client, oidc_provider: LocalProvider
) -> None:
    sign_on = _sign_on(oidc_provider)
    user = _member(sign_on)  # with a TOTP
    oidc_provider.set_accounts(_account(amr=["pwd"]))
    response = _through_provider(client, oidc_provider, user.email)
    assert response["Location"] == reverse("mfa_authenticate")
    assert MFA_VERIFIED_SESSION_KEY not in client.session


@pytest.mark.django_db(transaction=True)  # allauth announces a new TOTP on commit, within the request
def test_a_user_without_totp_and_without_provider_mfa_is_sent_to_enrolment(
    client: Client, oidc_provider: LocalProvider
) -> None:
    sign_on = _sign_on(oidc_provider, password_login_allowed=False)
    user = _member(sign_on, totp=False)
    oidc_provider.set_accounts(_account(amr=["pwd"]))
    _through_provider(client, oidc_provider, user.email)
    assert client.get(reverse("portal:start"))["Location"] == reverse("mfa_activate_totp")
    login = AuditEvent.objects.get(event_type="auth.sso_login", actor=user)
    assert login.detail["mfa_at_provider"] is False
    # and: enrolling asks for the WIO password first, as after a password sign-in; that is no
    # sign-in, so it works although the organisation switched password sign-in off
    client.post(reverse("account_reauthenticate"), {"password": TEST_PASSWORD})
    secret = client.get(reverse("mfa_activate_totp")).context["form"].secret
    client.post(reverse("mfa_activate_totp"), {"code": pyotp.TOTP(secret).now()})
    assert client.get(reverse("portal:start")).status_code == 200


def test_the_accepted_acr_values_are_configured_per_provider(
    client: Client, oidc_provider: LocalProvider
) -> None:
    sign_on = _sign_on(oidc_provider, mfa_amr_values=[], mfa_acr_values=["urn:gemeente:loa:substantial"])
    user = _member(sign_on)
    oidc_provider.set_accounts(_account(amr=["otp"], acr="urn:gemeente:loa:substantial"))
    response = _through_provider(client, oidc_provider, user.email)
    assert response["Location"] == reverse("portal:start")


@pytest.mark.parametrize(
    ("account", "reason", "message"),
    [
        (_account(email_verified=False), "unverified_email", NOT_CONFIRMED),
        (_account(email="onbekend@gemeente.example"), "unknown_user", NO_ACCOUNT),
    ],
    ids=["unverified", "unknown"],
)
def test_an_unverified_or_unknown_address_is_refused_and_nobody_is_created(
    client: Client, oidc_provider: LocalProvider, account: dict[str, Any], reason: str, message: str
) -> None:
    sign_on = _sign_on(oidc_provider)
    _member(sign_on)
    oidc_provider.set_accounts(account)
    users = User.objects.count()
    response = _through_provider(client, oidc_provider, account["email"])
    assert response["Location"] == reverse("account_login")
    assert message in client.get(reverse("account_login")).content.decode()
    assert "_auth_user_id" not in client.session
    assert User.objects.count() == users
    assert not SocialAccount.objects.exists()
    assert _refusals(reason).count() == 1


def test_a_user_of_another_organisation_is_refused(client: Client, oidc_provider: LocalProvider) -> None:
    _sign_on(oidc_provider)
    outsider = UserFactory(email="medewerker@gemeente.example")
    MembershipFactory(user=outsider, organisation=OrganisationFactory())
    oidc_provider.set_accounts(_account())
    response = _through_provider(client, oidc_provider, outsider.email)
    assert response["Location"] == reverse("account_login")
    assert NO_ACCOUNT in client.get(reverse("account_login")).content.decode()
    assert not SocialAccount.objects.exists()
    assert _refusals("not_a_member").get().actor == outsider


def test_a_linked_user_who_left_the_organisation_in_wio_is_refused_next_time(
    client: Client, oidc_provider: LocalProvider
) -> None:
    sign_on = _sign_on(oidc_provider)
    user = _member(sign_on)
    oidc_provider.set_accounts(_account(amr=["otp"]))
    _through_provider(client, oidc_provider, user.email)
    client.post(reverse("account_logout"))
    # when: the functional administrator ends their membership
    user.memberships.all().delete()
    response = _through_provider(client, oidc_provider, user.email)
    # then: the link to the provider's account does not outlive the membership
    assert response["Location"] == reverse("account_login")
    assert "_auth_user_id" not in client.session
    assert _refusals("not_a_member").get().actor == user


def test_a_deactivated_wio_user_is_refused(client: Client, oidc_provider: LocalProvider) -> None:
    sign_on = _sign_on(oidc_provider)
    user = _member(sign_on, is_active=False)
    oidc_provider.set_accounts(_account())
    _through_provider(client, oidc_provider, user.email)
    assert "_auth_user_id" not in client.session
    assert _refusals("inactive").count() == 1


def test_a_user_deactivated_at_the_provider_is_refused_next_time(
    client: Client, oidc_provider: LocalProvider
) -> None:
    sign_on = _sign_on(oidc_provider)
    user = _member(sign_on)
    oidc_provider.set_accounts(_account(amr=["otp"]))
    _through_provider(client, oidc_provider, user.email)
    client.post(reverse("account_logout"))
    # when: the organisation deactivates them
    oidc_provider.set_accounts(_account(amr=["otp"], active=False))
    response = _through_provider(client, oidc_provider, user.email)
    # then
    assert response["Location"] == reverse("account_login")
    assert NOT_SUCCEEDED in client.get(reverse("account_login")).content.decode()
    assert "_auth_user_id" not in client.session
    assert _refusals("provider_error:cancelled").count() == 1


def test_an_address_without_a_provider_is_sent_back_to_the_password_form(client: Client) -> None:
    response = client.post(reverse("sign_on_start"), {"email": "iemand@elders.example"}, follow=True)
    assert "Log in met uw wachtwoord." in response.content.decode()


def test_password_login_is_refused_when_the_organisation_switched_it_off(client: Client) -> None:
    sign_on = OrganisationSignOnFactory(password_login_allowed=False)
    user = UserFactory()
    MembershipFactory(user=user, organisation=sign_on.organisation)
    response = client.post(reverse("account_login"), {"login": user.email, "password": TEST_PASSWORD})
    assert response.status_code == 200
    page = response.content.decode()
    assert f"{sign_on.organisation} laat medewerkers inloggen via de eigen inlogpagina" in page
    assert "Inloggen via uw organisatie" in page
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(event_type="auth.login_sso_required", actor=user).exists()


def test_password_login_still_works_where_the_organisation_allows_it(client: Client) -> None:
    sign_on = OrganisationSignOnFactory(password_login_allowed=True)
    user = UserFactory()
    MembershipFactory(user=user, organisation=sign_on.organisation)
    response = client.post(reverse("account_login"), {"login": user.email, "password": TEST_PASSWORD})
    assert response["Location"] == reverse("mfa_authenticate")
