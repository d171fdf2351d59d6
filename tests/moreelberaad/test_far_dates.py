"""A beraad stored at the calendar's far end (before date spans existed) still has a calendar entry."""

from datetime import UTC, datetime

import pytest

from moreelberaad.ical import feed_ics
from moreelberaad.models import Beraad
from tests.moreelberaad.factories import BeraadFactory

pytestmark = pytest.mark.django_db


def test_the_end_of_a_beraad_at_the_calendars_end_does_not_overflow() -> None:
    beraad = BeraadFactory()
    Beraad.objects.filter(pk=beraad.pk).update(starts_at=datetime(9999, 12, 31, 23, 0, tzinfo=UTC))
    beraad.refresh_from_db()

    assert beraad.ends_at.year == 9999
    assert beraad.ends_at >= beraad.starts_at
    feed = feed_ics(sessions=[(beraad, "Moreel Beraad")], name="Agenda")

    assert b"DTEND:99991231T235959Z" in feed
