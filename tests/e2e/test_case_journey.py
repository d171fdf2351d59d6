"""The attendance officer's main journey through the case file, in a real Chromium (issue #3)."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

import pytest

from cases.models import ActionItem, Case, Consent, Development, Movement, TimelineEntry
from tests.e2e.conftest import BrowserSession
from wio.accounts.demo import seed as seed_accounts

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _submit(session: BrowserSession, form: str = "main form[method=post]") -> None:
    session.page.locator(form).locator("button[type=submit]").first.click()
    session.page.wait_for_load_state("load")


def _add_in_place(session: BrowserSession, section: str, fill: dict[str, str]) -> None:
    """Open the section's form with htmx, fill it and save; the section refreshes in place."""
    page = session.page
    page.locator(f"#{section} a.btn-outline-primary").first.click()
    form = page.locator(f"#{section}-form form")
    form.wait_for()
    session.check_page()
    for selector, value in fill.items():
        if value == "check":
            form.locator(selector).check()
        elif selector.startswith("select") and value.startswith("index:"):
            form.locator(selector).select_option(index=int(value.removeprefix("index:")))
        elif selector.startswith("select"):
            form.locator(selector).select_option(value)
        else:
            form.locator(selector).fill(value)
    form.locator("button[type=submit]").click()
    page.locator(f"#{section}-form form").wait_for(state="detached")


def test_lpa_follows_a_case_from_registration_to_my_work(browser_session: BrowserSession) -> None:
    seed_accounts()
    page = browser_session.page
    browser_session.log_in("lpa@wio.example")

    # register a case with exemption details
    browser_session.goto(reverse("cases:list"))
    browser_session.check_page()
    browser_session.goto(reverse("cases:create"))
    browser_session.check_page()
    page.fill("#id_first_name", "Fenna")
    page.fill("#id_last_name", "Kuipers")
    page.fill("#id_date_of_birth", "2013-06-21")
    page.select_option("#id_swv", label="Samenwerkingsverband PO Zuidoost-Drenthe")
    page.select_option("#id_category", "vrijstelling_5a")
    _submit(browser_session)
    case = Case.objects.get(last_name="Kuipers")
    assert page.url.endswith(reverse("cases:detail", args=[case.pk]))
    browser_session.check_page()

    browser_session.goto(reverse("cases:group_edit", args=[case.pk, "vrijstelling"]))
    browser_session.check_page()
    page.fill("#id_applied_on", "2026-08-01")
    page.select_option("#id_education_involved", "false")
    _submit(browser_session)
    assert "alert-warning" in page.content()  # education was not involved

    # people involved, timeline, consent, development, new movement, an action
    _add_in_place(
        browser_session,
        "betrokkenen",
        {"#id_name": "Marieke Kuipers", "select#id_role": "ouder", "#id_has_parental_authority": "check"},
    )
    _add_in_place(
        browser_session,
        "tijdlijn",
        {
            "#id_occurred_on": "2026-11-02",
            "select#id_entry_type": "contact",
            "#id_description": "Eerste gesprek",
        },
    )
    _add_in_place(
        browser_session,
        "toestemming",
        {"select#id_person": "index:1", "select#id_scope": "share_with_beraad"},
    )
    _add_in_place(
        browser_session,
        "ontwikkeling",
        {"select#id_form": "zorgboerderij", "#id_description": "Werkt twee dagdelen op de zorgboerderij"},
    )
    _add_in_place(browser_session, "beweging", {"#id_description": "Wil een proefdag op school"})
    due = (timezone.localdate() + timedelta(days=3)).isoformat()
    _add_in_place(
        browser_session,
        "acties",
        {"#id_description": "Proefdag regelen", "#id_owner_name": "Lotte Pieters", "#id_due_on": due},
    )
    assert TimelineEntry.objects.filter(case=case).count() == 1
    assert Consent.objects.filter(case=case).count() == 1
    assert Development.objects.filter(case=case).exists()
    assert Movement.objects.filter(case=case).exists()
    assert ActionItem.objects.filter(case=case).exists()

    # the status moves forward
    browser_session.goto(reverse("cases:detail", args=[case.pk]))
    page.select_option("#to_status", "voorgesteld")
    page.locator("form[action$='/status/'] button[type=submit]").click()
    page.wait_for_load_state("load")
    case.refresh_from_db()
    assert case.status == "voorgesteld"
    assert page.locator("#escalatieklok table tbody tr").count() == 3
    browser_session.check_page()

    # the due action is on My work
    browser_session.goto(reverse("cases:my_work"))
    assert "Proefdag regelen" in page.content() or case.reference in page.content()
    browser_session.check_page()
