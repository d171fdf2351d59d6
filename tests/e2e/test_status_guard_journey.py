"""Issue 14 item 1 in Chromium: the leerplichtambtenaar moves a case forward in one click; closing it and
going back each ask for a reason on a confirmation page first, and the reason is in the history."""

from django.urls import reverse

import pytest

from cases.constants import Status
from cases.models import Case, StatusChange
from tests.cases.factories import CaseFactory
from tests.e2e.conftest import BrowserSession
from wio.accounts.demo import seed as seed_accounts
from wio.accounts.models import Organisation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

STATUS_FORM = "form[action$='/status/']"
CONFIRMATION_FORM = "main form[method=post]:has(textarea[name=note])"


def _status_options(session: BrowserSession) -> list[str]:
    options = session.page.locator("#to_status option")
    return [options.nth(i).get_attribute("value") or "" for i in range(options.count())]


def _submit_status_form(session: BrowserSession) -> None:
    """As a keyboard user: Enter on the button. A mouse click waits for the button to stand still
    on screen, and once, on a loaded CI machine, it waited past its 30 s."""
    with session.page.expect_navigation():
        session.page.locator(STATUS_FORM).locator("button[type=submit]").press("Enter")


def _change_status(session: BrowserSession, to_status: str) -> None:
    session.page.select_option("#to_status", to_status)
    _submit_status_form(session)


def _confirm_with_reason(session: BrowserSession, case: Case, reason: str) -> None:
    page = session.page
    assert page.locator(CONFIRMATION_FORM).count() == 1, "no confirmation page"
    session.check_page()
    assert Case.objects.get(pk=case.pk).status == case.status  # nothing changed before the confirmation
    page.locator(f"{CONFIRMATION_FORM} textarea[name=note]").fill(reason)
    with page.expect_navigation():
        page.locator(CONFIRMATION_FORM).locator("button[type=submit]").click()
    session.wait_for(reverse("cases:detail", args=[case.pk]))


def test_forward_in_one_click_closing_and_going_back_only_with_a_reason(
    browser_session: BrowserSession,
) -> None:
    # Given a case of the demo LPA that was just registered
    seed_accounts()
    gemeente, swv = Organisation.objects.get(code="GM1681"), Organisation.objects.get(code="PO 22-02")
    case = CaseFactory(gemeente=gemeente, swv=swv, status=Status.IN_BEELD)
    page = browser_session.page
    browser_session.log_in("lpa@wio.example")
    detail = reverse("cases:detail", args=[case.pk])

    # The next step is offered first and preselected; the beraad's statuses are not offered by hand
    browser_session.goto(detail)
    browser_session.check_page()
    assert _status_options(browser_session)[0] == Status.VOORGESTELD
    assert page.locator("#to_status").input_value() == Status.VOORGESTELD
    assert Status.BERAAD_GEPLAND not in _status_options(browser_session)

    # A step forward takes one click, without a confirmation
    _submit_status_form(browser_session)
    browser_session.wait_for(detail)
    case.refresh_from_db()
    assert case.status == Status.VOORGESTELD
    assert page.locator(".alert-success").count() == 1
    browser_session.check_page()

    # Closing asks for a confirmation and a reason first
    _change_status(browser_session, Status.AFGESLOTEN)
    assert f"Casus {case.reference} wordt afgesloten" in page.locator("main .alert-warning").inner_text()
    _confirm_with_reason(browser_session, case, "Het gezin is naar het buitenland verhuisd.")
    case.refresh_from_db()
    assert case.status == Status.AFGESLOTEN

    # From a closed case the only way is back, offered under "Terug naar" and never preselected
    assert page.locator("#to_status").input_value() == ""
    back = page.locator("#to_status optgroup[label='Terug naar'] option")
    assert [back.nth(i).get_attribute("value") for i in range(back.count())] == [Status.VERVOLG]
    _change_status(browser_session, Status.VERVOLG)
    assert "gaat terug van “Afgesloten” naar “Vervolg”" in page.locator("main .alert-warning").inner_text()
    _confirm_with_reason(browser_session, case, "Het gezin is teruggekeerd; we pakken het weer op.")
    case.refresh_from_db()
    assert case.status == Status.VERVOLG

    # Both reasons are kept with their status changes, and the history on the dossier shows them
    notes = dict(StatusChange.objects.filter(case=case).values_list("to_status", "note"))
    assert notes == {
        Status.VOORGESTELD: "",
        Status.AFGESLOTEN: "Het gezin is naar het buitenland verhuisd.",
        Status.VERVOLG: "Het gezin is teruggekeerd; we pakken het weer op.",
    }
    history = page.locator("#geschiedenis").inner_text()
    assert "Het gezin is naar het buitenland verhuisd." in history
    assert "Het gezin is teruggekeerd; we pakken het weer op." in history
    browser_session.check_page()
