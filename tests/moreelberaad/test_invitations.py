"""Invitations with iCalendar, updates, cancellation, answers and the calendar feed (#4 items 4, 8)."""

import smtplib
from collections.abc import Callable
from datetime import UTC, timedelta
from typing import Any
from unittest import mock

from django.contrib.messages import get_messages
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

import pytest
from icalendar import Calendar

from cases.constants import Status
from moreelberaad import services
from moreelberaad.constants import BeraadStatus
from moreelberaad.models import Beraad, InvitationSend, Participant
from moreelberaad.selectors import invitation_blockers
from moreelberaad.tasks import send_invitation
from tests.cases.factories import CaseFactory
from tests.confirming import confirm, post_confirmation
from tests.factories import user_with_role
from tests.moreelberaad.factories import BeraadFactory, ParticipantFactory, ready_table
from tests.outbox.fakes import dispatched_jobs, run_on_dispatch
from wio.accounts.constants import Role
from wio.accounts.models import User
from wio.audit import services as audit
from wio.audit.models import AuditEvent
from wio.outbox.models import Job

pytestmark = pytest.mark.django_db

SENTINEL = "Zwartkopsentinel"
Capture = Callable[..., Any]


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


def _invitation(job: Job) -> tuple[Any, ...]:
    return (job.kwargs["participant_id"], job.kwargs["sequence"], job.kwargs["method"])


@pytest.fixture
def worker(monkeypatch: pytest.MonkeyPatch) -> list[Job]:
    """Tests never run Celery: a job handed over runs right here, as a worker would, and is counted."""
    return run_on_dispatch(monkeypatch)


@pytest.fixture
def queue_only(monkeypatch: pytest.MonkeyPatch) -> list[Job]:
    """Only records the jobs handed over; the test runs the worker itself."""
    return dispatched_jobs(monkeypatch)


def _actor(user: User) -> audit.Actor:
    return audit.actor_from(user=user)


def _calendar_of(message: mail.EmailMessage) -> Calendar:
    filename, content, _mimetype = message.attachments[0]
    assert filename == "uitnodiging.ics"
    return Calendar.from_ical(content)


def _event_of(message: mail.EmailMessage) -> Any:
    return _calendar_of(message).walk("VEVENT")[0]


def _invite(client: Client, beraad: Beraad, capture: Capture) -> Any:
    with capture(execute=True):
        return client.post(reverse("moreelberaad:invite", args=[beraad.pk]))


def _messages(response: Any) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


# --- refusals -------------------------------------------------------------------------------------


def _without_approval(beraad: Beraad, people: list[Participant]) -> None:
    Beraad.objects.filter(pk=beraad.pk).update(parents_approved_on=None)


def _with_two_leaders(beraad: Beraad, people: list[Participant]) -> None:
    ParticipantFactory(beraad=beraad, leader=True)


def _without_notulist(beraad: Beraad, people: list[Participant]) -> None:
    Participant.objects.filter(beraad=beraad).update(is_notulist=False)


@pytest.mark.parametrize("spoil", [_without_approval, _with_two_leaders, _without_notulist])
def test_invitations_are_refused_with_a_clear_message_and_nothing_is_sent(
    beraad: Beraad,
    coordinator: User,
    signed_in: Callable[[User], Client],
    django_capture_on_commit_callbacks: Capture,
    worker: list[tuple[Any, ...]],
    spoil: Callable[[Beraad, list[Participant]], None],
) -> None:
    # given a table that is not ready in one respect
    spoil(beraad, ready_table(beraad))
    beraad.refresh_from_db()
    expected = invitation_blockers(beraad, list(beraad.participants.all()))
    # when the coordinator sends the invitations
    response = _invite(signed_in(coordinator), beraad, django_capture_on_commit_callbacks)
    # then the reason is shown and nothing went out
    assert response.status_code == 302
    assert expected
    assert set(expected) <= set(_messages(response))
    assert mail.outbox == []
    assert not InvitationSend.objects.exists()
    assert worker == []
    beraad.refresh_from_db()
    assert beraad.status == BeraadStatus.CONCEPT


def test_the_service_refuses_too(beraad: Beraad, coordinator: User) -> None:
    # given a table without the parents' approval
    ready_table(beraad)
    Beraad.objects.filter(pk=beraad.pk).update(parents_approved_on=None)
    # when / then
    with pytest.raises(ValidationError):
        services.invitations_send(beraad=beraad, actor=_actor(coordinator))


