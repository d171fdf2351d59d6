"""Each demo user logs in with the README's password and TOTP secret and reaches their start page."""

from django.urls import reverse

import pytest

from tests.e2e.conftest import BrowserSession
from wio.accounts.demo import DEMO_USERS
from wio.accounts.demo import seed as seed_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# What each role's start page says, and the pages its navigation offers beyond the start page.
ROLE_START_TEXT = {
    "lpa": "Uw casussen",
    "ondersteuner": "Uw casussen",
    "swv_coordinator": "Uw casussen",
    "project_staff": "Uitrol per fase",
    "ministry": "Gepubliceerde rapportages",
    "privacy_officer": "Auditspoor",
    "functional_admin": "Beheer",
}


@pytest.mark.parametrize("demo_user", DEMO_USERS, ids=lambda u: u.role)
def test_demo_user_logs_in_with_totp_and_sees_their_start_page(
    browser_session: BrowserSession, demo_user: object
) -> None:
    seed_demo()
    email, role = demo_user.email, demo_user.role

    browser_session.log_in(email, check=True)

    page = browser_session.page
    assert ROLE_START_TEXT[role] in page.content()
    browser_session.check_page()
    nav_links = page.locator("#main-navigation .nav-link")
    hrefs = [nav_links.nth(i).get_attribute("href") for i in range(nav_links.count())]
    for href in hrefs:
        browser_session.goto(href)
        browser_session.check_page()
    page.get_by_role("button", name="Uitloggen").click()
    browser_session.wait_for(reverse("account_login"))
    assert "Inloggen" in page.content()
