"""Recording a session in Chromium: the dilemma, the conclusions and a follow-up action that shows up on
the case with its actiehouder; axe-core clean on every recording page."""

from django.urls import reverse
from django.utils import timezone

import pytest

from cases.constants import Status
from moreelberaad.constants import BeraadStatus
from moreelberaad.models import Beraad
from tests.cases.factories import CaseFactory
from tests.e2e.conftest import BrowserSession
from tests.moreelberaad.factories import (
    BeraadFactory,
    CommitmentFactory,
    ParticipantFactory,
    PerspectiveFactory,
    ReflectionFactory,
)
from wio.accounts.demo import seed as seed_accounts
from wio.accounts.models import Organisation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_coordinator_records_a_session_and_its_follow_up_action(browser_session: BrowserSession) -> None:
    # Given a beraad of the demo coordinator's SWV with a table, a perspective, a commitment and a reflection
    seed_accounts()
    gemeente = Organisation.objects.get(code="GM1681")
    swv = Organisation.objects.get(code="PO 22-02")
    beraad = BeraadFactory(case=CaseFactory(gemeente=gemeente, swv=swv, status=Status.BERAAD_GEPLAND))
    participant = ParticipantFactory(beraad=beraad, parent=True)
    perspective = PerspectiveFactory(beraad=beraad, participant=participant)
    reflection = ReflectionFactory(beraad=beraad)
    CommitmentFactory(beraad=beraad)
    page = browser_session.page
    browser_session.log_in("coordinator@wio.example")

    # When the coordinator records the dilemma
    browser_session.goto(reverse("moreelberaad:step_edit", args=[beraad.pk, "dilemma"]))
    browser_session.check_page()
    page.fill("#id_option_a", "Volgende week naar school")
    page.fill("#id_burden_a", "Hij voelt zich gedwongen.")
    page.fill("#id_option_b", "Eerst een zorgboerderij")
    page.fill("#id_burden_b", "Hij loopt verder achter.")
    page.click("main form button[type=submit]")
    browser_session.wait_for(reverse("moreelberaad:detail", args=[beraad.pk]) + "#verslag")
    # And the conclusions
    browser_session.goto(reverse("moreelberaad:step_edit", args=[beraad.pk, "conclusions"]))
    page.fill("#id_content", "We kiezen samen voor de zorgboerderij.")
    page.click("main form button[type=submit]")
    browser_session.wait_for(reverse("moreelberaad:detail", args=[beraad.pk]) + "#verslag")
    # And a follow-up action for the case's LPA
    browser_session.goto(reverse("moreelberaad:action_add", args=[beraad.pk]))
    browser_session.check_page()
    page.fill("#id_description", "Zorgboerderij benaderen")
    page.select_option("#id_owner", label="Lotte Pieters")
    page.fill("#id_due_on", timezone.localdate().isoformat())
    page.click("main form button[type=submit]")
    browser_session.wait_for(reverse("moreelberaad:detail", args=[beraad.pk]) + "#uitkomst")

    # Then the beraad's page shows it all
    browser_session.check_page()
    assert page.get_by_text("Last van A: Hij voelt zich gedwongen.").count() == 1
    assert page.get_by_text("We kiezen samen voor de zorgboerderij.").count() == 1
    # And the action is on the case's page with its actiehouder
    browser_session.goto(reverse("cases:detail", args=[beraad.case_id]))
    row = page.locator("tr", has_text="Zorgboerderij benaderen")
    assert row.count() == 1
    assert "Lotte Pieters" in row.inner_text()

    # And every other recording page passes axe too
    Beraad.objects.filter(pk=beraad.pk).update(status=BeraadStatus.GEHOUDEN)
    for path in [
        reverse("moreelberaad:perspective_add", args=[beraad.pk]),
        reverse("moreelberaad:perspective_edit", args=[beraad.pk, perspective.pk]),
        reverse("moreelberaad:perspective_remove", args=[beraad.pk, perspective.pk]),
        reverse("moreelberaad:notes", args=[beraad.pk]),
        reverse("moreelberaad:outcome", args=[beraad.pk]),
        reverse("moreelberaad:evaluation", args=[beraad.pk]),
        reverse("moreelberaad:reflection_add", args=[beraad.pk]),
        reverse("moreelberaad:reflection_remove", args=[beraad.pk, reflection.pk]),
    ]:
        response = browser_session.goto(path)
        assert response is not None
        assert response.status == 200, path
        browser_session.check_page()
