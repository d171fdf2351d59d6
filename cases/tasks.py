"""Background work of the case file: the weekly "My work" e-mail (celery beat, Monday morning).

The beat task fans out one outbox job per recipient (wio/outbox, ADR 0013), keyed by user and ISO
week: a second beat run in the same week adds nothing, and each e-mail has a send record, so a job
run twice mails once.
"""

from datetime import date
from typing import Any

from django.utils import timezone

from celery import shared_task

from wio.accounts.models import User
from wio.outbox import services as outbox
from wio.outbox.handlers import job_handler

from . import services
from .mywork import digest_enabled_for, digest_recipient_ids, my_work_for

DIGEST_TOPIC = "cases.weekly_digest"


def digest_key(user_id: int, today: date) -> str:
    year, week, _ = today.isocalendar()
    return f"{DIGEST_TOPIC}:{user_id}:{year}-W{week:02d}"


@shared_task
def send_weekly_digests() -> int:
    """Fan out: one job per user who may receive the e-mail. Returns how many were asked for."""
    user_ids = digest_recipient_ids()
    today = timezone.localdate()
    for user_id in user_ids:
        outbox.enqueue(
            send_weekly_digest_job,
            topic=DIGEST_TOPIC,
            subject_id=user_id,
            key=digest_key(user_id, today),
            max_attempts=4,
            user_id=user_id,
        )
    return len(user_ids)


def send_weekly_digest(user_id: int) -> bool:
    """Send one user their weekly overview, at most once per ISO week. Returns whether it was sent.

    Re-checks everything the fan-out knew, because time passed since: the user may have left or
    switched the e-mail off, and an empty overview is not worth an e-mail.
    """
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None or not digest_enabled_for(user):
        return False
    today = timezone.localdate()
    work = my_work_for(user, today)
    if work.is_empty:
        return False
    return services.weekly_digest_send(user=user, work=work, today=today, key=digest_key(user_id, today))


@job_handler()
def send_weekly_digest_job(job: Any, user_id: int) -> bool:
    return send_weekly_digest(user_id)


@shared_task
def list_cases_due_for_destruction() -> int:
    """Nightly: the closed cases whose retention ended, one list per municipality (ADR 0014)."""
    return len(services.destruction_lists_create())


@shared_task
def purge_abandoned_imports() -> int:
    """Nightly: uploaded CSV files nobody committed within 24 hours (names, dates of birth) go."""
    return services.case_imports_purge_abandoned()
