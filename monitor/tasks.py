"""Background work of the monitor: generating a report's PDF (WeasyPrint is too slow for a request).

A report is made by an outbox job (wio/outbox, ADR 0013): the row is written with the request, so a
broker that is down delays the report instead of losing it, and a job whose worker died is handed
out again once its lease runs out. The outbox counts the attempts; the report follows its state.
"""

from typing import Any

from monitor.stories.tasks import withdraw_unconsented_stories  # registered here, where Celery looks
from wio.outbox.handlers import job_handler

__all__ = ["REPORT_TOPIC", "generate_report", "generate_report_job", "withdraw_unconsented_stories"]

REPORT_TOPIC = "monitor.report"


def _generation_failed(job: Any, error: BaseException, final: bool) -> None:
    # Imported here because the service module imports this one to enqueue the job.
    from monitor.services.reports import report_attempt_failed

    report_attempt_failed(report_id=job.kwargs["report_id"], error=error, final=final)


@job_handler(on_error=_generation_failed)
def generate_report_job(job: Any, report_id: int) -> bool:
    """Idempotent: a job run again finds the report done and does nothing, and a regenerated PDF
    replaces the file of the same name. Errors propagate: the outbox retries, then gives up."""
    from monitor.services.reports import report_generate

    return report_generate(report_id=report_id)


def generate_report(report_id: int) -> bool:
    """Generate now, in this process (`bench_report`, tests playing the worker); a failure is final."""
    from monitor.services.reports import report_attempt_failed, report_generate

    try:
        return report_generate(report_id=report_id)
    except Exception as error:
        report_attempt_failed(report_id=report_id, error=error, final=True)
        return False
