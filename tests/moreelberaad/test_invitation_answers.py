"""Answers and attendance of participants, and the invitation panel on the beraad page (#4 item 4)."""

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from django.utils import timezone

import pytest

from moreelberaad import services
from moreelberaad.constants import Answer
from moreelberaad.models import Beraad, Participant
from tests.cases.factories import CaseFactory
from tests.factories import MembershipFactory, user_with_role
from tests.moreelberaad.factories import BeraadFactory, ready_table
from tests.outbox.fakes import run_on_dispatch
from wio.accounts.constants import Role
from wio.accounts.models import User
from wio.audit import services as audit
from wio.audit.models import AuditEvent

pytestmark = pytest.mark.django_db
Capture = Callable[..., Any]


@pytest.fixture
def coordinator() -> User:
    return user_with_role(Role.SWV_COORDINATOR)


@pytest.fixture
def beraad(coordinator: User) -> Beraad:
    return BeraadFactory(case=CaseFactory(swv=coordinator.memberships.get().organisation))


@pytest.fixture
def worker(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never run Celery: a job handed over runs right here."""
    run_on_dispatch(monkeypatch)


def _messages(response: Any) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_the_coordinator_records_an_answer(
    beraad: Beraad, coordinator: User, signed_in: Callable[[User], Client]
) -> None:
    # given a participant
    participant = ready_table(beraad)[0]
    url = reverse("moreelberaad:answer", args=[beraad.pk, participant.pk])
    # when the coordinator records that they accepted
    response = signed_in(coordinator).post(url, {"answer": Answer.ACCEPTED})
    # then it is stored and audited
    assert response.status_code == 302
    participant.refresh_from_db()
    assert participant.answer == Answer.ACCEPTED
    assert AuditEvent.objects.filter(event_type="beraad.participant.answer").exists()


def test_the_notulist_records_attendance_after_the_session_has_begun(
    beraad: Beraad, signed_in: Callable[[User], Client]
) -> None:
    # given project staff taking the minutes of a session that began an hour ago
    people = ready_table(beraad)
    staff = user_with_role(Role.PROJECT_STAFF)
    Participant.objects.filter(pk=people[2].pk).update(user=staff)
    Beraad.objects.filter(pk=beraad.pk).update(starts_at=timezone.now() - timedelta(hours=1))
    url = reverse("moreelberaad:answer", args=[beraad.pk, people[0].pk])
    # when they record that the parent was there
    response = signed_in(staff).post(url, {"attended": "yes"})
    # then it is stored
    assert response.status_code == 302
    people[0].refresh_from_db()
    assert people[0].attended is True


def test_attendance_before_the_session_is_refused(
    beraad: Beraad, coordinator: User, signed_in: Callable[[User], Client]
) -> None:
    # given a session two weeks ahead
    participant = ready_table(beraad)[0]
    url = reverse("moreelberaad:answer", args=[beraad.pk, participant.pk])
    # when someone records attendance
    response = signed_in(coordinator).post(url, {"attended": "no"})
    # then it is refused with a message
    assert response.status_code == 302
    assert _messages(response)
    participant.refresh_from_db()
    assert participant.attended is None


def test_the_lpa_of_the_case_may_look_but_not_record(
    beraad: Beraad, signed_in: Callable[[User], Client]
) -> None:
    # given the LPA of the case's gemeente
    participant = ready_table(beraad)[0]
    lpa = MembershipFactory(organisation=beraad.case.gemeente, role=Role.LPA).user
    # when they try to record an answer
    response = signed_in(lpa).post(
        reverse("moreelberaad:answer", args=[beraad.pk, participant.pk]), {"answer": Answer.DECLINED}
    )
    # then they are refused
    assert response.status_code == 403


def test_the_detail_page_shows_the_invitation_panel(
    beraad: Beraad,
    coordinator: User,
    signed_in: Callable[[User], Client],
    django_capture_on_commit_callbacks: Capture,
    worker: Any,
) -> None:
    # given an invited table
    ready_table(beraad)
    with django_capture_on_commit_callbacks(execute=True):
        services.invitations_send(beraad=beraad, actor=audit.actor_from(user=coordinator))
    # when the coordinator opens the beraad
    response = signed_in(coordinator).get(reverse("moreelberaad:detail", args=[beraad.pk]))
    # then the panel lists the answers forms and the cancel link
    html = response.content.decode()
    assert 'id="uitnodigingen"' in html
    assert reverse("moreelberaad:cancel", args=[beraad.pk]) in html
    assert html.count('name="answer"') == 3
