"""Issue 14 item 4 in Chromium: the leerplichtambtenaar's start page counts the cases with a late escalation
milestone and links to the case list filtered to them, where the late milestone is red and in words."""

import re
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

import pytest

from cases.models import Case
from tests.cases.factories import CaseFactory
from tests.e2e.conftest import BrowserSession
from wio.accounts.demo import seed as seed_accounts
from wio.accounts.models import Organisation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DUTCH_DATE = r"\d{1,2} [a-z]{3} \d{4}"


def _case(weeks_ago: int, reference: str) -> Case:
    start = timezone.localdate() - timedelta(weeks=weeks_ago)
    return CaseFactory(
        gemeente=Organisation.objects.get(code="GM1681"),
        swv=Organisation.objects.get(code="PO 22-02"),
        escalation_start_on=start,
        registered_on=start,
        reference=reference,
    )


def test_the_start_page_link_leads_to_the_late_cases_marked_in_red_and_in_words(
    browser_session: BrowserSession,
) -> None:
    # Given one case whose escalation clock ran past a milestone, and one that is on time
    seed_accounts()
    late = _case(weeks_ago=6, reference="WIO-LATE001")
    _case(weeks_ago=1, reference="WIO-ONTIME1")
    page = browser_session.page

    # When the LPA signs in, the start page counts the late case and links to it
    browser_session.log_in("lpa@wio.example")
    browser_session.check_page()
    link = page.get_by_role("link", name="1 casus met een te late escalatiemijlpaal")
    assert link.count() == 1
    link.click()
    browser_session.wait_for(reverse("cases:list") + "?escalation=overdue")
    browser_session.check_page()

    # Then the list holds only the late case, its filter shown as chosen
    rows = page.locator("main table tbody tr")
    assert rows.count() == 1
    assert late.reference in rows.first.inner_text()
    assert "WIO-ONTIME1" not in page.locator("main table").inner_text()
    assert page.locator("#id_escalation").input_value() == "overdue"

    # And its next milestone says in words that it is late, in red, with the Dutch date
    late_mark = rows.first.locator("td strong.text-danger")
    assert re.fullmatch(rf"te laat sinds {DUTCH_DATE}", late_mark.inner_text().strip(), re.IGNORECASE)
    colour = late_mark.evaluate("el => getComputedStyle(el).color")
    red, green, blue = map(int, re.findall(r"\d+", colour)[:3])
    assert (red > 150, green < 100, blue < 100) == (True, True, True), colour
    header = page.locator("main table thead th").all_inner_texts()
    assert {"Volgende mijlpaal", "Laatste activiteit"} <= set(header)
