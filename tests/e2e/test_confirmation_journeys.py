"""Issue 14 item 3 in Chromium: irreversible actions ask on one confirmation page first.

The coordinator cancels a beraad and the attendance officer removes a timeline entry, each through
the page that names the action, says it cannot be undone and leads back with "Terug".
"""

from datetime import date

from django.urls import reverse

import pytest

from cases.constants import Status
from cases.models import TimelineEntry
from moreelberaad.constants import BeraadStatus
from moreelberaad.models import Beraad
from tests.cases.factories import CaseFactory, TimelineEntryFactory
from tests.e2e.conftest import BrowserSession
from tests.moreelberaad.factories import BeraadFactory
from wio.accounts.demo import seed as seed_accounts
from wio.accounts.models import Organisation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

IRREVERSIBLE = "Dit kan niet ongedaan worden gemaakt."


def _demo_case(**fields: object) -> object:
    return CaseFactory(
        gemeente=Organisation.objects.get(code="GM1681"),
        swv=Organisation.objects.get(code="PO 22-02"),
        **fields,
    )


def test_the_coordinator_cancels_a_beraad_through_the_confirmation_page(
    browser_session: BrowserSession,
) -> None:
    # given a planned beraad of the demo coordinator's partnership
    seed_accounts()
    beraad = BeraadFactory(case=_demo_case(status=Status.BERAAD_GEPLAND))
    detail = reverse("moreelberaad:detail", args=[beraad.pk])
    cancel = reverse("moreelberaad:cancel", args=[beraad.pk])
    browser_session.log_in("coordinator@wio.example")
    page = browser_session.page

    # when they follow "Beraad annuleren" on the beraad
    browser_session.goto(detail)
    page.click(f"a[href='{cancel}']")
    browser_session.wait_for(cancel)

    # then the page names the action, says it cannot be undone, asks a reason and leads back
    browser_session.check_page()
    main = page.locator("main")
    assert main.locator("h1").inner_text().strip() == "Dit beraad annuleren?"
    assert IRREVERSIBLE in main.inner_text()
    assert main.get_by_role("link", name="Terug").get_attribute("href") == f"{detail}#uitnodigingen"
    assert Beraad.objects.get(pk=beraad.pk).status != BeraadStatus.GEANNULEERD

    # when they submit without a reason, the page says so and nothing happens
    main.get_by_role("button", name="Beraad annuleren").click()
    page.wait_for_load_state("load")
    browser_session.check_page()
    assert Beraad.objects.get(pk=beraad.pk).status != BeraadStatus.GEANNULEERD

    # when they give the reason and confirm
    page.fill("#id_reason", "De ouders willen eerst een gesprek met school.")
    main.get_by_role("button", name="Beraad annuleren").click()
    browser_session.wait_for(f"{detail}#uitnodigingen")

    # then the beraad is cancelled and the page says so
    assert Beraad.objects.get(pk=beraad.pk).status == BeraadStatus.GEANNULEERD
    browser_session.check_page()
    assert "Dit beraad is geannuleerd." in page.locator("main").inner_text()


def test_the_attendance_officer_removes_a_timeline_entry_through_the_confirmation_page(
    browser_session: BrowserSession,
) -> None:
    # given a case of the demo LPA's municipality with a timeline entry of 3 December 2026
    seed_accounts()
    case = _demo_case()
    entry = TimelineEntryFactory(case=case, occurred_on=date(2026, 12, 3))
    detail = reverse("cases:detail", args=[case.pk])
    remove = reverse("cases:entry_delete", args=[case.pk, "tijdlijn", entry.pk])
    browser_session.log_in("lpa@wio.example")
    page = browser_session.page

    # when she follows the entry's "Verwijderen" link
    browser_session.goto(detail)
    page.click(f"a[href='{remove}']")
    browser_session.wait_for(remove)

    # then the page names the entry with a Dutch date and says it cannot be undone
    browser_session.check_page()
    main = page.locator("main")
    text = main.inner_text()
    assert "“3 december 2026: Contact”" in text
    assert "2026-12-03" not in text
    assert IRREVERSIBLE in text

    # when she goes back, nothing is removed
    main.get_by_role("link", name="Terug").click()
    page.wait_for_load_state("load")
    assert page.url.startswith(browser_session.base_url + detail)
    assert TimelineEntry.objects.filter(pk=entry.pk).exists()

    # when she opens it again and confirms
    page.click(f"a[href='{remove}']")
    browser_session.wait_for(remove)
    page.locator("main").get_by_role("button", name="Verwijderen uit “Tijdlijn”").click()
    page.wait_for_load_state("load")

    # then the entry is gone and she is back on the case's timeline
    assert not TimelineEntry.objects.filter(pk=entry.pk).exists()
    assert page.url == f"{browser_session.base_url}{detail}#tijdlijn"
    browser_session.check_page()
