"""Reports: project staff request, follow, publish and download them; ministries download published ones."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cases.storage import private_storage
from monitor.constants import ReportScope, ReportStatus
from monitor.models import Report
from monitor.permissions import can_use_monitor
from monitor.publications.forms import ReportRequestForm
from monitor.publications.selectors import (
    get_report_for_staff_or_404,
    get_report_for_user_or_404,
    report_list_for,
)
from monitor.services import reports as services
from monitor.views.common import report_reader_required
from wio.audit import services as audit
from wio.audit.constants import Purpose
from wio.confirmation import confirmation_page, is_confirmed

STATUS_TEMPLATE = "monitor/reports/status.html"
PUBLISH_TEMPLATE = "monitor/reports/publish_confirm.html"
PROGRESS_STEP = 5  # the width classes of static/css/monitor-reports.css go in steps of 5 %


def _status_context(request: HttpRequest, report: Report) -> dict[str, object]:
    step = min(100, max(0, round(report.progress / PROGRESS_STEP) * PROGRESS_STEP))
    in_progress = report.status in (ReportStatus.QUEUED, ReportStatus.RUNNING)
    job = services.report_progress(report) if in_progress else None
    return {
        "report": report,
        "statuses": ReportStatus,
        "is_staff": can_use_monitor(request.user),
        "progress_step": step,
        "in_progress": in_progress,
        "waiting_for_worker": job is not None and job.waiting_for_worker,
        "stalled": job is not None and job.stalled,
        "last_progress": job.job.progress_at if job is not None and job.job is not None else None,
    }


def _request_report(request: HttpRequest, form: ReportRequestForm) -> HttpResponse:
    data = form.cleaned_data
    report = services.report_request(
        scope=data["scope"],
        region=data["region"],
        period_start=data["period_start"],
        period_end=data["period_end"],
        peildatum=data["peildatum"],
        actor=audit.actor_from(request=request),
    )
    if report.status == ReportStatus.QUEUED and services.report_progress(report).waiting_for_worker:
        messages.info(
            request,
            _(
                "The request is saved. The report generator cannot be reached right now; the report "
                "will be made automatically as soon as it can, and this page shows when it is ready."
            ),
        )
    else:
        messages.info(request, _("The report is being generated; this page shows when it is ready."))
    return redirect("monitor:report_detail", report_id=report.pk)


@report_reader_required
@require_http_methods(["GET", "POST"])
def report_list(request: HttpRequest) -> HttpResponse:
    """Project staff: every report and the request form. Ministries: the published reports only."""
    staff = can_use_monitor(request.user)
    if request.method == "POST" and not staff:
        raise PermissionDenied
    form = ReportRequestForm(request.POST or None) if staff else None
    if form is not None and request.method == "POST" and form.is_valid():
        return _request_report(request, form)
    context = {"reports": list(report_list_for(request.user)), "form": form, "is_staff": staff}
    return render(request, "monitor/reports/list.html", context)


@report_reader_required
@require_GET
def report_detail(request: HttpRequest, report_id: int) -> HttpResponse:
    report = get_report_for_user_or_404(request, report_id)
    return render(request, "monitor/reports/detail.html", _status_context(request, report))


@report_reader_required
@require_GET
def report_progress(request: HttpRequest, report_id: int) -> HttpResponse:
    """The part of the detail page htmx polls every 2 s until the report is done or failed."""
    report = get_report_for_staff_or_404(request, report_id)
    return render(request, STATUS_TEMPLATE, _status_context(request, report))


@report_reader_required
@require_POST
def report_retry(request: HttpRequest, report_id: int) -> HttpResponse:
    report = get_report_for_staff_or_404(request, report_id)
    try:
        services.report_retry(report=report, actor=audit.actor_from(request=request))
    except services.ReportStateError:
        messages.error(request, _("Only a failed or stalled report can be generated again."))
    else:
        messages.info(request, _("The report is being generated again."))
    return redirect("monitor:report_detail", report_id=report.pk)


@report_reader_required
@require_http_methods(["GET", "POST"])
def report_publish(request: HttpRequest, report_id: int) -> HttpResponse:
    """Publishing for the ministries cannot be undone, so it is asked on a confirmation page first."""
    report = get_report_for_staff_or_404(request, report_id)
    if report.status != ReportStatus.DONE or report.published_at is not None:
        messages.error(request, _("Only a finished report that is not yet published can be published."))
        return redirect("monitor:report_detail", report_id=report.pk)
    if not is_confirmed(request, report.status, report.checksum):
        context = {
            "report": report,
            "report_name": str(report),
            "back_url": reverse("monitor:report_detail", args=[report.pk]),
            "irreversible": True,
        }
        return confirmation_page(request, PUBLISH_TEMPLATE, context, report.status, report.checksum)
    try:
        services.report_publish(report=report, actor=audit.actor_from(request=request))
    except services.ReportStateError:
        messages.error(request, _("Only a finished report that is not yet published can be published."))
    else:
        messages.success(request, _("The report is published: the ministries can now download it."))
    return redirect("monitor:report_detail", report_id=report.pk)


def _download_name(report: Report) -> str:
    region = report.region if report.scope == ReportScope.REGION else None
    where = slugify(region.name) if region else "landelijk"
    return f"wio-rapportage-{where}-{report.peildatum.isoformat()}.pdf"


def _stored_pdf(report: Report) -> bytes | None:
    """The stored file, only when it is the one the report's checksum describes."""
    if report.status != ReportStatus.DONE or not report.file_name:
        return None
    try:
        with private_storage().open(report.file_name, "rb") as handle:
            content: bytes = handle.read()
    except OSError:
        return None
    return content if services.checksum_of(content) == report.checksum else None


@report_reader_required
@require_GET
def report_download(request: HttpRequest, report_id: int) -> HttpResponse:
    report = get_report_for_user_or_404(request, report_id)
    content = _stored_pdf(report)
    if content is None:
        raise Http404
    audit.record_export(
        request=request,
        obj=report,
        event_type="monitor.report.download",
        purpose=Purpose.MONITORING,
        detail={"sha256": report.checksum, "published": report.published_at is not None},
    )
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_download_name(report)}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
