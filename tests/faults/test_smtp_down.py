"""The mail relay down: invitations are shown as failed with a retry, and the retry sends each
participant exactly one e-mail once the relay is back (issue 12)."""

import smtplib

from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

import pytest

from moreelberaad.models import InvitationSend
from tests.cases.factories import CaseFactory
from tests.conftest import sign_in
from tests.factories import user_with_role
from tests.moreelberaad.factories import BeraadFactory, ready_table
from wio.accounts.constants import Role
from wio.outbox import services as outbox
from wio.outbox.models import Job, JobState

from .browser import shown_messages, submit

pytestmark = pytest.mark.django_db


def _refuse(*_args: object, **_kwargs: object) -> int:
    raise smtplib.SMTPConnectError(421, b"Service not available")


def _run_jobs_until_settled() -> None:
    """Play the worker: run every job, each retry as soon as its back-off allows."""
    for _round in range(10):
        Job.objects.filter(state=JobState.PENDING).update(available_at=timezone.now())
        if not outbox.run_due_here():
            return


def test_invitations_that_cannot_be_mailed_show_as_failed_and_the_retry_sends_each_once() -> None:
    coordinator = user_with_role(Role.SWV_COORDINATOR)
    beraad = BeraadFactory(case=CaseFactory(swv=coordinator.memberships.get().organisation))
    emails = sorted(participant.email for participant in ready_table(beraad))
    client = sign_in(Client(), coordinator)
    detail = reverse("moreelberaad:detail", args=[beraad.pk])
    invite = reverse("moreelberaad:invite", args=[beraad.pk])

    # given the mail relay refuses every message
    relay_down = pytest.MonkeyPatch()
    relay_down.setattr("django.core.mail.EmailMessage.send", _refuse)
    # when the invitations are sent and the worker tries until it gives up
    submit(client, detail, invite)
    _run_jobs_until_settled()

    # then each row says it failed, the panel says how many, and offers to try again
    html = client.get(detail).content.decode()
    assert html.count("Versturen mislukt") == len(emails)
    assert any("3 uitnodigingen konden niet worden verstuurd" in text for text in shown_messages(html))
    assert "Opnieuw proberen" in html
    assert not InvitationSend.objects.exists()

    # when the relay is back and the coordinator presses "try again", twice
    relay_down.undo()
    submit(client, detail, invite)
    submit(client, detail, invite)
    _run_jobs_until_settled()

    # then every participant got exactly one e-mail, and the panel says they were sent
    assert sorted(message.to[0] for message in mail.outbox) == emails
    html = client.get(detail).content.decode()
    assert "Versturen mislukt" not in html
    assert "De uitnodigingen zijn verstuurd" in html
