"""The coordinator adds a meeting place and plans a beraad there, in Chromium (issue 10 item 6); a
typed place naming the youth is refused on the page. axe-core and the CSP on every page on the way."""

from django.urls import reverse
from django.utils import timezone

import pytest

from cases.constants import Status
from moreelberaad.models import Beraad, MeetingPlace
from tests.cases.factories import CaseFactory
from tests.e2e.conftest import BrowserSession
from wio.accounts.demo import seed as seed_accounts
from wio.accounts.models import Organisation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

QUESTION = "Vragen we de ouders om hun dochter toch naar school te laten gaan?"


def _add_meeting_place(session: BrowserSession) -> MeetingPlace:
    page = session.page
    session.goto(reverse("moreelberaad:list"))
    page.get_by_role("link", name="Vergaderlocaties van uw samenwerkingsverband").click()
    session.wait_for(reverse("moreelberaad:meeting_places"))
    session.check_page()
    page.get_by_role("link", name="Vergaderlocatie toevoegen").click()
    session.wait_for(reverse("moreelberaad:meeting_place_add"))
    session.check_page()
    page.get_by_label("Naam").fill("Gemeentehuis Exloo, zaal 2")
    page.get_by_label("Adres").fill("Stationsplein 1, Exloo")
    page.click("main form button[type=submit]")
    session.wait_for(reverse("moreelberaad:meeting_places"))
    session.check_page()
    assert page.get_by_role("rowheader", name="Gemeentehuis Exloo, zaal 2").is_visible()
    return MeetingPlace.objects.get(name="Gemeentehuis Exloo, zaal 2")


def test_coordinator_adds_a_meeting_place_and_plans_a_beraad_there(browser_session: BrowserSession) -> None:
    seed_accounts()
    case = CaseFactory(
        gemeente=Organisation.objects.get(code="GM1681"),
        swv=Organisation.objects.get(code="PO 22-02"),
        status=Status.EXPERTISE_VERZAMELD,
        first_name="Fenna",
        last_name="Geheimnaam",
    )
    page = browser_session.page
    browser_session.log_in("coordinator@wio.example")
    place = _add_meeting_place(browser_session)
    assert place.swv == case.swv

    # a typed place naming the youth is refused with a Dutch message, on an accessible page
    browser_session.goto(reverse("moreelberaad:plan", args=[case.pk]))
    browser_session.check_page()
    starts = (timezone.localtime() + timezone.timedelta(days=9)).strftime("%Y-%m-%dT10:00")
    page.fill("#id_starts_at", starts)
    page.fill("#id_location", "Kantine bij Geheimnaam")
    page.fill("#id_ethical_question", QUESTION)
    page.click("main form button[type=submit]")
    page.wait_for_selector("#id_location.is-invalid")
    assert "de naam van de jeugdige" in page.inner_text("main")
    browser_session.check_page()
    assert not Beraad.objects.filter(case=case).exists()

    # the meeting place chosen instead
    page.fill("#id_location", "")
    page.select_option("#id_meeting_place", label=str(place))
    page.fill("#id_starts_at", starts)
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    beraad = Beraad.objects.get(case=case)
    browser_session.wait_for(reverse("moreelberaad:detail", args=[beraad.pk]))
    assert beraad.meeting_place == place
    assert "Gemeentehuis Exloo, zaal 2, Stationsplein 1, Exloo" in page.inner_text("main")
    browser_session.check_page()

    # taken out of use, the place stays with the beraad but is no longer offered
    browser_session.goto(reverse("moreelberaad:meeting_places"))
    with page.expect_navigation():
        page.get_by_role("button", name="Niet meer aanbieden").click()
    browser_session.check_page()
    place.refresh_from_db()
    assert not place.is_active
    browser_session.goto(reverse("moreelberaad:edit", args=[beraad.pk]))
    browser_session.check_page()
    assert page.locator("#id_meeting_place option:checked").inner_text() == str(place)
    browser_session.goto(reverse("moreelberaad:plan", args=[case.pk]))
    assert page.locator("#id_meeting_place option").all_inner_texts() == ["Kies…"]
