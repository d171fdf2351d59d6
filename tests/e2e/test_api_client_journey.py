"""Issue 15 in Chromium: a functional administrator creates an API client for the demo municipality
in the admin and is shown its secret once; a second administrator approves its role; the municipality's
system then registers a case with those credentials, and it appears on the LPA's case list."""

import json
import urllib.request
from base64 import b64encode
from typing import Any

from django.urls import reverse

import pytest

from tests.e2e.conftest import BrowserSession
from tests.factories import TEST_PASSWORD, TEST_TOTP_SECRET, UserFactory
from wio.accounts.constants import Role
from wio.accounts.demo import seed as seed_accounts
from wio.accounts.models import Membership, Organisation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _call(base_url: str, path: str, *, data: bytes, headers: dict[str, str]) -> Any:
    request = urllib.request.Request(base_url + path, data=data, headers=headers, method="POST")  # noqa: S310
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 (the live test server)
        return response.status, json.loads(response.read())


def _second_administrator() -> str:
    second = UserFactory(email="beheer2@wio.example")
    Membership.objects.create(
        user=second,
        organisation=Organisation.objects.get(memberships__user__email="beheer@wio.example"),
        role=Role.FUNCTIONAL_ADMIN,
    )
    return second.email


def test_two_administrators_connect_the_municipalitys_package(browser_session: BrowserSession) -> None:
    seed_accounts()
    second_email = _second_administrator()
    gemeente = Organisation.objects.get(code="GM1681")
    page = browser_session.page

    browser_session.log_in("beheer@wio.example")
    browser_session.goto("/beheer/api/apiclient/add/")
    browser_session.check_page()
    page.fill("#id_name", "Leerplichtpakket Dordrecht")
    page.select_option("#id_organisation", str(gemeente.pk))
    page.check("#id_may_write")
    page.click("input[name=_save]")
    page.get_by_text("Het geheim ziet u alleen nu").wait_for()
    browser_session.check_page()
    client_id, secret = (code.inner_text() for code in page.locator("dd code").all()[:2])
    page.context.clear_cookies()  # another person at another desk

    browser_session.enter_password(second_email, TEST_PASSWORD)
    browser_session.enter_code(TEST_TOTP_SECRET)
    browser_session.goto("/beheer/accounts/membershiprequest/?decision__exact=pending")
    page.get_by_role("link", name="Leerplichtpakket Dordrecht").click()
    browser_session.check_page()
    page.click("input[name=_approve]")
    page.get_by_text("goedgekeurd", exact=False).first.wait_for()

    basic = b64encode(f"{client_id}:{secret}".encode()).decode()
    status, token = _call(
        browser_session.base_url,
        "/api/oauth/token/",
        data=b"grant_type=client_credentials&scope=read+write",
        headers={"Authorization": f"Basic {basic}", "Content-Type": "application/x-www-form-urlencoded"},
    )
    assert status == 200
    swv = Organisation.objects.get(code="PO 22-02")
    body = {
        "first_name": "Noor",
        "last_name": "Bakker",
        "date_of_birth": "2014-02-03",
        "gemeente": gemeente.pk,
        "swv": swv.pk,
        "category": "absoluut_verzuim",
        "registered_on": "2026-11-20",
        "escalation_basis": "registratie",
    }
    status, case = _call(
        browser_session.base_url,
        "/api/v1/casussen/",
        data=json.dumps(body).encode(),
        headers={
            "Authorization": f"Bearer {token['access_token']}",
            "Content-Type": "application/json",
            "Idempotency-Key": "6f1d3c2e-1b7a-4f0e-9a55-3c2d1e0f9a87",
        },
    )
    assert status == 201

    page.context.clear_cookies()  # another person at another desk
    browser_session.log_in("lpa@wio.example")
    browser_session.goto(reverse("cases:list"))
    assert case["reference"] in page.locator("main").inner_text()
