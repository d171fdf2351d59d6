"""Background work of subject access: compiling the PDF (WeasyPrint is too slow for a request).

An outbox job (wio/outbox, ADR 0013), as the monitor's reports: the row is written with the request,
so a broker that is down delays the overview instead of losing it; the outbox counts the attempts
and the request follows its state.
"""

from typing import Any

from wio.outbox.handlers import job_handler

ACCESS_TOPIC = "cases.subject_access"
MAX_ATTEMPTS = 3


def _generation_failed(job: Any, error: BaseException, final: bool) -> None:
    # Imported here: the service module imports this one to enqueue the job.
    from .services.subject_access import access_attempt_failed

    access_attempt_failed(access_id=job.kwargs["access_id"], error=error, final=final)


@job_handler(on_error=_generation_failed)
def generate_subject_access_job(job: Any, access_id: int) -> bool:
    """Idempotent: a job run again finds the request done and does nothing. Errors propagate."""
    from .services.subject_access import access_generate

    return access_generate(access_id=access_id)