# --- sending --------------------------------------------------------------------------------------


def test_after_approval_each_participant_gets_one_mail_with_a_valid_invitation(
    beraad: Beraad,
    coordinator: User,
    signed_in: Callable[[User], Client],
    django_capture_on_commit_callbacks: Capture,
    worker: list[tuple[Any, ...]],
) -> None:
    # given an approved table of three
    people = ready_table(beraad)
    # when the invitations are sent
    response = _invite(signed_in(coordinator), beraad, django_capture_on_commit_callbacks)
    # then every participant has one e-mail with an iCalendar REQUEST, version 0
    assert response.status_code == 302
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in people)
    for message in mail.outbox:
        assert message.attachments[0][2] == "text/calendar; method=REQUEST"
        calendar = _calendar_of(message)
        event = calendar.walk("VEVENT")[0]
        assert str(calendar["METHOD"]) == "REQUEST"
        assert str(event["UID"]) == f"{beraad.ical_uid}@wio"
        assert int(event["SEQUENCE"]) == 0
        assert str(event["STATUS"]) == "CONFIRMED"
        assert event.decoded("DTSTART") == beraad.starts_at.astimezone(UTC).replace(microsecond=0)
        assert str(event["ATTENDEE"]) == f"mailto:{message.to[0]}"
    beraad.refresh_from_db()
    assert beraad.status == BeraadStatus.UITGENODIGD
    assert InvitationSend.objects.filter(sequence=0, method="REQUEST").count() == 3
    assert AuditEvent.objects.filter(event_type="beraad.invitation.sent").count() == 3


def test_the_mail_carries_no_case_data(
    beraad: Beraad, coordinator: User, django_capture_on_commit_callbacks: Capture, worker: Any
) -> None:
    # given a case whose youth is called SENTINEL, and a leader named in the invitation
    people = ready_table(beraad)
    leader = next(p for p in people if p.is_gespreksleider)
    # when the invitations go out
    with django_capture_on_commit_callbacks(execute=True):
        services.invitations_send(beraad=beraad, actor=_actor(coordinator))
    # then neither the youth's name nor the case reference is in any part of any e-mail
    for message in mail.outbox:
        whole = message.message().as_string() + message.attachments[0][1]
        assert SENTINEL not in whole
        assert beraad.case.reference not in whole
        assert leader.name in message.body
        assert beraad.location in message.body


def test_moving_the_time_sends_exactly_one_update_per_participant(
    beraad: Beraad, coordinator: User, django_capture_on_commit_callbacks: Capture, worker: Any
) -> None:
    # given an invited table
    people = ready_table(beraad)
    with django_capture_on_commit_callbacks(execute=True):
        services.invitations_send(beraad=beraad, actor=_actor(coordinator))
    mail.outbox.clear()
    # when the session moves a day, and a worker runs one task a second time
    beraad.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        services.beraad_update(
            beraad=beraad,
            actor=_actor(coordinator),
            data={"starts_at": beraad.starts_at + timedelta(days=1)},
            expected_version=beraad.version,
        )
    assert send_invitation(people[0].pk, 1, "REQUEST") is False
    # then each participant got one update: same UID, SEQUENCE 1, the new time
    beraad.refresh_from_db()
    assert beraad.ical_sequence == 1
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in people)
    for message in mail.outbox:
        event = _event_of(message)
        assert (str(event["UID"]), int(event["SEQUENCE"])) == (f"{beraad.ical_uid}@wio", 1)
        assert event.decoded("DTSTART") == beraad.starts_at.astimezone(UTC).replace(microsecond=0)


def test_a_draft_that_moves_sends_nothing(
    beraad: Beraad, coordinator: User, django_capture_on_commit_callbacks: Capture, worker: Any
) -> None:
    # given a draft beraad nobody was invited to
    ready_table(beraad)
    # when its time changes
    with django_capture_on_commit_callbacks(execute=True):
        services.beraad_update(
            beraad=beraad,
            actor=_actor(coordinator),
            data={"starts_at": beraad.starts_at + timedelta(hours=2)},
            expected_version=beraad.version,
        )
    # then nothing is sent and the version of the invitation stays 0
    beraad.refresh_from_db()
    assert (mail.outbox, beraad.ical_sequence, worker) == ([], 0, [])


