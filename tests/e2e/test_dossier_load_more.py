"""Issue 13 in Chromium: a long timeline shows its 20 newest entries, and "Toon de volgende 20"
loads the next ones in place (htmx); the page of that section without JavaScript passes axe too."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

import pytest
from playwright.sync_api import Page

from tests.cases.dossier_support import fill_every_list
from tests.cases.factories import CaseFactory, TimelineEntryFactory
from tests.e2e.conftest import BrowserSession
from wio.accounts.demo import seed as seed_accounts
from wio.accounts.models import User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_timeline_loads_the_next_20_entries_in_place(browser_session: BrowserSession) -> None:
    seed_accounts()
    officer = User.objects.get(email="lpa@wio.example")
    case = CaseFactory(gemeente=officer.memberships.get().organisation)
    today = timezone.localdate()
    for number in range(45):
        TimelineEntryFactory(
            case=case, occurred_on=today - timedelta(days=number), description=f"Regel-{number}."
        )
    page = browser_session.page
    browser_session.log_in("lpa@wio.example")

    browser_session.goto(reverse("cases:detail", args=[case.pk]))
    timeline = page.locator("#tijdlijn")
    assert timeline.get_by_text("Regel-19.", exact=True).count() == 1
    assert timeline.get_by_text("Regel-20.", exact=True).count() == 0
    browser_session.check_page()

    timeline.get_by_role("link", name="Toon de volgende 20").click()
    timeline.get_by_text("Regel-39.", exact=True).wait_for()
    timeline.get_by_role("link", name="Toon de volgende 20").click()
    timeline.get_by_text("Regel-44.", exact=True).wait_for()
    assert timeline.get_by_role("link", name="Toon de volgende 20").count() == 0
    assert page.url.endswith(reverse("cases:detail", args=[case.pk]))  # loaded in place
    browser_session.check_page()

    url = reverse("cases:section_rows", args=[case.pk, "tijdlijn"])
    browser_session.goto(f"{url}?vanaf=20")
    assert page.get_by_text("Regel-20.", exact=True).count() == 1
    browser_session.check_page()


def _open_a_case_with_every_list_filled(browser_session: BrowserSession) -> Page:
    """The dossier page of a case with 2 rows in every list, as the demo LPA: its last sections are
    left to load when seen."""
    seed_accounts()
    officer = User.objects.get(email="lpa@wio.example")
    case = CaseFactory(gemeente=officer.memberships.get().organisation)
    fill_every_list(case, rows=2)
    browser_session.log_in("lpa@wio.example")
    browser_session.goto(reverse("cases:detail", args=[case.pk]))
    return browser_session.page


def test_a_section_beyond_the_pages_reads_loads_its_rows_when_scrolled_into_view(
    browser_session: BrowserSession,
) -> None:
    page = _open_a_case_with_every_list_filled(browser_session)
    outcomes = page.locator("#uitkomsten")
    assert outcomes.get_by_text("Rust").count() == 0  # not read with the page
    outcomes.scroll_into_view_if_needed()
    outcomes.get_by_text("Rust").first.wait_for()
    assert outcomes.get_by_text("Rust").count() == 2
    assert outcomes.get_by_role("link", name="Toon de regels").count() == 0
    browser_session.check_page()


def test_the_keyboard_stays_on_the_rows_that_replace_the_link_it_was_on(
    browser_session: BrowserSession,
) -> None:
    """Tabbing to a deferred section's link scrolls it into view, which loads the rows in its place:
    the keyboard lands on those rows, not on the top of the page."""
    page = _open_a_case_with_every_list_filled(browser_session)

    page.locator("#uitkomsten a[hx-trigger]").focus()
    page.locator("#uitkomsten").get_by_text("Rust").first.wait_for()

    assert page.evaluate("document.querySelector('#uitkomsten').contains(document.activeElement)")
    assert page.evaluate("document.activeElement !== document.body")
