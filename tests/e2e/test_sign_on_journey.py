"""Issue 15: a municipality's employee signs in through their organisation's OpenID provider (a real
one, tests/oidc_provider) and reaches their start page; deactivated there, they are refused."""

from typing import Any

from django.urls import reverse

import pytest
from allauth.socialaccount.models import SocialApp

from tests.e2e.conftest import BrowserSession
from tests.sign_on_provider import CLIENT_ID, CLIENT_SECRET, PASSWORD, PROVIDER_ID, LocalProvider
from wio.accounts.demo import seed as seed_demo
from wio.accounts.models import OrganisationSignOn, User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LPA = "lpa@wio.example"
GEMEENTE = "Gemeente Borger-Odoorn"  # GM1681, the demo LPA's municipality


def _demo_municipality_signs_on(provider: LocalProvider) -> None:
    gemeente = User.objects.get(email=LPA).memberships.get().organisation
    app = SocialApp.objects.create(
        provider="openid_connect",
        provider_id=PROVIDER_ID,
        name=f"Inlog {gemeente}",
        client_id=CLIENT_ID,
        secret=CLIENT_SECRET,
        settings=provider.app_settings(),
    )
    OrganisationSignOn.objects.create(organisation=gemeente, app=app, email_domains=["wio.example"])


def _sign_in_at_provider(session: BrowserSession, provider: LocalProvider, *, check: bool = False) -> None:
    page: Any = session.page
    session.goto(reverse("account_login"))
    page.fill("#id_sign_on_email", LPA)
    page.get_by_role("button", name="Inloggen via uw organisatie").click()
    if check:
        session.check_page()  # the page with the way to the provider
    page.get_by_role("link", name=f"Inloggen via {GEMEENTE}").click()
    page.wait_for_url(f"{provider.url}/interaction/**")
    page.fill("#email", LPA)
    page.fill("#password", PASSWORD)
    page.get_by_role("button", name="Inloggen").click()


def test_a_municipal_employee_signs_in_through_their_provider_until_it_deactivates_them(
    browser_session: BrowserSession, live_oidc_provider: LocalProvider
) -> None:
    seed_demo()
    _demo_municipality_signs_on(live_oidc_provider)
    account = {"sub": "lpa-1", "email": LPA, "email_verified": True, "active": True, "amr": ["pwd", "otp"]}
    live_oidc_provider.set_accounts(account)
    page = browser_session.page
    browser_session.goto(reverse("account_login"))
    browser_session.check_page()

    # when: through the provider, which did a second factor
    _sign_in_at_provider(browser_session, live_oidc_provider, check=True)

    # then: no WIO code asked, straight to the start page
    browser_session.wait_for(reverse("portal:start"))
    assert "Uw casussen" in page.content()
    page.get_by_role("button", name="Uitloggen").click()
    browser_session.wait_for(reverse("account_login"))

    # when: the municipality deactivates them, and they try again
    live_oidc_provider.set_accounts({**account, "active": False})
    _sign_in_at_provider(browser_session, live_oidc_provider)

    # then
    browser_session.wait_for(reverse("account_login"))
    assert "Inloggen via uw organisatie is niet gelukt." in page.content()
    assert "Uitloggen" not in page.content()
