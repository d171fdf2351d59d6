"""The benchmark's answer: a table on stdout and the same numbers in var/bench/<timestamp>.json."""

import json
import os
import subprocess
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.conf import settings

from .load import PageResult

HEADER = f"{'page':22} {'clients':>7} {'requests':>8} {'errors':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'KiB':>7} {'audit/view':>10}"  # noqa: E501


def table_lines(results: Sequence[PageResult]) -> list[str]:
    lines = [HEADER, "-" * len(HEADER)]
    for r in results:
        audit = f"{r.audit_rows_per_view:.1f}" if r.audit_rows_per_view is not None else ""
        lines.append(
            f"{r.page:22} {r.clients:>7} {r.requests:>8} {r.errors:>6} {r.p50_ms:>8.1f} {r.p95_ms:>8.1f} "
            f"{r.p99_ms:>8.1f} {r.mean_kib:>7.1f} {audit:>10}"
        )
    return lines


def case_list_ratios(results: Sequence[PageResult]) -> dict[str, float]:
    """WIO's case list divided by the admin changelist, per number of clients and percentile."""
    by_key = {(r.page, r.clients): r for r in results}
    ratios = {}
    for (page, clients), wio in by_key.items():
        admin = by_key.get(("admin changelist", clients))
        if page == "case list" and admin and admin.p50_ms and admin.p95_ms:
            ratios[f"{clients} clients, p50"] = round(wio.p50_ms / admin.p50_ms, 2)
            ratios[f"{clients} clients, p95"] = round(wio.p95_ms / admin.p95_ms, 2)
    return ratios


def _commit() -> str:
    command = ["git", "rev-parse", "--short", "HEAD"]
    answer = subprocess.run(command, capture_output=True, text=True, cwd=settings.BASE_DIR, check=False)  # noqa: S603
    return answer.stdout.strip()


def write_json(summary: dict[str, Any]) -> Path:
    stamp = datetime.now(tz=UTC).strftime("%Y%m%dT%H%M%SZ")
    directory = Path(settings.BASE_DIR) / "var" / "bench"
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{stamp}.json"
    summary = {"measured_at": stamp, "commit": _commit(), "cpus": os.cpu_count(), **summary}
    path.write_text(json.dumps(summary, indent=2, default=str), encoding="utf-8")
    return path
