"""The outbox: write a job with the change, hand it to Celery after the commit, re-hand what got lost.

- `enqueue` writes the row in the caller's transaction and asks for a dispatch once it commits.
- `dispatch_due` hands due rows to the broker: new ones, back-off expired ones, and dispatched or
  running ones whose lease ran out (a killed worker, a lost message). A broker that is down leaves
  them pending; the beat sweep (every minute) or `manage.py outbox_dispatch` tries again.
- `run` is what the worker does with a job id: claim (DISPATCHED -> RUNNING), call the handler,
  record DONE, or back off / FAILED. The attempt number fences a run that was given up on.
"""

import logging
import time
from collections.abc import Iterable
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from .handlers import Handler, resolve
from .models import ACTIVE_STATES, Job, JobState

logger = logging.getLogger(__name__)

BACKOFF_BASE_SECONDS = 15
BACKOFF_MAX_SECONDS = 600
BROKER_PAUSE_SECONDS = 10  # after a failed hand-over, later commits in this process skip the broker
_broker_down_until = 0.0


def lease_seconds() -> int:
    return int(getattr(settings, "WIO_OUTBOX_LEASE_SECONDS", 180))


@transaction.atomic
def enqueue(
    handler: Handler,
    *,
    topic: str,
    subject_id: int | None = None,
    key: str | None = None,
    again: bool = False,
    max_attempts: int = 5,
    **kwargs: Any,
) -> Job:
    """The job for `key` (one per key), new or re-opened; dispatched once the transaction commits.

    A failed or stalled job with the same key starts over; a done one only with `again` (e.g. a PDF
    made anew). One that is waiting or running is the answer as it is: asking twice queues once.
    """
    fields = {"handler": handler.outbox_path, "topic": topic, "subject_id": subject_id, "kwargs": kwargs}
    job = _existing(key) if key else None
    if job is None:
        try:
            with transaction.atomic():
                job = Job.objects.create(
                    key=key, max_attempts=max_attempts, lease_seconds=lease_seconds(), **fields
                )
        except IntegrityError:  # the same key written concurrently: that one is the job
            job = _existing(key)
            assert job is not None  # noqa: S101
    elif job.state == JobState.FAILED or (again and job.state == JobState.DONE) or _lease_expired(job):
        _reopen(job, **fields)
    else:
        return job
    dispatch_on_commit([job.pk])
    return job


def _lease_expired(job: Job) -> bool:
    running = job.state in (JobState.DISPATCHED, JobState.RUNNING)
    return running and job.lease_until is not None and job.lease_until < timezone.now()


def _existing(key: str | None) -> Job | None:
    return Job.objects.select_for_update().filter(key=key).first()


def _reopen(job: Job, **fields: Any) -> None:
    for name, value in {
        **fields,
        "state": JobState.PENDING,
        "attempts": 0,
        "available_at": timezone.now(),
        "lease_until": None,
        "finished_at": None,
        "error": "",
    }.items():
        setattr(job, name, value)
    job.save()


@transaction.atomic
def retry(job: Job) -> bool:
    """Start a failed or stalled job over now (the user's "try again"); False if it is neither."""
    now = timezone.now()
    stalled = Q(state__in=[JobState.DISPATCHED, JobState.RUNNING], lease_until__lt=now)
    reset = Job.objects.filter(Q(pk=job.pk) & (Q(state=JobState.FAILED) | stalled)).update(
        state=JobState.PENDING, attempts=0, available_at=now, lease_until=None, finished_at=None, error=""
    )
    if reset:
        dispatch_on_commit([job.pk])
    return bool(reset)


def heartbeat(*, topic: str, subject_id: int) -> None:
    """A running job made progress: push its lease on, so it is not taken for lost."""
    now = timezone.now()
    Job.objects.filter(topic=topic, subject_id=subject_id, state=JobState.RUNNING).update(
        progress_at=now, lease_until=now + timedelta(seconds=lease_seconds())
    )


# --- Dispatch -------------------------------------------------------------------------------------


def dispatch_on_commit(job_ids: list[int]) -> None:
    transaction.on_commit(lambda: dispatch_due(job_ids=job_ids, from_request=True))


def _due(now: Any) -> Q:
    lost = Q(state__in=[JobState.DISPATCHED, JobState.RUNNING], lease_until__lt=now)
    return Q(state=JobState.PENDING, available_at__lte=now) | lost


def _claim_for_dispatch(job_ids: Iterable[int] | None, limit: int) -> list[Job]:
    now = timezone.now()
    with transaction.atomic():
        due = Job.objects.select_for_update(skip_locked=True).filter(_due(now))
        if job_ids is not None:
            due = due.filter(pk__in=list(job_ids))
        jobs = list(due.order_by("available_at", "id")[:limit])
        exhausted = [j for j in jobs if j.state != JobState.PENDING and j.attempts >= j.max_attempts]
        jobs = [j for j in jobs if j not in exhausted]
        for job in jobs:
            job.state, job.dispatched_at = JobState.DISPATCHED, now
            job.lease_until = now + timedelta(seconds=job.lease_seconds)
            job.save(update_fields=["state", "dispatched_at", "lease_until"])
    for job in exhausted:
        _give_up(job, WorkerLost(job.error or "lease expired"), job.attempts)
    return jobs


