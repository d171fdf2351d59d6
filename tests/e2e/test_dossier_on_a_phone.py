"""Issue 14 item 5 in Chromium: on a phone (390 × 844) the officer reaches the timeline through the
section navigation, with the keyboard, and adds an entry whose date is already today."""

import os
from datetime import timedelta
from typing import Any

from django.urls import reverse
from django.utils import timezone

import pytest

from cases.models import TimelineEntry
from tests.cases.factories import CaseFactory, TimelineEntryFactory
from tests.e2e.conftest import DESKTOP, FITS_THE_SCREEN, PHONE, BrowserSession
from wio.accounts.demo import seed as seed_accounts
from wio.accounts.models import User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# WIO_SCREENSHOT_DIR=/some/dir keeps pictures of the phone journey to look at.
SCREENSHOTS = os.environ.get("WIO_SCREENSHOT_DIR", "")


def _picture(session: BrowserSession, name: str) -> None:
    if SCREENSHOTS:
        session.page.screenshot(path=os.path.join(SCREENSHOTS, f"dossier-phone-{name}.png"))


def _box(page: Any, selector: str) -> dict[str, float]:
    box = page.locator(selector).bounding_box()
    assert box is not None, f"{selector} is not visible"
    return box


def test_on_a_phone_the_section_navigation_leads_to_the_timeline_and_its_form(
    browser_session: BrowserSession,
) -> None:
    seed_accounts()
    officer = User.objects.get(email="lpa@wio.example")
    case = CaseFactory(gemeente=officer.memberships.get().organisation)
    TimelineEntryFactory(
        case=case, occurred_on=timezone.localdate() - timedelta(days=7), description="Eerste huisbezoek"
    )
    page = browser_session.page
    browser_session.log_in("lpa@wio.example")
    page.set_viewport_size(PHONE)

    browser_session.goto(reverse("cases:detail", args=[case.pk]))
    browser_session.check_page()
    assert page.evaluate(FITS_THE_SCREEN)
    nav = "nav[aria-label='Onderdelen van deze casus']"
    _picture(browser_session, "1-top")
    assert _box(page, nav)["y"] < PHONE["height"] / 4  # at the top, above the long header

    # the keyboard follows the navigation's link to the timeline
    page.locator(f"{nav} a[href='#tijdlijn']").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**#tijdlijn")
    bar, heading = _box(page, nav), _box(page, "#tijdlijn-title")
    assert bar["y"] == 0  # the navigation stays at hand at the top of the screen
    assert bar["y"] + bar["height"] <= heading["y"] < PHONE["height"]  # not hidden under it
    _picture(browser_session, "2-timeline")

    # the form opens in place with today's date; the new entry is listed first
    page.locator("#tijdlijn a", has_text="Toevoegen aan de tijdlijn").click()
    form = page.locator("#tijdlijn-form form")
    form.wait_for()
    assert form.locator("#id_occurred_on").input_value() == timezone.localdate().isoformat()
    browser_session.check_page()
    form.locator("select#id_entry_type").select_option("contact")
    form.locator("#id_description").fill("Moeder gebeld over de proefdag")
    _picture(browser_session, "3-form")
    form.locator("button[type=submit]").click()
    page.locator("#tijdlijn-form form").wait_for(state="detached")

    entry = TimelineEntry.objects.get(case=case, description="Moeder gebeld over de proefdag")
    assert entry.occurred_on == timezone.localdate()
    first = page.locator("#tijdlijn ol > li").first
    assert "Moeder gebeld over de proefdag" in first.inner_text()
    assert page.evaluate(FITS_THE_SCREEN)
    browser_session.check_page()
    _picture(browser_session, "4-saved")

    # on a laptop the same navigation is a column that stays in view beside the sections
    page.set_viewport_size(DESKTOP)
    page.locator(f"{nav} a[href='#uren']").click()
    page.wait_for_url("**#uren")
    assert _box(page, nav)["y"] == 0
    assert _box(page, f"{nav} a[href='#uren']")["x"] < _box(page, "#uren")["x"]
    _picture(browser_session, "5-laptop")
