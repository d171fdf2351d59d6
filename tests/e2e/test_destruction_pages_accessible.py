"""axe-core and the CSP on the destruction pages and the deletion of a case registered in error,
also with their errors shown (ADR 0014)."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

import pytest

from cases import services
from cases.constants import Status
from tests.cases.factories import CaseFactory
from tests.e2e.conftest import BrowserSession
from wio.accounts.demo import seed as seed_accounts
from wio.accounts.models import Organisation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _submit_empty(session: BrowserSession) -> None:
    session.page.click("main form[method=post] button[type=submit]")
    session.page.wait_for_load_state("load")
    assert session.page.locator(".invalid-feedback").count() > 0
    session.check_page()


def test_destruction_pages_pass_axe(browser_session: BrowserSession) -> None:
    seed_accounts()
    today = timezone.localdate()
    CaseFactory(
        gemeente=Organisation.objects.get(code="GM1681"),
        swv=Organisation.objects.get(code="PO 22-02"),
        status=Status.AFGESLOTEN,
        closed_on=today - timedelta(days=2000),
        destroy_on=today - timedelta(days=1),
    )
    [destruction_list] = services.destruction_lists_create()
    browser_session.log_in("privacy@wio.example")

    for path in (
        reverse("cases:destruction_list_index"),
        reverse("cases:destruction_list_detail", args=[destruction_list.pk]),
    ):
        response = browser_session.goto(path)
        assert response is not None
        assert response.status == 200, path
        browser_session.check_page()
    _submit_empty(browser_session)


def test_delete_in_error_page_passes_axe_with_its_errors(browser_session: BrowserSession) -> None:
    seed_accounts()
    case = CaseFactory(
        gemeente=Organisation.objects.get(code="GM1681"), swv=Organisation.objects.get(code="PO 22-02")
    )
    browser_session.log_in("lpa@wio.example")
    browser_session.goto(reverse("cases:delete", args=[case.pk]))
    browser_session.check_page()
    _submit_empty(browser_session)
