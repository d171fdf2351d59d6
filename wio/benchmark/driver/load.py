"""Measure one page: every client requests it in turn, all clients at once; latencies per request."""

import math
import statistics
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass

from wio.audit.models import AuditEvent

from .client import Client
from .pages import Page


@dataclass(frozen=True)
class PageResult:
    page: str
    clients: int
    requests: int
    errors: int
    p50_ms: float
    p95_ms: float
    p99_ms: float
    mean_kib: float
    audit_rows_per_view: float | None

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def percentile(values: Sequence[float], share: float) -> float:
    """Nearest rank: the smallest value with at least `share` of the values at or below it."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)] if ordered else float("nan")


def _highest_audit_id() -> int:
    return AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0


def _one_client(client: Client, page: Page, offset: int, count: int) -> list[tuple[float, bool, int]]:
    samples = []
    for number in range(count):
        answer = client.request(page.path(offset + number))
        good = answer.status == 200 and answer.url.endswith(page.path(offset + number))
        samples.append((answer.seconds * 1000, good, len(answer.body)))
    return samples


def measure(page: Page, clients: Sequence[Client], requests_per_client: int) -> PageResult:
    """Each client first opens the page once (warm-up, not counted), then `requests_per_client` times."""
    with ThreadPoolExecutor(max_workers=len(clients)) as pool:
        list(pool.map(lambda c: _one_client(c, page, 0, 1), clients))
        before = _highest_audit_id()
        runs = pool.map(
            lambda args: _one_client(args[1], page, args[0], requests_per_client), enumerate(clients)
        )
        samples = [sample for run in runs for sample in run]
    audit_rows = (_highest_audit_id() - before) / len(samples) if len(clients) == 1 else None
    times = [ms for ms, _good, _size in samples]
    return PageResult(
        page=page.name,
        clients=len(clients),
        requests=len(samples),
        errors=sum(1 for _ms, good, _size in samples if not good),
        p50_ms=round(percentile(times, 0.50), 1),
        p95_ms=round(percentile(times, 0.95), 1),
        p99_ms=round(percentile(times, 0.99), 1),
        mean_kib=round(statistics.fmean(size for _ms, _good, size in samples) / 1024, 1),
        audit_rows_per_view=round(audit_rows, 1) if audit_rows is not None else None,
    )
