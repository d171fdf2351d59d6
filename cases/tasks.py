"""Background work of the case file: the weekly "My work" e-mail (celery beat, Monday morning)."""

import smtplib
from datetime import date, timedelta

from django.core.cache import cache
from django.utils import timezone

from celery import shared_task

from wio.accounts.models import User

from . import services
from .mywork import digest_enabled_for, digest_recipient_ids, my_work_for

# Long enough to outlast the ISO week the key names, short enough not to pile up.
SENT_MARK_TIMEOUT = int(timedelta(days=8).total_seconds())


def _sent_mark(user_id: int, today: date) -> str:
    year, week, _ = today.isocalendar()
    return f"cases:weekly-digest:{user_id}:{year}-W{week:02d}"


@shared_task
def send_weekly_digests() -> int:
    """Fan out: one task per user who may receive the e-mail. Returns how many were queued."""
    user_ids = digest_recipient_ids()
    for user_id in user_ids:
        send_weekly_digest.delay(user_id)
    return len(user_ids)


@shared_task(
    autoretry_for=(smtplib.SMTPException, ConnectionError),
    retry_backoff=True,
    max_retries=3,
)
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
    mark = _sent_mark(user_id, today)
    if not cache.add(mark, True, timeout=SENT_MARK_TIMEOUT):
        return False  # already sent this week (a duplicate run of beat, or a redelivered task)
    try:
        services.weekly_digest_send(user=user, work=work, today=today)
    except Exception:
        cache.delete(mark)  # not sent after all: let the retry send it
        raise
    return True


@shared_task
def list_cases_due_for_destruction() -> int:
    """Nightly: the closed cases whose retention ended, one list per municipality (ADR 0014)."""
    return len(services.destruction_lists_create())


@shared_task
def purge_abandoned_imports() -> int:
    """Nightly: uploaded CSV files nobody committed within 24 hours (names, dates of birth) go."""
    return services.case_imports_purge_abandoned()
