"""Which functions a job may run: only those marked `@job_handler`, found by their dotted path.

The path is what the outbox row stores, so renaming a handler strands the jobs written under the old
name: keep an alias until they are done (`manage.py outbox_dispatch --list` shows what is open).
"""

from collections.abc import Callable
from typing import Any, Protocol

from django.utils.module_loading import import_string

# on_error(job, error, final): keep the work's own state in step (e.g. a report marked FAILED).
ErrorHook = Callable[[Any, BaseException, bool], None]


class Handler(Protocol):
    outbox_on_error: ErrorHook | None
    outbox_path: str

    def __call__(self, job: Any, **kwargs: Any) -> object: ...


class UnknownHandler(LookupError):
    """The row names something that is not a job handler (renamed, or never one)."""


def job_handler(on_error: ErrorHook | None = None) -> Callable[[Callable[..., object]], Handler]:
    def mark(function: Callable[..., object]) -> Handler:
        function.outbox_on_error = on_error  # type: ignore[attr-defined]
        function.outbox_path = f"{function.__module__}.{function.__qualname__}"  # type: ignore[attr-defined]
        return function  # type: ignore[return-value]

    return mark


def resolve(path: str) -> Handler:
    try:
        function = import_string(path)
    except ImportError as missing:
        raise UnknownHandler(path) from missing
    if not hasattr(function, "outbox_path"):
        raise UnknownHandler(path)
    handler: Handler = function
    return handler
