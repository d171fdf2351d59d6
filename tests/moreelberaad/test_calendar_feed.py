"""The personal calendar feed: a tokenised, revocable .ics address (issue #4, item 8)."""

from collections.abc import Callable
from datetime import timedelta

from django.test import Client
from django.urls import reverse
from django.utils import timezone

import pytest
from icalendar import Calendar

from cases.constants import Status
from moreelberaad import services
from moreelberaad.models import Beraad, CalendarFeed
from tests.cases.factories import CaseFactory
from tests.factories import user_with_role
from tests.moreelberaad.factories import BeraadFactory, ParticipantFactory
from wio.accounts.constants import Role
from wio.accounts.models import User
from wio.audit import services as audit
from wio.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

SENTINEL = "Zwartkopsentinel"


@pytest.fixture
def coordinator() -> User:
    return user_with_role(Role.SWV_COORDINATOR)


@pytest.fixture
def beraad(coordinator: User) -> Beraad:
    case = CaseFactory(
        swv=coordinator.memberships.get().organisation,
        first_name=SENTINEL,
        last_name=SENTINEL,
        status=Status.BERAAD_GEPLAND,
    )
    return BeraadFactory(case=case)


def _feed_url(feed: CalendarFeed) -> str:
    return reverse("moreelberaad:calendar_feed", args=[feed.token])


def test_a_personal_feed_lists_upcoming_sessions_in_scope_without_names(
    beraad: Beraad, coordinator: User, signed_in: Callable[[User], Client]
) -> None:
    # given a coordinator with an upcoming beraad, a past one, and one of another SWV
    BeraadFactory(case=beraad.case, starts_at=timezone.now() - timedelta(days=3))
    elsewhere = BeraadFactory()
    signed_in(coordinator).post(reverse("moreelberaad:calendar_feed_manage"), {"action": "create"})
    feed = CalendarFeed.objects.get(user=coordinator)
    # when a calendar app (not signed in) reads the feed
    response = Client().get(_feed_url(feed))
    # then it holds the one upcoming session in scope, with its partnership, no reference, no name
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert [str(e["UID"]) for e in events] == [f"{beraad.ical_uid}@wio"]
    assert str(events[0]["SUMMARY"]) == f"Moreel Beraad, sessie 1 · {beraad.case.swv.name}"
    assert beraad.case.reference not in response.content.decode()
    assert SENTINEL not in response.content.decode()
    assert str(elsewhere.ical_uid) not in response.content.decode()
    assert len(feed.token) >= 43
    assert AuditEvent.objects.filter(event_type="beraad.calendar_feed", actor=coordinator).count() == 1


def test_a_revoked_or_replaced_feed_is_gone(
    beraad: Beraad, coordinator: User, signed_in: Callable[[User], Client]
) -> None:
    # given a feed, then a new one, then none
    client = signed_in(coordinator)
    url = reverse("moreelberaad:calendar_feed_manage")
    client.post(url, {"action": "create"})
    first = CalendarFeed.objects.get(user=coordinator)
    client.post(url, {"action": "create"})
    second = CalendarFeed.objects.get(user=coordinator, revoked_at__isnull=True)
    before_revoke = Client().get(_feed_url(second)).status_code
    client.post(url, {"action": "revoke"})
    # when a calendar app reads the addresses
    responses = [Client().get(_feed_url(feed)).status_code for feed in (first, second)]
    # then both are gone, and an unknown token is too
    assert before_revoke == 200
    assert responses == [404, 404]
    assert Client().get(reverse("moreelberaad:calendar_feed", args=["onbekend"])).status_code == 404


def test_the_feed_page_shows_the_address(coordinator: User, signed_in: Callable[[User], Client]) -> None:
    # given a coordinator who made an address
    client = signed_in(coordinator)
    url = reverse("moreelberaad:calendar_feed_manage")
    client.post(url, {"action": "create"})
    # when they open the page
    response = client.get(url)
    # then the full address is shown
    feed = CalendarFeed.objects.get(user=coordinator)
    assert response.status_code == 200
    assert f"http://testserver{_feed_url(feed)}" in response.content.decode()


def test_a_participant_outside_the_scope_sees_the_session_but_not_the_case(beraad: Beraad) -> None:
    # given project staff on the list as an ordinary participant (not leading, not minuting)
    staff = user_with_role(Role.PROJECT_STAFF)
    ParticipantFactory(beraad=beraad, user=staff)
    feed = services.calendar_feed_create(user=staff, actor=audit.actor_from(user=staff))
    # when their calendar app reads the feed
    response = Client().get(_feed_url(feed))
    # then the session is there, without the case reference
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert [str(e["UID"]) for e in events] == [f"{beraad.ical_uid}@wio"]
    assert beraad.case.reference not in response.content.decode()
