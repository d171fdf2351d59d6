"""Redis, the broker, down: requesting a report and sending invitations still succeed, with a Dutch
message, and once Redis is back the work is done by itself, each e-mail exactly once (issue 12)."""

import time
from collections import Counter
from collections.abc import Callable
from email import message_from_string
from pathlib import Path

from django.test import Client
from django.urls import reverse

import pytest

from monitor.constants import ReportStatus
from monitor.models import Report
from moreelberaad.constants import BeraadStatus
from moreelberaad.models import Beraad, InvitationSend
from tests.cases.factories import CaseFactory
from tests.conftest import sign_in
from tests.factories import user_with_role
from tests.moreelberaad.factories import BeraadFactory, ready_table
from wio.accounts.constants import Role
from wio.outbox.models import Job, JobState, SendState, SentMessage

from .browser import shown_messages, submit
from .services import RedisServer, Worker, wait_for

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def _recipients(mail_dir: Path) -> Counter[str]:
    """Who got how many e-mails, from the files the worker's file backend wrote."""
    counted: Counter[str] = Counter()
    for path in mail_dir.iterdir():
        for raw in path.read_text().split("-" * 79):
            if raw.strip():
                counted[message_from_string(raw.strip())["To"]] += 1
    return counted


def _invited_beraad() -> tuple[Client, Beraad, list[str]]:
    coordinator = user_with_role(Role.SWV_COORDINATOR)
    beraad = BeraadFactory(case=CaseFactory(swv=coordinator.memberships.get().organisation))
    emails = [participant.email for participant in ready_table(beraad)]
    return sign_in(Client(), coordinator), beraad, emails


def test_report_and_invitations_survive_the_broker_being_down(
    broker: RedisServer, start_worker: Callable[..., Worker], mail_dir: Path
) -> None:
    staff = sign_in(Client(), user_with_role(Role.PROJECT_STAFF))
    coordinator, beraad, emails = _invited_beraad()
    # given Redis is down
    broker.stop()

    # when project staff request the national report (the form as it is rendered)
    started = time.monotonic()
    reports = reverse("monitor:report_list")
    response = submit(staff, reports, reports)
    # then the request succeeds at once, says in Dutch that the report follows, and is kept
    assert response.status_code == 200
    assert time.monotonic() - started < 10
    assert any("wordt vanzelf gemaakt zodra" in text for text in shown_messages(response.content.decode()))
    report = Report.objects.get()
    assert report.status == ReportStatus.QUEUED
    assert Job.objects.get(topic="monitor.report").state == JobState.PENDING

    # when the coordinator sends the invitations
    detail = reverse("moreelberaad:detail", args=[beraad.pk])
    response = submit(coordinator, detail, reverse("moreelberaad:invite", args=[beraad.pk]))
    # then that succeeds too; the page says they go out by themselves, each row "wordt verstuurd"
    html = response.content.decode()
    assert response.status_code == 200
    assert any("gaan vanzelf de deur uit" in text for text in shown_messages(html))
    assert html.count("Wordt verstuurd") == len(emails)
    assert "De uitnodigingen zijn verstuurd" not in html
    beraad.refresh_from_db()
    assert beraad.status == BeraadStatus.UITGENODIGD

    # when Redis returns and a worker (with beat) runs, nobody clicking anything
    broker.start()
    worker = start_worker()
    done = wait_for(
        lambda: (
            Report.objects.get().status == ReportStatus.DONE
            and InvitationSend.objects.filter(participant__beraad=beraad).count() == len(emails)
        ),
        timeout=180,
        step=1,
    )

    # then the report is made and every participant got exactly one e-mail
    assert done, worker.output()[-3000:]
    assert _recipients(mail_dir) == Counter(dict.fromkeys(emails, 1))
    assert set(SentMessage.objects.values_list("state", flat=True)) == {SendState.SENT}
    assert not Job.objects.exclude(state=JobState.DONE).exists()
    # and the panel says so
    html = coordinator.get(detail).content.decode()
    assert "Wordt verstuurd" not in html
    assert "De uitnodigingen zijn verstuurd" in html
