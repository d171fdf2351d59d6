"""Job handlers the outbox tests run (importable by dotted path, as real handlers are)."""

from typing import Any

from wio.outbox.handlers import job_handler

CALLS: list[tuple[int, dict[str, Any]]] = []
ERRORS: list[tuple[str, bool]] = []


def _note_error(job: Any, error: BaseException, final: bool) -> None:
    ERRORS.append((type(error).__name__, final))


@job_handler(on_error=_note_error)
def record_call(job: Any, **kwargs: Any) -> None:
    CALLS.append((job.pk, kwargs))


class Flaky(Exception):
    pass


@job_handler(on_error=_note_error)
def always_fails(job: Any, **kwargs: Any) -> None:
    raise Flaky("never works")