def test_a_retried_task_does_not_send_twice(
    beraad: Beraad, coordinator: User, django_capture_on_commit_callbacks: Capture, queue_only: Any
) -> None:
    # given invitations queued but not yet run
    ready_table(beraad)
    with django_capture_on_commit_callbacks(execute=True):
        services.invitations_send(beraad=beraad, actor=_actor(coordinator))
    participant_id, sequence, method = _invitation(queue_only[0])
    # when a worker runs the same task twice
    first = send_invitation(participant_id, sequence, method)
    second = send_invitation(participant_id, sequence, method)
    # then one e-mail went out
    assert (first, second) == (True, False)
    assert len(mail.outbox) == 1
    assert InvitationSend.objects.filter(participant_id=participant_id).count() == 1


def test_a_failed_send_is_rolled_back_so_the_retry_sends(
    beraad: Beraad, coordinator: User, django_capture_on_commit_callbacks: Capture, queue_only: Any
) -> None:
    # given a queued invitation and an SMTP server that fails once
    ready_table(beraad)
    with django_capture_on_commit_callbacks(execute=True):
        services.invitations_send(beraad=beraad, actor=_actor(coordinator))
    participant_id, sequence, method = _invitation(queue_only[0])
    smtp_down = mock.patch("django.core.mail.EmailMessage.send", side_effect=smtplib.SMTPServerDisconnected)
    with smtp_down, pytest.raises(smtplib.SMTPServerDisconnected):
        send_invitation(participant_id, sequence, method)
    # when the retry runs
    assert not InvitationSend.objects.filter(participant_id=participant_id).exists()
    sent = send_invitation(participant_id, sequence, method)
    # then it sends
    assert sent is True
    assert len(mail.outbox) == 1


def test_a_task_for_an_older_version_sends_nothing(
    beraad: Beraad, coordinator: User, django_capture_on_commit_callbacks: Capture, queue_only: Any
) -> None:
    # given an invitation queued at version 0, then the time moved (version 1)
    ready_table(beraad)
    with django_capture_on_commit_callbacks(execute=True):
        services.invitations_send(beraad=beraad, actor=_actor(coordinator))
    participant_id = queue_only[0].kwargs["participant_id"]
    Beraad.objects.filter(pk=beraad.pk).update(ical_sequence=1)
    # when the old task runs
    sent = send_invitation(participant_id, 0, "REQUEST")
    # then it has nothing left to send
    assert (sent, mail.outbox) == (False, [])


# --- cancelling -----------------------------------------------------------------------------------


def test_cancelling_sends_a_cancel_with_the_same_uid_and_a_higher_sequence(
    beraad: Beraad,
    coordinator: User,
    signed_in: Callable[[User], Client],
    django_capture_on_commit_callbacks: Capture,
    worker: Any,
) -> None:
    # given an invited table, and a beraad nobody is invited to yet for the same case
    people = ready_table(beraad)
    client = signed_in(coordinator)
    _invite(client, beraad, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    # when the coordinator cancels with a reason
    with django_capture_on_commit_callbacks(execute=True):
        response = confirm(
            client, reverse("moreelberaad:cancel", args=[beraad.pk]), reason=f"Ziek {SENTINEL}"
        )
    # then everyone invited gets a CANCEL (same UID, SEQUENCE 1) without the reason
    assert response.status_code == 302
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in people)
    for message in mail.outbox:
        calendar = _calendar_of(message)
        event = calendar.walk("VEVENT")[0]
        assert message.attachments[0][2] == "text/calendar; method=CANCEL"
        assert (str(calendar["METHOD"]), str(event["STATUS"])) == ("CANCEL", "CANCELLED")
        assert (str(event["UID"]), int(event["SEQUENCE"])) == (f"{beraad.ical_uid}@wio", 1)
        assert SENTINEL not in message.body
    beraad.refresh_from_db()
    assert beraad.status == BeraadStatus.GEANNULEERD
    beraad.case.refresh_from_db()
    assert beraad.case.status == Status.EXPERTISE_VERZAMELD


DUTCH_MONTHS = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]


