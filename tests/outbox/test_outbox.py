"""The outbox: a job is a row of the transaction, handed over after it, run once, re-run when lost."""

import os
import time
from datetime import timedelta
from typing import Any
from unittest import mock

from django.core import mail
from django.core.mail import EmailMessage
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

import pytest

from wio.file_writes import PART_MARK
from wio.outbox import services
from wio.outbox.mail import deliver_once, message_id_for
from wio.outbox.models import Job, JobState, SendState, SentMessage
from wio.outbox.selectors import progress_of
from wio.outbox.tasks import purge

from . import handlers

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clean_handlers() -> None:
    handlers.CALLS.clear()
    handlers.ERRORS.clear()
    services._broker_down_until = 0.0


def _enqueue_then_fail() -> None:
    with transaction.atomic():
        services.enqueue(handlers.record_call, topic="test", subject_id=1, value=1)
        raise RuntimeError("the change fails")


def test_a_rolled_back_transaction_leaves_no_job() -> None:
    with pytest.raises(RuntimeError):
        _enqueue_then_fail()
    assert not Job.objects.exists()


def test_one_job_per_key_and_a_failed_one_starts_over() -> None:
    first = services.enqueue(handlers.record_call, topic="test", subject_id=1, key="k")
    again = services.enqueue(handlers.record_call, topic="test", subject_id=1, key="k")
    assert again.pk == first.pk
    Job.objects.filter(pk=first.pk).update(state=JobState.FAILED, attempts=5, error="X")
    reopened = services.enqueue(handlers.record_call, topic="test", subject_id=1, key="k")
    assert (reopened.pk, reopened.state, reopened.attempts) == (first.pk, JobState.PENDING, 0)


def test_run_due_here_runs_each_job_once() -> None:
    job = services.enqueue(handlers.record_call, topic="test", subject_id=7, value=3)
    assert services.run_due_here() == 1
    assert services.run_due_here() == 0
    assert [(job.pk, {"value": 3})] == handlers.CALLS
    job.refresh_from_db()
    assert (job.state, job.attempts) == (JobState.DONE, 1)
    assert progress_of("test", 7).done


def test_a_failing_job_backs_off_then_fails_and_tells_its_hook() -> None:
    job = services.enqueue(handlers.always_fails, topic="test", subject_id=1, max_attempts=2)
    services.run_due_here()
    job.refresh_from_db()
    assert (job.state, job.error) == (JobState.PENDING, "Flaky")
    assert job.available_at > timezone.now()
    Job.objects.filter(pk=job.pk).update(available_at=timezone.now())
    services.run_due_here()
    job.refresh_from_db()
    assert job.state == JobState.FAILED
    assert handlers.ERRORS == [("Flaky", False), ("Flaky", True)]
    assert progress_of("test", 1).failed


def test_a_job_whose_lease_ran_out_is_dispatched_again_and_runs_once() -> None:
    job = services.enqueue(handlers.record_call, topic="test", subject_id=1)
    # a worker took it and died: RUNNING, lease in the past
    Job.objects.filter(pk=job.pk).update(
        state=JobState.RUNNING, attempts=1, lease_until=timezone.now() - timedelta(seconds=1)
    )
    assert progress_of("test", 1).stalled
    assert services.run_due_here() == 1
    job.refresh_from_db()
    assert (job.state, job.attempts, len(handlers.CALLS)) == (JobState.DONE, 2, 1)


def test_a_lost_job_on_its_last_attempt_fails() -> None:
    job = services.enqueue(handlers.record_call, topic="test", subject_id=1, max_attempts=1)
    Job.objects.filter(pk=job.pk).update(
        state=JobState.RUNNING, attempts=1, lease_until=timezone.now() - timedelta(seconds=1)
    )
    services.dispatch_due()
    job.refresh_from_db()
    assert (job.state, job.error) == (JobState.FAILED, "WorkerLost")
    assert handlers.ERRORS == [("WorkerLost", True)]


