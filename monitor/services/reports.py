"""Monitor reports: requesting (idempotent), generating, retrying and publishing (issue #5 item 5).

The same parameters and suppression threshold give the same `parameters_key`, so asking twice
returns the one report; the PDF lives at a name derived from the report's id, so generating it
again replaces the file instead of adding one. Publishing is what lets the ministries see it.
"""

import hashlib
import json
from datetime import date

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation

from cases.storage import private_storage
from monitor.constants import DEFAULT_SUPPRESSION_K, ReportScope, ReportStatus
from monitor.models import Report
from monitor.publications.report_content import gather_counts, publish_counts, report_context, stored_counts
from monitor.services.publications import publication_for
from monitor.tasks import REPORT_TOPIC, generate_report_job
from wio.accounts.models import Region
from wio.audit import services as audit
from wio.audit.constants import Action, Purpose, Result
from wio.file_writes import store_atomically
from wio.outbox import services as outbox
from wio.outbox.selectors import Progress, progress_of
from wio.pdf import render_pdf

PDF_TEMPLATE = "monitor/report/pdf.html"
PDF_STYLESHEETS = ("css/pdf.css", "css/monitor-report-pdf.css")
MAX_ATTEMPTS = 3  # the first run and two Celery retries

# Progress the pollers see (percent): the stages of `report_generate`.
PROGRESS_GATHERING = 10
PROGRESS_SUPPRESSING = 40
PROGRESS_RENDERING = 70
PROGRESS_DONE = 100


class ReportStateError(Exception):
    """The report is not in a state that allows this action (e.g. publishing an unfinished one)."""


def suppression_k() -> int:
    return int(getattr(settings, "WIO_SUPPRESSION_K", DEFAULT_SUPPRESSION_K))