def test_a_cancellation_reads_in_dutch_on_the_beraad_and_in_the_case_history(
    beraad: Beraad,
    coordinator: User,
    signed_in: Callable[[User], Client],
    django_capture_on_commit_callbacks: Capture,
    worker: Any,
) -> None:
    # given an invited table
    ready_table(beraad)
    client = signed_in(coordinator)
    _invite(client, beraad, django_capture_on_commit_callbacks)
    # when the coordinator cancels it through the page
    with django_capture_on_commit_callbacks(execute=True):
        confirm(client, reverse("moreelberaad:cancel", args=[beraad.pk]), reason="Moeder is ziek")
    # then the minutes say when and why, with the date as Dutch readers write it ("4 december 2026")
    today = timezone.localdate()
    written = f"{today.day} {DUTCH_MONTHS[today.month - 1]} {today.year}"
    page = client.get(reverse("moreelberaad:detail", args=[beraad.pk])).content.decode()
    assert f"Geannuleerd op {written}: Moeder is ziek" in page
    # and the case's history says so in Dutch too
    dossier = client.get(reverse("cases:detail", args=[beraad.case_id])).content.decode()
    assert f"Moreel Beraad {beraad.sequence_number} geannuleerd" in dossier
    assert "cancelled" not in dossier


def test_cancelling_a_draft_sends_nothing_and_asks_first(
    beraad: Beraad,
    coordinator: User,
    signed_in: Callable[[User], Client],
    django_capture_on_commit_callbacks: Capture,
    worker: Any,
) -> None:
    # given a draft beraad
    ready_table(beraad)
    client = signed_in(coordinator)
    url = reverse("moreelberaad:cancel", args=[beraad.pk])
    # when the coordinator opens the page, then confirms
    page = client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        post_confirmation(client, page, url, reason="Ouders trekken zich terug")
    # then the page asked for a reason, and no e-mail went out
    assert page.status_code == 200
    assert 'name="reason"' in page.content.decode()
    beraad.refresh_from_db()
    assert (beraad.status, beraad.ical_sequence, mail.outbox) == (BeraadStatus.GEANNULEERD, 1, [])


def test_a_held_beraad_cannot_be_cancelled(
    beraad: Beraad, coordinator: User, signed_in: Callable[[User], Client]
) -> None:
    # given a beraad that was held
    Beraad.objects.filter(pk=beraad.pk).update(status=BeraadStatus.GEHOUDEN)
    # when the coordinator tries to cancel it
    response = signed_in(coordinator).post(reverse("moreelberaad:cancel", args=[beraad.pk]), {"reason": "x"})
    # then it is refused and stays held
    assert response.status_code == 302
    assert _messages(response)
    beraad.refresh_from_db()
    assert beraad.status == BeraadStatus.GEHOUDEN


def test_someone_added_after_the_invitations_is_not_invited_by_an_update(
    beraad: Beraad, coordinator: User, django_capture_on_commit_callbacks: Capture, worker: Any
) -> None:
    # given an invited table, then a new participant the parents have not yet approved
    people = ready_table(beraad)
    with django_capture_on_commit_callbacks(execute=True):
        services.invitations_send(beraad=beraad, actor=_actor(coordinator))
    services.participant_add(
        beraad=beraad,
        actor=_actor(coordinator),
        data={
            "name": "Nieuw",
            "email": "nieuw@voorbeeld.example",
            "category": "zorgpartner",
            "proposed_by": "professional",
        },
    )
    mail.outbox.clear()
    # when the session moves
    beraad.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        services.beraad_update(
            beraad=beraad,
            actor=_actor(coordinator),
            data={"location": "Stadhuis"},
            expected_version=beraad.version,
        )
    # then only those invited before get the update
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in people)


def test_someone_removed_after_the_invitation_gets_a_cancellation(
    django_capture_on_commit_callbacks: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    beraad = BeraadFactory()
    people = ready_table(beraad)
    run_on_dispatch(monkeypatch)
    with django_capture_on_commit_callbacks(execute=True):
        services.invitations_send(beraad=beraad, actor=audit.actor_from(user=None))
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.participant_remove(participant=people[0], actor=audit.actor_from(user=None))

    assert [m.to for m in mail.outbox] == [[people[0].email]]
    ics = next(c for n, c, _t in mail.outbox[0].attachments if n.endswith(".ics"))
    assert "METHOD:CANCEL" in ics
