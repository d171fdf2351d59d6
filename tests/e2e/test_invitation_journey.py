"""Issue 14 item 9 in Chromium: the functional administrator invites a new colleague without touching a
password; the colleague opens the link from the e-mail, chooses a password, enrols two-step verification
and lands on the start page of their role."""

import re
from typing import Any

from django.core import mail
from django.urls import reverse

import pyotp
import pytest

from tests.e2e.conftest import DESKTOP, BrowserSession
from tests.factories import user_with_role
from tests.outbox.fakes import run_on_dispatch
from wio.accounts import grants
from wio.accounts.constants import Role
from wio.accounts.demo import seed as seed_accounts
from wio.accounts.models import MembershipRequest, User
from wio.audit import services as audit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEW_EMAIL = "nieuwe.collega@borger-odoorn.example"
NEW_PASSWORD = "Een-eigen-lang-wachtwoord-2026"


@pytest.fixture
def mail_sent_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """No worker runs in this test: the invitation job runs right away in the server's thread."""
    run_on_dispatch(monkeypatch)


def _invite(admin: BrowserSession) -> None:
    page = admin.page
    admin.goto(reverse("admin:accounts_user_add"))
    admin.check_page()
    assert page.locator("main input[type=password]").count() == 0  # nobody sets another's password
    page.fill("#id_email", NEW_EMAIL)
    page.fill("#id_first_name", "Fleur")
    page.fill("#id_last_name", "de Vries")
    page.select_option("#id_organisation", label="Gemeente Borger-Odoorn")
    page.select_option("#id_role", Role.LPA)
    with page.expect_navigation():
        page.click("input[name=_save]")
    admin.check_page()


def _link_path_from_the_mail() -> str:
    (message,) = mail.outbox
    assert message.to == [NEW_EMAIL]
    match = re.search(r"https?://[^/\s]+(/\S+/password/reset/key/\S+)", message.body)
    assert match is not None, message.body
    return match.group(1)


def _second_administrator_approves() -> None:
    """Four eyes (ADR 0012, its own tests drive the admin): another administrator approves the role."""
    request_obj = MembershipRequest.objects.get(user__email=NEW_EMAIL)
    approver = user_with_role(Role.FUNCTIONAL_ADMIN)
    grants.membership_request_approve(
        request_obj=request_obj, actor=audit.actor_from(user=approver, role=Role.FUNCTIONAL_ADMIN)
    )


def _choose_a_password(colleague: BrowserSession, link: str) -> None:
    page = colleague.page
    colleague.goto(link)
    page.locator("#id_password1").wait_for()
    colleague.check_page()
    page.fill("#id_password1", NEW_PASSWORD)
    page.fill("#id_password2", NEW_PASSWORD)
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    colleague.check_page()


def _enrol_totp(colleague: BrowserSession) -> None:
    page = colleague.page
    colleague.enter_password(NEW_EMAIL, NEW_PASSWORD)
    page.wait_for_url(f"**{reverse('account_reauthenticate')}**")
    colleague.check_page()
    page.get_by_label("Wachtwoord").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Bevestigen").click()
    page.wait_for_url(f"**{reverse('mfa_activate_totp')}")
    colleague.check_page()
    secret = page.locator("#authenticator_secret").input_value()
    page.fill("#id_code", pyotp.TOTP(secret).now())
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    colleague.wait_for(reverse("mfa_view_recovery_codes"))  # allauth shows the new recovery codes
    colleague.check_page()


def test_an_invited_colleague_chooses_a_password_enrols_and_reaches_their_start_page(
    browser: Any, browser_session: BrowserSession, live_server: Any, mail_sent_at_once: None
) -> None:
    # Given the demo's functional administrator
    seed_accounts()
    browser_session.log_in("beheer@wio.example")

    # When they invite a new leerplichtambtenaar, the account has no password and the mail has a link
    _invite(browser_session)
    user = User.objects.get(email=NEW_EMAIL)
    assert not user.has_usable_password()
    link = _link_path_from_the_mail()
    _second_administrator_approves()

    # Then the colleague, in a browser of their own, chooses a password through the link
    context = browser.new_context(locale="nl-NL", reduced_motion="reduce", viewport=DESKTOP)
    colleague = BrowserSession(context.new_page(), live_server.url)
    _choose_a_password(colleague, link)
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)

    # And signs in, enrols an authenticator app and lands on the leerplichtambtenaar's start page
    _enrol_totp(colleague)
    colleague.page.locator("#main-navigation").get_by_role("link", name="Start").click()
    colleague.wait_for(reverse("portal:start"))
    assert "Uw casussen" in colleague.page.content()
    colleague.check_page()

    # And the link worked once
    colleague.goto(link)
    assert colleague.page.locator("#id_password1").count() == 0
    context.close()