def test_a_stale_message_for_a_job_already_taken_does_nothing() -> None:
    job = services.enqueue(handlers.record_call, topic="test", subject_id=1)
    services.run_due_here()
    assert services.run(job.pk) is False
    assert len(handlers.CALLS) == 1


def test_a_broker_that_refuses_leaves_the_job_pending() -> None:
    job = services.enqueue(handlers.record_call, topic="test", subject_id=1)
    with mock.patch("wio.outbox.tasks.run_job.apply_async", side_effect=ConnectionRefusedError):
        assert services.dispatch_due() == 0
    job.refresh_from_db()
    assert job.state == JobState.PENDING
    assert progress_of("test", 1).waiting_for_worker


def test_the_command_lists_and_dispatches(capsys: pytest.CaptureFixture[str]) -> None:
    services.enqueue(handlers.record_call, topic="test", subject_id=1)
    call_command("outbox_dispatch", "--list")
    assert "pending\ttest\t1" in capsys.readouterr().out
    with mock.patch("wio.outbox.tasks.run_job.apply_async") as sent:
        call_command("outbox_dispatch")
    assert sent.call_count == 1
    assert "dispatched 1 job(s)" in capsys.readouterr().out


def _message() -> EmailMessage:
    return EmailMessage(subject="s", body="b", to=["a@example.org"])


def test_an_e_mail_goes_once_with_a_message_id_from_its_key() -> None:
    assert deliver_once("mail:1", _message) is True
    assert deliver_once("mail:1", _message) is False
    assert len(mail.outbox) == 1
    assert mail.outbox[0].extra_headers["Message-ID"] == message_id_for("mail:1")
    assert SentMessage.objects.get(key="mail:1").state == SendState.SENT


def test_an_smtp_failure_leaves_the_record_sending_and_the_rerun_sends() -> None:
    with (
        mock.patch.object(EmailMessage, "send", side_effect=ConnectionRefusedError),
        pytest.raises(ConnectionRefusedError),
    ):
        deliver_once("mail:2", _message)
    assert SentMessage.objects.get(key="mail:2").state == SendState.SENDING
    assert deliver_once("mail:2", _message) is True
    assert len(mail.outbox) == 1
    record = SentMessage.objects.get(key="mail:2")
    assert (record.state, record.handovers) == (SendState.SENT, 2)


def test_a_run_that_died_after_the_hand_over_sends_again_with_the_same_message_id() -> None:
    # given a run whose e-mail left, but whose "sent" mark was never committed (the worker died)
    def die_after_smtp() -> None:
        raise SystemExit("worker killed between SMTP and commit")

    with pytest.raises(SystemExit):
        deliver_once("mail:3", _message, die_after_smtp)
    assert SentMessage.objects.get(key="mail:3").state == SendState.SENDING
    # when the job runs again
    assert deliver_once("mail:3", _message) is True
    # then the second copy carries the first one's Message-ID (mail clients show it once): the
    # documented remaining window of ADR 0013
    first, second = mail.outbox
    assert first.extra_headers["Message-ID"] == second.extra_headers["Message-ID"]
    assert SentMessage.objects.get(key="mail:3").state == SendState.SENT


def test_the_nightly_purge_removes_old_fragments_and_old_done_jobs(tmp_path: Any, settings: Any) -> None:
    # given a fragment a killed worker left a day ago, one being written now, and an old done job
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    old, fresh = tmp_path / f"a.pdf{PART_MARK}1", tmp_path / f"b.pdf{PART_MARK}2"
    old.write_bytes(b"%PDF")
    fresh.write_bytes(b"%PDF")
    a_day_ago = time.time() - 25 * 3600
    os.utime(old, (a_day_ago, a_day_ago))
    job = services.enqueue(handlers.record_call, topic="test", subject_id=1)
    Job.objects.filter(pk=job.pk).update(state=JobState.DONE, finished_at=timezone.now() - timedelta(days=31))
    # when the nightly purge runs
    purge()
    # then the old fragment and the old job are gone, the write in progress is not
    assert (old.exists(), fresh.exists()) == (False, True)
    assert not Job.objects.exists()
