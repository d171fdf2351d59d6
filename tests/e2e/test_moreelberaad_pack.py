"""The preparation pack in Chromium: axe-core clean, and htmx polls until the PDF is ready."""

from pathlib import Path
from typing import Any

from django.urls import reverse

import pytest

from cases.constants import InvolvedRole
from tests.cases.factories import CaseFactory, ConsentFactory, InvolvedFactory, TimelineEntryFactory
from tests.e2e.conftest import BrowserSession
from tests.moreelberaad.factories import BeraadFactory, ParticipantFactory
from tests.outbox.fakes import dispatched_jobs
from wio.accounts.demo import seed as seed_accounts
from wio.accounts.models import Organisation
from wio.outbox import services as outbox

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_pack_passes_axe_and_the_pdf_status_updates_itself(
    browser_session: BrowserSession, monkeypatch: pytest.MonkeyPatch, settings: Any, tmp_path: Path
) -> None:
    # Given a beraad of the demo coordinator's SWV, one without and one with the family's consent
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    seed_accounts()
    gemeente = Organisation.objects.get(code="GM1681")
    swv = Organisation.objects.get(code="PO 22-02")
    without_consent = BeraadFactory(case=CaseFactory(gemeente=gemeente, swv=swv))
    ParticipantFactory(beraad=without_consent, parent=True)
    case = CaseFactory(gemeente=gemeente, swv=swv)
    TimelineEntryFactory(case=case, description="Eerste gesprek met de ouders.")
    parent = InvolvedFactory(case=case, role=InvolvedRole.OUDER, name="Ouder De Wit")
    ConsentFactory(case=case, person=parent).shared_with.set([parent])
    beraad = BeraadFactory(case=case)
    ParticipantFactory(beraad=beraad, parent=True, involved=parent, name=parent.name)
    # The worker is played by the test itself: it runs the task once the request has queued it.
    queued = dispatched_jobs(monkeypatch)
    browser_session.log_in("coordinator@wio.example")

    # When the coordinator opens both packs
    for shown in (without_consent, beraad):
        browser_session.goto(reverse("moreelberaad:pack", args=[shown.pk]))
        browser_session.check_page()
    page = browser_session.page
    assert page.get_by_text("Eerste gesprek met de ouders.").count() == 1

    # And asks for the PDF
    page.click("#pakket-pdf button[type=submit]")
    page.wait_for_selector("#pakket-pdf .spinner-border")
    browser_session.check_page()
    outbox.run(queued[0].pk)

    # Then the polling part turns into the download link by itself
    download = page.locator("#pakket-pdf a")
    download.wait_for(timeout=10_000)
    assert download.get_attribute("href") == reverse("moreelberaad:pack_pdf_download", args=[beraad.pk])
    browser_session.check_page()
