"""What leaves WIO about a beraad at a meeting place (issue 10 item 6) and whom the invitation tells
participants to answer (issue 14 item 8): the e-mail and .ics name the place with its address, the
title is "Moreel Beraad" (with the partnership in a feed), the Reply-To reaches the coordinator, and
nothing names the youth, a betrokkene or the case."""

from collections.abc import Callable
from typing import Any

from django.core import mail
from django.test import Client
from django.urls import reverse

import pytest
from icalendar import Calendar

from cases.constants import InvolvedRole
from cases.models import Case
from moreelberaad import services
from moreelberaad.models import Beraad
from tests.cases.factories import CaseFactory, InvolvedFactory
from tests.factories import MembershipFactory, user_with_role
from tests.moreelberaad.factories import BeraadFactory, MeetingPlaceFactory, ready_table
from tests.outbox.fakes import run_on_dispatch
from wio.accounts.constants import Role
from wio.accounts.models import User
from wio.audit import services as audit

pytestmark = pytest.mark.django_db

YOUTH_FIRST, YOUTH_LAST = "Tjiftjafsentinel", "Goudhaansentinel"
PARENT = "Roodborstsentinel"
SIBLING = "Winterkoningsentinel"
Capture = Callable[..., Any]


@pytest.fixture
def coordinator() -> User:
    return user_with_role(Role.SWV_COORDINATOR, first_name="Karim", last_name="de Vries")


@pytest.fixture
def case(coordinator: User) -> Case:
    case = CaseFactory(
        swv=coordinator.memberships.get().organisation, first_name=YOUTH_FIRST, last_name=YOUTH_LAST
    )
    InvolvedFactory(case=case, name=f"Els {PARENT}", role=InvolvedRole.OUDER)
    InvolvedFactory(case=case, name=f"Bram {SIBLING}", role=InvolvedRole.RELEVANTE_ANDER)
    return case


@pytest.fixture
def beraad(case: Case, coordinator: User) -> Beraad:
    place = MeetingPlaceFactory(swv=case.swv, name="Gemeentehuis, zaal 2", address="Stationsplein 1, Emmen")
    return BeraadFactory(case=case, meeting_place=place, location="", created_by=coordinator)


def _send_invitations(beraad: Beraad, user: User, capture: Capture, monkeypatch: pytest.MonkeyPatch) -> None:
    """The coordinator sends; the outbox job runs as the worker would and delivers the e-mails."""
    run_on_dispatch(monkeypatch)
    ready_table(beraad)
    with capture(execute=True):
        services.invitations_send(beraad=beraad, actor=audit.actor_from(user=user))


def _ics(message: mail.EmailMessage) -> str:
    return next(content for name, content, _type in message.attachments if name.endswith(".ics"))


def _forbidden(case: Case) -> list[str]:
    return [YOUTH_FIRST, YOUTH_LAST, PARENT, SIBLING, case.reference]


