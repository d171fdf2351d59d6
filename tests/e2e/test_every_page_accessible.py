"""axe-core (WCAG 2.1 A/AA) and the CSP on every page a user can reach so far, per kind of user."""

from django.urls import reverse

import pytest

from tests.e2e.conftest import BrowserSession
from tests.factories import TEST_PASSWORD, UserFactory
from wio.accounts.constants import OrganisationKind, Role
from wio.accounts.demo import DEMO_PASSWORD
from wio.accounts.demo import seed as seed_demo
from wio.accounts.models import Membership, MembershipRequest, Organisation, Phase, Region, User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _confirm_password(session: BrowserSession, password: str = DEMO_PASSWORD) -> None:
    session.check_page()
    session.page.get_by_label("Wachtwoord").fill(password)
    session.page.get_by_role("button", name="Bevestigen").click()


def _visit_all(session: BrowserSession, paths: list[str]) -> None:
    for path in paths:
        response = session.goto(path)
        assert response is not None
        assert response.status < 400, f"{path}: {response.status}"
        session.check_page()
    assert len(session.pages_checked) >= len(paths)


def test_public_pages(browser_session: BrowserSession) -> None:
    _visit_all(
        browser_session,
        [
            reverse("account_login"),
            reverse("account_reset_password"),
            reverse("account_reset_password_done"),
            reverse("account_signup"),
            reverse("portal:accessibility"),
        ],
    )
    assert browser_session.pages_checked, "no page was checked"


def test_enrolment_pages_of_a_new_user(browser_session: BrowserSession) -> None:
    user = UserFactory(totp=False)
    browser_session.enter_password(user.email, TEST_PASSWORD)
    browser_session.page.wait_for_url(f"**{reverse('account_reauthenticate')}**")
    _confirm_password(browser_session, TEST_PASSWORD)
    browser_session.page.wait_for_url(f"**{reverse('mfa_activate_totp')}")
    browser_session.check_page()
    assert browser_session.page.locator("main img").count() == 1  # the QR code to scan


def test_account_and_security_pages(browser_session: BrowserSession) -> None:
    seed_demo()
    browser_session.enter_password("lpa@wio.example")
    browser_session.enter_code()
    _visit_all(
        browser_session,
        [
            reverse("portal:start"),
            reverse("portal:accessibility"),
            reverse("mfa_index"),
            reverse("account_change_password"),
            reverse("account_logout"),
        ],
    )
    browser_session.goto(reverse("mfa_view_recovery_codes"))
    _confirm_password(browser_session)
    browser_session.page.wait_for_url(f"**{reverse('mfa_view_recovery_codes')}")
    _visit_all(
        browser_session,
        [
            reverse("mfa_view_recovery_codes"),
            reverse("mfa_generate_recovery_codes"),
            reverse("mfa_deactivate_totp"),
        ],
    )
    assert browser_session.pages_checked, "no page was checked"


def test_audit_trail_pages(browser_session: BrowserSession) -> None:
    seed_demo()
    browser_session.enter_password("privacy@wio.example")
    browser_session.enter_code()
    audit = reverse("audit:event_list")
    _visit_all(
        browser_session,
        [audit, f"{audit}?result=denied", f"{audit}?date_from=2026-02-01&date_to=2026-01-01"],
    )
    assert browser_session.pages_checked, "no page was checked"


def test_administration_pages(browser_session: BrowserSession) -> None:
    seed_demo()
    browser_session.enter_password("beheer@wio.example")
    browser_session.enter_code()
    paths = [reverse("admin:index"), reverse("admin:app_list", args=["accounts"])]
    MembershipRequest.objects.create(  # a pending request, so the page shows the approval buttons
        user=UserFactory(),
        organisation=Organisation.objects.filter(kind=OrganisationKind.GEMEENTE).first(),
        role=Role.LPA,
        reason="Nieuwe collega",
        requested_by=UserFactory(),
    )
    for model in (User, Organisation, Region, Phase, Membership, MembershipRequest):
        name = model._meta.model_name
        instance = model.objects.order_by("pk").first()
        assert instance is not None
        paths += [
            reverse(f"admin:accounts_{name}_changelist"),
            reverse(f"admin:accounts_{name}_add"),
            reverse(f"admin:accounts_{name}_change", args=[instance.pk]),
            reverse(f"admin:accounts_{name}_history", args=[instance.pk]),
        ]
    _visit_all(browser_session, paths)
    assert browser_session.pages_checked, "no page was checked"
