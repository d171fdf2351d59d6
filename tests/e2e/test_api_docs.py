"""The API documentation page in Chromium: signed in, the vendored Swagger UI shows every operation
of the schema, with no CSP violation, nothing loaded from outside, and no axe violation."""

import pytest

from tests.e2e.conftest import BrowserSession
from wio.accounts.demo import seed as seed_accounts

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_signed_in_user_reads_the_api_documentation(browser_session: BrowserSession) -> None:
    seed_accounts()
    browser_session.log_in("beheer@wio.example")
    browser_session.goto("/api/docs/")
    page = browser_session.page
    page.locator(".opblock").first.wait_for()
    assert page.locator(".opblock").count() == 19
    assert "Casussen van de organisatie" in page.locator("#swagger-ui").inner_text()
    browser_session.check_page()