def checksum_of(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def report_file_name(report_id: int) -> str:
    """Deterministic, so a regenerated report replaces its file."""
    return f"reports/{report_id}.pdf"


def parameters_key(
    *,
    scope: str,
    region_id: int | None,
    period_start: date,
    period_end: date,
    peildatum: date,
    k: int,
    publication_id: int | None = None,
) -> str:
    """The same parameters and counts edition give the same report; a correction gives a new one."""
    payload = {
        "scope": scope,
        "region": region_id,
        "period_start": period_start.isoformat(),
        "period_end": period_end.isoformat(),
        "peildatum": peildatum.isoformat(),
        "k": k,
        **({"publication": publication_id} if publication_id is not None else {}),
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


def _record(actor: audit.Actor, report: Report, action: str, event: str, detail: dict | None = None) -> None:
    """Reports hold aggregates only; `detail` names states and sizes, never content."""
    audit.record_change(
        actor=actor, obj=report, action=action, event_type=event, purpose=Purpose.MONITORING, detail=detail
    )


def report_enqueue(report: Report) -> None:
    """A job row in this transaction: handed to a worker after the commit, or later if none is up."""
    outbox.enqueue(
        generate_report_job,
        topic=REPORT_TOPIC,
        subject_id=report.pk,
        key=f"{REPORT_TOPIC}:{report.pk}",
        max_attempts=MAX_ATTEMPTS,
        report_id=report.pk,
    )


def report_progress(report: Report) -> Progress:
    """The report's job as the user sees it: waiting for a worker, stalled, failed."""
    return progress_of(REPORT_TOPIC, report.pk)


def report_is_stalled(report: Report) -> bool:
    """Queued or running, but its job made no progress within its lease (a worker died or hangs)."""
    in_progress = report.status in (ReportStatus.QUEUED, ReportStatus.RUNNING)
    return in_progress and report_progress(report).stalled


def _restart_if_stalled(report: Report) -> bool:
    job = report_progress(report).job
    if not report_is_stalled(report) or job is None or not outbox.retry(job):
        return False
    Report.objects.filter(pk=report.pk).update(status=ReportStatus.QUEUED, progress=0, error="")
    report.refresh_from_db()
    return True


def _requeue_if_failed(report: Report) -> bool:
    """FAILED -> QUEUED in one conditional UPDATE, so two clicks queue the work once."""
    requeued = Report.objects.filter(pk=report.pk, status=ReportStatus.FAILED).update(
        status=ReportStatus.QUEUED, progress=0, attempts=0, error="", finished_at=None
    )
    if requeued:
        report.refresh_from_db()
        report_enqueue(report)
    return bool(requeued)


def _check_scope(scope: str, region: Region | None, period_start: date, period_end: date) -> None:
    if scope not in ReportScope.values:
        raise ValueError(f"unknown report scope {scope!r}")
    if (scope == ReportScope.REGION) != (region is not None):
        raise ValueError("a region report needs a region; a national report has none")
    if period_end < period_start:
        raise ValueError("the period ends before it starts")


@transaction.atomic
def report_request(
    *,
    scope: str,
    region: Region | None,
    period_start: date,
    period_end: date,
    peildatum: date,
    actor: audit.Actor,
) -> Report:
    """The report for these parameters: new and queued, the existing one, or the failed one re-queued."""
    _check_scope(scope, region, period_start, period_end)
    k = suppression_k()
    # Counts exist for reporting dates only; the report shows that date's latest edition (ADR 0017).
    publication = publication_for(peildatum, actor)
    key = parameters_key(
        scope=scope,
        region_id=region.pk if region else None,
        period_start=period_start,
        period_end=period_end,
        peildatum=peildatum,
        k=k,
        publication_id=publication.pk,
    )
    report, created = Report.objects.get_or_create(
        parameters_key=key,
        defaults={
            "scope": scope,
            "region": region,
            "period_start": period_start,
            "period_end": period_end,
            "peildatum": peildatum,
            "suppression_k": k,
            "publication": publication,
            "requested_by": actor.user,
        },
    )
    if created:
        report_enqueue(report)
        _record(actor, report, Action.CREATE, "monitor.report.request")
    else:
        requeued = _requeue_if_failed(report)
        _record(
            actor, report, Action.EXECUTE, "monitor.report.request", {"existing": True, "requeued": requeued}
        )
    return report


@transaction.atomic
def report_retry(*, report: Report, actor: audit.Actor) -> Report:
    if not (_requeue_if_failed(report) or _restart_if_stalled(report)):
        raise ReportStateError("only a failed or stalled report can be retried")
    _record(actor, report, Action.EXECUTE, "monitor.report.retry")
    return report


@transaction.atomic
def report_publish(*, report: Report, actor: audit.Actor) -> Report:
    """Make a finished report visible and downloadable for the ministries."""
    now = timezone.now()
    published = Report.objects.filter(pk=report.pk, status=ReportStatus.DONE, published_at=None).update(
        published_at=now, published_by=actor.user
    )
    if not published:
        raise ReportStateError("only a finished, unpublished report can be published")
    report.refresh_from_db()
    _record(actor, report, Action.UPDATE, "monitor.report.publish", {"fields": ["published_at"]})
    return report


# --- Generation (called by the Celery task) --------------------------------------------------------


def report_set_progress(*, report_id: int, progress: int) -> None:
    """A plain UPDATE outside any transaction, so pollers see it at once; the job's lease moves on."""
    Report.objects.filter(pk=report_id).update(progress=progress)
    outbox.heartbeat(topic=REPORT_TOPIC, subject_id=report_id)


def report_start(*, report_id: int) -> Report | None:
    """QUEUED/RUNNING -> RUNNING; None when there is nothing to do (done, failed or deleted)."""
    started = Report.objects.filter(
        pk=report_id, status__in=[ReportStatus.QUEUED, ReportStatus.RUNNING]
    ).update(status=ReportStatus.RUNNING, progress=PROGRESS_GATHERING, error="", attempts=F("attempts") + 1)
    if not started:
        return None
    return Report.objects.select_related("region", "requested_by").get(pk=report_id)


def _system_actor(report: Report) -> audit.Actor:
    return audit.actor_from(user=report.requested_by)


@transaction.atomic
def report_store(*, report: Report, pdf: bytes) -> Report:
    """Store the PDF and mark the report done, unless another run of its job finished it first (a
    run whose lease ran out mid-render is dispatched again): the row lock makes one of them win."""
    if not Report.objects.select_for_update().filter(pk=report.pk, status=ReportStatus.RUNNING).exists():
        report.refresh_from_db()
        return report
    name = report_file_name(report.pk)
    # Whole or not at all: a full disk leaves the old file (or none), never half a PDF.
    store_atomically(private_storage(), name, [pdf])
    report.file_name = name
    report.checksum = checksum_of(pdf)
    report.status = ReportStatus.DONE
    report.progress = PROGRESS_DONE
    report.error = ""
    report.finished_at = timezone.now()
    report.save(update_fields=["file_name", "checksum", "status", "progress", "error", "finished_at"])
    _record(_system_actor(report), report, Action.CREATE, "monitor.report.generate", {"size": len(pdf)})
    return report


def report_render(report: Report) -> bytes:
    """Counts -> suppression -> PDF, moving the progress bar between the stages."""
    if report.publication is not None:  # the stored edition, never recomputed (ADR 0017)
        published = stored_counts(report.publication, report)
    else:
        raw = gather_counts(report)
        report_set_progress(report_id=report.pk, progress=PROGRESS_SUPPRESSING)
        published = publish_counts(raw, report.suppression_k, report=report)
    report_set_progress(report_id=report.pk, progress=PROGRESS_RENDERING)
    with translation.override(settings.LANGUAGE_CODE):
        context = report_context(report, published)
        _html, pdf = render_pdf(PDF_TEMPLATE, context, stylesheets=PDF_STYLESHEETS)
    return pdf


def report_generate(*, report_id: int) -> bool:
    """Generate and store the PDF; False when there was nothing to do. Exceptions propagate."""
    report = report_start(report_id=report_id)
    if report is None:
        return False
    report_store(report=report, pdf=report_render(report))
    return True


def report_attempt_failed(*, report_id: int, error: BaseException, final: bool) -> None:
    """Record a failed run: back to QUEUED while Celery retries, FAILED after the last attempt.

    Only the exception's class is kept: its message could quote data (SDC, LOG-3).
    """
    message = f"{type(error).__name__} ({'final attempt' if final else 'will be retried'})"
    status = ReportStatus.FAILED if final else ReportStatus.QUEUED
    Report.objects.filter(pk=report_id).update(
        status=status, progress=0, error=message[:300], finished_at=timezone.now() if final else None
    )
    report = Report.objects.select_related("requested_by").filter(pk=report_id).first()
    if report is not None and final:
        audit.record_event(
            actor=_system_actor(report),
            action=Action.CREATE,
            event_type="monitor.report.generate",
            purpose=Purpose.MONITORING,
            result=Result.FAILED,
            obj=report,
            detail={"error": type(error).__name__, "attempts": report.attempts},
        )
