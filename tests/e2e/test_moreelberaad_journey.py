"""The coordinator prepares a Moreel Beraad in Chromium: plan, table, parents' approval, invitations
(issue #4 acceptance); axe-core and the CSP on every page on the way."""

from django.core import mail
from django.urls import reverse
from django.utils import timezone

import icalendar
import pytest

from cases.constants import Status
from moreelberaad.models import Beraad, InvitationSend
from tests.cases.factories import CaseFactory, InvolvedFactory
from tests.e2e.conftest import BrowserSession
from tests.outbox.fakes import run_on_dispatch
from wio.accounts.demo import seed as seed_accounts
from wio.accounts.models import Organisation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def invitations_sent_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """No worker runs in this test: a job handed over runs right away in the server's thread."""
    run_on_dispatch(monkeypatch)


def _add_participant(session: BrowserSession, beraad: Beraad, fields: dict[str, str]) -> None:
    page = session.page
    session.goto(reverse("moreelberaad:participant_add", args=[beraad.pk]))
    session.check_page()
    for selector, value in fields.items():
        if value == "check":
            page.check(selector)
        elif selector.startswith("select") and value.startswith("index:"):
            page.select_option(selector, index=int(value.removeprefix("index:")))
        elif selector.startswith("select"):
            page.select_option(selector, value)
        else:
            page.fill(selector, value)
    page.click("main form button[type=submit]")
    session.wait_for(reverse("moreelberaad:detail", args=[beraad.pk]) + "#deelnemers")


def test_coordinator_plans_composes_and_invites(
    browser_session: BrowserSession, invitations_sent_at_once: None
) -> None:
    seed_accounts()
    case = CaseFactory(
        gemeente=Organisation.objects.get(code="GM1681"),
        swv=Organisation.objects.get(code="PO 22-02"),
        status=Status.EXPERTISE_VERZAMELD,
        last_name="Geheimnaam",
    )
    InvolvedFactory(case=case, name="Ilse Bos", role="ouder", contact="ilse@voorbeeld.example")
    page = browser_session.page
    browser_session.log_in("coordinator@wio.example")

    # plan from the case page
    browser_session.goto(reverse("cases:detail", args=[case.pk]))
    page.click("#beraden a.btn-outline-primary")
    browser_session.wait_for(reverse("moreelberaad:plan", args=[case.pk]))
    browser_session.check_page()
    starts = (timezone.localtime() + timezone.timedelta(days=9)).strftime("%Y-%m-%dT10:00")
    page.fill("#id_starts_at", starts)
    page.fill("#id_location", "Gemeentehuis Exloo")
    page.fill("#id_ethical_question", "Vragen we de ouders om hun dochter toch naar school te laten gaan?")
    page.click("main form button[type=submit]")
    beraad = Beraad.objects.get(case=case)
    browser_session.wait_for(reverse("moreelberaad:detail", args=[beraad.pk]))
    browser_session.check_page()

    # the table: the mother (proposed by the parents), a gespreksleider and a notulist
    _add_participant(browser_session, beraad, {"select#id_involved": "index:1"})
    _add_participant(
        browser_session,
        beraad,
        {
            "#id_name": "Noor Bakker",
            "#id_email": "noor@gedragswerk.example",
            "select#id_category": "gedragswerk_ozj",
            "#id_is_gespreksleider": "check",
            "select#id_proposed_by": "professional",
        },
    )
    _add_participant(
        browser_session,
        beraad,
        {
            "#id_name": "Sem de Groot",
            "#id_email": "sem@ozj.example",
            "select#id_category": "gedragswerk_ozj",
            "#id_is_notulist": "check",
            "select#id_proposed_by": "professional",
        },
    )
    browser_session.goto(reverse("moreelberaad:waiver", args=[beraad.pk]))
    browser_session.check_page()
    page.fill("#id_reason", "De verklarende analyse wordt tijdens het beraad besproken.")
    with page.expect_navigation():
        page.click("main form button[type=submit]")

    # the parents approve, then the invitations go out
    with page.expect_navigation():
        page.click("form[action$='/akkoord-ouders/'] button[type=submit]")
    with page.expect_navigation():
        page.click("form[action$='/uitnodigen/'] button[type=submit]")
    browser_session.check_page()

    assert InvitationSend.objects.filter(participant__beraad=beraad).count() == 3
    assert sorted(m.to[0] for m in mail.outbox) == [
        "ilse@voorbeeld.example",
        "noor@gedragswerk.example",
        "sem@ozj.example",
    ]
    for message in mail.outbox:
        assert "Geheimnaam" not in f"{message.subject} {message.body}"
        ics = next(content for name, content, _type in message.attachments if name.endswith(".ics"))
        calendar = icalendar.Calendar.from_ical(ics)
        event = next(iter(calendar.walk("VEVENT")))
        assert str(calendar["METHOD"]) == "REQUEST"
        assert str(event["UID"]).startswith(str(beraad.ical_uid))
        assert int(event["SEQUENCE"]) == 0

    # every other preparation page passes axe
    participant = beraad.participants.first()
    assert participant is not None
    for path in [
        reverse("moreelberaad:list"),
        reverse("moreelberaad:edit", args=[beraad.pk]),
        reverse("moreelberaad:participant_edit", args=[beraad.pk, participant.pk]),
        reverse("moreelberaad:participant_remove", args=[beraad.pk, participant.pk]),
        reverse("moreelberaad:cancel", args=[beraad.pk]),
        reverse("moreelberaad:calendar_feed_manage"),
    ]:
        response = browser_session.goto(path)
        assert response is not None
        assert response.status == 200, path
        browser_session.check_page()
