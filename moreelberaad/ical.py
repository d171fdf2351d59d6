"""iCalendar (RFC 5545 / iTIP RFC 5546) for beraad invitations and the personal calendar feed.

Invitations go to people without a WIO login, so an event names the session and where it is held,
never the youth or the case: the title is "Moreel Beraad" with the session number (and, in a
personal feed, the organising partnership), the place only when it passes the identity check.
Every version of one beraad's invitation keeps the same UID; SEQUENCE
counts the changes, so a calendar replaces the event instead of adding a second one.
"""

from collections.abc import Iterable
from datetime import UTC, datetime
from email.utils import parseaddr

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from icalendar import Calendar, Event, vCalAddress

from .constants import Answer
from .models import Beraad, Participant
from .public_text import public_location

REQUEST, CANCEL = "REQUEST", "CANCEL"
METHODS = frozenset({REQUEST, CANCEL})
PRODID = "-//WIO//Moreel Beraad//NL"

PARTSTAT: dict[str, str] = {
    Answer.PENDING: "NEEDS-ACTION",
    Answer.ACCEPTED: "ACCEPTED",
    Answer.TENTATIVE: "TENTATIVE",
    Answer.DECLINED: "DECLINED",
}


def event_uid(beraad: Beraad) -> str:
    return f"{beraad.ical_uid}@wio"


def session_title(beraad: Beraad) -> str:
    """The only description of the session that leaves WIO: "Moreel Beraad, sessie n"."""
    with translation.override(settings.LANGUAGE_CODE):
        return _("Moreel Beraad, session %(number)d") % {"number": beraad.sequence_number}


def organizer_address() -> vCalAddress:
    name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    organizer = vCalAddress(f"mailto:{address}")
    if name:
        organizer.params["CN"] = name
    return organizer


def attendee_address(participant: Participant) -> vCalAddress:
    attendee = vCalAddress(f"mailto:{participant.email}")
    attendee.params["CN"] = participant.name
    attendee.params["ROLE"] = "CHAIR" if participant.is_gespreksleider else "REQ-PARTICIPANT"
    attendee.params["PARTSTAT"] = PARTSTAT.get(participant.answer, "NEEDS-ACTION")
    attendee.params["RSVP"] = "FALSE"  # answers reach the coordinator by phone or e-mail, not iMIP
    return attendee


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)


def _session_event(beraad: Beraad, *, sequence: int, summary: str, cancelled: bool) -> Event:
    event = Event()
    event.add("uid", event_uid(beraad))
    event.add("sequence", sequence)
    event.add("dtstamp", _utc(timezone.now()))
    event.add("dtstart", _utc(beraad.starts_at))
    event.add("dtend", _utc(beraad.ends_at))
    event.add("summary", summary)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    event.add("location", public_location(beraad) or beraad.online_link)
    if beraad.online_link:
        event.add("description", beraad.online_link)
        event.add("url", beraad.online_link)
    event.add("organizer", organizer_address())
    return event


def _calendar(method: str | None = None) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if method:
        calendar.add("method", method)
    return calendar


def invitation_ics(*, beraad: Beraad, participant: Participant, sequence: int, method: str) -> bytes:
    """The invitation (REQUEST) or its cancellation (CANCEL) for one participant."""
    if method not in METHODS:
        raise ValueError(f"unknown iTIP method {method!r}")
    calendar = _calendar(method)
    event = _session_event(
        beraad, sequence=sequence, summary=session_title(beraad), cancelled=method == CANCEL
    )
    event.add("attendee", attendee_address(participant))
    calendar.add_component(event)
    return bytes(calendar.to_ical())


def feed_ics(*, sessions: Iterable[tuple[Beraad, str]], name: str) -> bytes:
    """A subscribed calendar: one event per (beraad, extra label) pair, no attendees, no case data."""
    calendar = _calendar()
    calendar.add("x-wr-calname", name)
    for beraad, label in sessions:
        summary = f"{session_title(beraad)} · {label}" if label else session_title(beraad)
        calendar.add_component(
            _session_event(beraad, sequence=beraad.ical_sequence, summary=summary, cancelled=False)
        )
    return bytes(calendar.to_ical())
