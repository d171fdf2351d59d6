"""Celery carries only job ids; the outbox rows say what to do (wio/outbox/services.py)."""

from pathlib import Path

from django.conf import settings

from celery import shared_task

from wio.file_writes import clear_fragments

from . import services


@shared_task(name="wio.outbox.run_job", ignore_result=True)
def run_job(job_id: int) -> bool:
    """Run one outbox job. A duplicate message (redelivery after a lost worker) finds it taken."""
    return services.run(job_id)


@shared_task(name="wio.outbox.sweep", ignore_result=True)
def sweep() -> int:
    """Celery beat, every minute: hand over what is pending and what a lost worker left behind."""
    return services.dispatch_due()


FRAGMENT_AGE_SECONDS = 24 * 3600


@shared_task(name="wio.outbox.purge", ignore_result=True)
def purge() -> int:
    """Nightly: forget jobs finished long ago, and remove file fragments a killed worker left."""
    clear_fragments(Path(settings.PRIVATE_MEDIA_ROOT), older_than_seconds=FRAGMENT_AGE_SECONDS)
    return services.purge_finished()