def test_the_invitation_names_the_coordinator_and_replies_reach_them(
    beraad: Beraad,
    coordinator: User,
    case: Case,
    django_capture_on_commit_callbacks: Capture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # when the invitations go out through the outbox
    _send_invitations(beraad, coordinator, django_capture_on_commit_callbacks, monkeypatch)
    # then every e-mail answers to the coordinator, names them and the meeting place with its address
    assert len(mail.outbox) == 3
    for message in mail.outbox:
        assert message.reply_to == [coordinator.email]
        assert message.message()["Reply-To"] == coordinator.email
        assert "Karim de Vries" in message.body
        assert f"coördinator van {case.swv.name}" in message.body
        assert coordinator.email in message.body
        assert "Gemeentehuis, zaal 2, Stationsplein 1, Emmen" in message.body
        event = Calendar.from_ical(_ics(message)).walk("VEVENT")[0]
        assert str(event["LOCATION"]) == "Gemeentehuis, zaal 2, Stationsplein 1, Emmen"
        assert str(event["SUMMARY"]).startswith("Moreel Beraad")
        # and nothing names the youth, a betrokkene or the case
        whole = f"{message.subject}\n{message.body}\n{_ics(message)}\n{message.message().as_string()}"
        for sentinel in _forbidden(case):
            assert sentinel not in whole


def test_without_the_planner_another_coordinator_of_the_partnership_answers(
    beraad: Beraad,
    coordinator: User,
    django_capture_on_commit_callbacks: Capture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # given the planner left the partnership and a colleague coordinates it now
    colleague = MembershipFactory(organisation=beraad.case.swv, role=Role.SWV_COORDINATOR).user
    coordinator.memberships.all().delete()
    # when the invitations go out
    _send_invitations(beraad, colleague, django_capture_on_commit_callbacks, monkeypatch)
    # then the colleague is the one to answer
    assert {tuple(m.reply_to) for m in mail.outbox} == {(colleague.email,)}


def test_a_cancellation_answers_to_the_coordinator_too(
    beraad: Beraad,
    coordinator: User,
    case: Case,
    django_capture_on_commit_callbacks: Capture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _send_invitations(beraad, coordinator, django_capture_on_commit_callbacks, monkeypatch)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.beraad_cancel(beraad=beraad, actor=audit.actor_from(user=coordinator), reason="Ziek")
    assert mail.outbox
    for message in mail.outbox:
        assert message.reply_to == [coordinator.email]
        assert "Karim de Vries" in message.body
        for sentinel in _forbidden(case):
            assert sentinel not in f"{message.subject}\n{message.body}\n{_ics(message)}"


def test_the_calendar_feed_names_the_place_and_the_partnership_never_the_youth(
    beraad: Beraad, coordinator: User, case: Case, signed_in: Callable[[User], Client]
) -> None:
    # given the coordinator's calendar address
    client = signed_in(coordinator)
    client.post(reverse("moreelberaad:calendar_feed_manage"), {"action": "create"})
    token = coordinator.calendar_feeds.get().token
    # when a calendar app reads it
    feed = Client().get(reverse("moreelberaad:calendar_feed", args=[token]))
    # then the session is "Moreel Beraad" with the partnership, at the meeting place
    assert feed.status_code == 200
    event = Calendar.from_ical(feed.content).walk("VEVENT")[0]
    assert str(event["SUMMARY"]).startswith("Moreel Beraad")
    assert case.swv.name in str(event["SUMMARY"])
    assert str(event["LOCATION"]) == "Gemeentehuis, zaal 2, Stationsplein 1, Emmen"
    body = feed.content.decode()
    for sentinel in _forbidden(case):
        assert sentinel not in body


def test_a_typed_place_naming_the_family_stays_out_of_the_calendar(
    case: Case, coordinator: User, signed_in: Callable[[User], Client]
) -> None:
    # given a place typed before the check existed, naming a betrokkene
    BeraadFactory(case=case, location=f"Kantine {PARENT}", created_by=coordinator)
    client = signed_in(coordinator)
    client.post(reverse("moreelberaad:calendar_feed_manage"), {"action": "create"})
    token = coordinator.calendar_feeds.get().token
    body = Client().get(reverse("moreelberaad:calendar_feed", args=[token])).content.decode()
    assert "BEGIN:VEVENT" in body
    for sentinel in _forbidden(case):
        assert sentinel not in body


def test_a_meeting_place_in_a_town_that_is_also_the_familys_surname_stays_in_the_invitation(
    coordinator: User, django_capture_on_commit_callbacks: Capture, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given a family called van Beek and the partnership's office in the town of Beek
    made = CaseFactory(swv=coordinator.memberships.get().organisation, first_name="Sem", last_name="van Beek")
    case = Case.objects.get(pk=made.pk)
    InvolvedFactory(case=case, name="Ria van Beek", role=InvolvedRole.OUDER)
    place = MeetingPlaceFactory(swv=case.swv, name="Gemeentehuis", address="Raadhuisplein 2, Beek")
    beraad = BeraadFactory(case=case, meeting_place=place, location="", created_by=coordinator)
    # when the invitations go out
    _send_invitations(beraad, coordinator, django_capture_on_commit_callbacks, monkeypatch)
    # then the office is named: a place belongs to no case and is not read as the family's name
    for message in mail.outbox:
        event = Calendar.from_ical(_ics(message)).walk("VEVENT")[0]
        assert str(event["LOCATION"]) == "Gemeentehuis, Raadhuisplein 2, Beek"
        assert case.reference not in f"{message.subject}\n{message.body}\n{_ics(message)}"
