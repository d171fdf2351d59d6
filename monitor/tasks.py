"""Background work of the monitor: generating a report's PDF (WeasyPrint is too slow for a request)."""

from celery import shared_task
from celery.app.task import Task

from .tasks_stories import withdraw_unconsented_stories  # registered here, where Celery looks

__all__ = ["generate_report", "withdraw_unconsented_stories"]

MAX_RETRIES = 2
RETRY_DELAY_SECONDS = 15


class ReportGenerationError(Exception):
    """What a retry is logged with: the failed exception's class only, never its message (which
    could quote data from the report)."""


@shared_task(bind=True, max_retries=MAX_RETRIES)
def generate_report(self: Task, report_id: int) -> bool:
    """Re-fetch the report and generate it; returns whether a file was written.

    Idempotent: a redelivered task finds the report done and does nothing, and a regenerated PDF
    replaces the file of the same name. A failure is retried twice by Celery; after the last one
    (or at once when called directly, as `bench_report` does) the report is marked FAILED.
    """
    # Imported here because the service module imports this one to enqueue the task.
    from .services.reports import report_attempt_failed, report_generate

    try:
        return report_generate(report_id=report_id)
    except Exception as error:
        final = self.request.called_directly or self.request.retries >= MAX_RETRIES
        report_attempt_failed(report_id=report_id, error=error, final=final)
        if final:
            return False
        reason = ReportGenerationError(type(error).__name__)
        raise self.retry(exc=reason, countdown=RETRY_DELAY_SECONDS * (self.request.retries + 1)) from None