def dispatch_due(
    *, job_ids: Iterable[int] | None = None, limit: int = 500, from_request: bool = False
) -> int:
    """Hand due jobs to the broker; returns how many went. Never raises for a broker that is down."""
    global _broker_down_until
    if from_request and time.monotonic() < _broker_down_until:
        return 0  # the broker refused moments ago: the sweep picks these up, the user need not wait
    from .tasks import run_job

    jobs = _claim_for_dispatch(job_ids, limit)
    for position, job in enumerate(jobs):
        try:
            run_job.apply_async(args=(job.pk,), retry=False)
        except Exception as error:  # kombu/redis errors differ per transport; all mean "not queued"
            _broker_down_until = time.monotonic() + BROKER_PAUSE_SECONDS
            _back_to_pending(jobs[position:])
            logger.warning(
                "outbox: broker unavailable (%s); %d job(s) stay pending", type(error).__name__, len(jobs)
            )
            return position
    return len(jobs)


def _back_to_pending(jobs: list[Job]) -> None:
    Job.objects.filter(pk__in=[j.pk for j in jobs], state=JobState.DISPATCHED).update(
        state=JobState.PENDING, lease_until=None
    )


# --- Running (in the worker) ----------------------------------------------------------------------


class WorkerLost(Exception):
    """A job's lease ran out on its last attempt: the worker died or hung."""


def _claim_for_run(job_id: int) -> Job | None:
    job = Job.objects.filter(pk=job_id, state=JobState.DISPATCHED).first()
    if job is None:
        return None  # done, re-dispatched under another message, or deleted
    now = timezone.now()
    claimed = Job.objects.filter(pk=job_id, state=JobState.DISPATCHED, attempts=job.attempts).update(
        state=JobState.RUNNING,
        attempts=F("attempts") + 1,
        started_at=now,
        progress_at=now,
        lease_until=now + timedelta(seconds=job.lease_seconds),
    )
    if not claimed:
        return None
    job.refresh_from_db()
    return job


def run(job_id: int) -> bool:
    """Run one job if it is still to be run; True when the handler finished without error."""
    job = _claim_for_run(job_id)
    if job is None:
        return False
    attempt = job.attempts
    try:
        handler = resolve(job.handler)
        handler(job, **job.kwargs)
    except Exception as error:
        _attempt_failed(job, error, attempt)
        return False
    Job.objects.filter(pk=job.pk, attempts=attempt, state=JobState.RUNNING).update(
        state=JobState.DONE, finished_at=timezone.now(), lease_until=None, error=""
    )
    return True


def _attempt_failed(job: Job, error: BaseException, attempt: int) -> None:
    if attempt >= job.max_attempts:
        _give_up(job, error, attempt)
        return
    delay = min(BACKOFF_MAX_SECONDS, BACKOFF_BASE_SECONDS * 2 ** (attempt - 1))
    Job.objects.filter(pk=job.pk, attempts=attempt).update(
        state=JobState.PENDING,
        available_at=timezone.now() + timedelta(seconds=delay),
        lease_until=None,
        error=type(error).__name__,
    )
    logger.warning(
        "outbox: job %s (%s) attempt %d failed: %s", job.pk, job.topic, attempt, type(error).__name__
    )
    _call_error_hook(job, error, final=False)


def _give_up(job: Job, error: BaseException, attempt: int) -> None:
    Job.objects.filter(pk=job.pk, attempts=attempt).exclude(state=JobState.DONE).update(
        state=JobState.FAILED, finished_at=timezone.now(), lease_until=None, error=type(error).__name__
    )
    logger.error(
        "outbox: job %s (%s) failed after %d attempt(s): %s", job.pk, job.topic, attempt, type(error).__name__
    )
    _call_error_hook(job, error, final=True)


def _call_error_hook(job: Job, error: BaseException, *, final: bool) -> None:
    try:
        hook = resolve(job.handler).outbox_on_error
        if hook is not None:
            hook(job, error, final)
    except Exception:
        logger.exception("outbox: the error hook of job %s failed", job.pk)


def run_due_here(*, limit: int = 500) -> int:
    """Run every due job in this process, without a broker (tests); returns how many were run."""
    jobs = _claim_for_dispatch(None, limit)
    for job in jobs:
        run(job.pk)
    return len(jobs)


def open_jobs() -> list[Job]:
    return list(Job.objects.filter(state__in=ACTIVE_STATES).order_by("created_at"))


def purge_finished(*, older_than_days: int = 30) -> int:
    """Done jobs older than this go; failed ones stay until somebody looks at them."""
    cutoff = timezone.now() - timedelta(days=older_than_days)
    deleted, _ = Job.objects.filter(state=JobState.DONE, finished_at__lt=cutoff).delete()
    return deleted
