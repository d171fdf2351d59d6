"""Issue 14 item 2 in Chromium: the coordinator cannot record a beraad as held while its panel lists
blockers; the page names each one, and once they are dealt with the session is recorded as held."""

from django.urls import reverse
from django.utils import timezone

import pytest

from cases.constants import Status
from cases.models import Case
from moreelberaad.constants import BeraadStatus
from moreelberaad.models import Beraad
from tests.cases.factories import CaseFactory
from tests.e2e.conftest import BrowserSession
from tests.moreelberaad.factories import BeraadFactory, ParticipantFactory
from wio.accounts.demo import seed as seed_accounts
from wio.accounts.models import Organisation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HELD_BUTTON = "form[action$='/gehouden/'] button[type=submit]"
NO_NOTULIST = "Wijs ten minste één notulist aan."
NOT_APPROVED = "De ouders zijn nog niet akkoord gegaan met de lijst van deelnemers."


def _invited_beraad_without_notulist() -> Beraad:
    case = CaseFactory(
        gemeente=Organisation.objects.get(code="GM1681"),
        swv=Organisation.objects.get(code="PO 22-02"),
        status=Status.BERAAD_GEPLAND,
    )
    beraad = BeraadFactory(case=case, status=BeraadStatus.UITGENODIGD)
    ParticipantFactory(beraad=beraad, parent=True, name="Ilse Bos")
    ParticipantFactory(beraad=beraad, leader=True, name="Noor Bakker")
    ParticipantFactory(beraad=beraad, name="Sem de Groot")
    Beraad.objects.filter(pk=beraad.pk).update(parents_approved_on=timezone.localdate())
    return beraad


def _blockers(session: BrowserSession) -> list[str]:
    return [text.strip() for text in session.page.locator("#held-blockers li").all_inner_texts()]


def test_held_is_refused_while_blockers_are_listed_and_allowed_once_they_are_resolved(
    browser_session: BrowserSession,
) -> None:
    # Given an invited beraad whose table has no notulist
    seed_accounts()
    beraad = _invited_beraad_without_notulist()
    detail = reverse("moreelberaad:detail", args=[beraad.pk])
    page = browser_session.page
    browser_session.log_in("coordinator@wio.example")

    # The page names what is missing, and the button to record the session is disabled
    browser_session.goto(detail)
    browser_session.check_page()
    assert _blockers(browser_session) == [NO_NOTULIST]
    held = page.locator(HELD_BUTTON)
    assert held.is_disabled()
    assert held.get_attribute("aria-describedby") == "held-blockers"

    # Sent anyway (as an old page would), the server refuses it and says why
    held.evaluate("button => { button.disabled = false; }")
    with page.expect_navigation():
        held.click()
    refusal = page.locator(".alert-danger").inner_text()
    assert "De sessie kan nog niet als gehouden worden vastgelegd." in refusal
    assert NO_NOTULIST in refusal
    assert Beraad.objects.get(pk=beraad.pk).status == BeraadStatus.UITGENODIGD
    browser_session.check_page()

    # When the coordinator makes Sem the notulist, the parents' approval of the changed table is missing
    sem = beraad.participants.get(name="Sem de Groot")
    browser_session.goto(reverse("moreelberaad:participant_edit", args=[beraad.pk, sem.pk]))
    browser_session.check_page()
    page.check("#id_is_notulist")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    browser_session.goto(detail)
    assert _blockers(browser_session) == [NOT_APPROVED]
    assert page.locator(HELD_BUTTON).is_disabled()

    # And once the parents' approval is recorded, nothing blocks: the session is recorded as held
    with page.expect_navigation():
        page.click("form[action$='/akkoord-ouders/'] button[type=submit]")
    browser_session.goto(detail)
    assert page.locator("#held-blockers").count() == 0
    with page.expect_navigation():
        page.click(HELD_BUTTON)
    browser_session.check_page()
    assert Beraad.objects.get(pk=beraad.pk).status == BeraadStatus.GEHOUDEN
    assert Case.objects.get(pk=beraad.case_id).status == Status.BERAAD_GEHOUDEN
