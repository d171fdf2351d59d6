"""Playing the broker in tests: record what the outbox hands to Celery instead of sending it."""

from typing import Any

import pytest

from wio.outbox import services
from wio.outbox.models import Job
from wio.outbox.tasks import run_job


def dispatched_subjects(monkeypatch: pytest.MonkeyPatch, topic: str) -> list[int]:
    """The subject ids of the `topic` jobs handed to the broker, in order (a live list)."""
    sent: list[int] = []

    def record(args: tuple[int, ...] = (), **_options: Any) -> None:
        job = Job.objects.get(pk=args[0])
        if job.topic == topic and job.subject_id is not None:
            sent.append(job.subject_id)

    monkeypatch.setattr(run_job, "apply_async", record)
    return sent


def broker_unreachable(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every hand-over fails as kombu's does when Redis refuses the connection."""

    def refuse(*_args: Any, **_options: Any) -> None:
        raise ConnectionRefusedError(111, "Connection refused")

    monkeypatch.setattr(run_job, "apply_async", refuse)


def run_on_dispatch(monkeypatch: pytest.MonkeyPatch) -> list[Job]:
    """A worker in this process: each job handed over runs at once; returns the jobs, in order."""
    ran: list[Job] = []

    def run_now(args: tuple[int, ...] = (), **_options: Any) -> None:
        ran.append(Job.objects.get(pk=args[0]))
        services.run(args[0])

    monkeypatch.setattr(run_job, "apply_async", run_now)
    return ran


def dispatched_jobs(monkeypatch: pytest.MonkeyPatch) -> list[Job]:
    """Record the jobs handed over without running them (the test plays the worker)."""
    sent: list[Job] = []
    monkeypatch.setattr(
        run_job, "apply_async", lambda args=(), **_options: sent.append(Job.objects.get(pk=args[0]))
    )
    return sent
