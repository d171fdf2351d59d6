"""Which reports a user may see: project staff all of them, ministries only published ones."""

from django.db.models import QuerySet
from django.http import Http404, HttpRequest

from monitor.models import Report
from monitor.permissions import AnyUser, can_read_published_reports, can_use_monitor
from wio.audit import services as audit
from wio.audit.constants import Purpose


def reports_visible_to(user: AnyUser) -> QuerySet[Report]:
    if can_use_monitor(user):
        return Report.objects.all()
    if can_read_published_reports(user):
        # A withdrawn report (re-issued as a newer edition, ADR 0017) is no longer the ministries'.
        return Report.objects.filter(published_at__isnull=False, withdrawn_at__isnull=True)
    return Report.objects.none()


def report_list_for(user: AnyUser) -> QuerySet[Report]:
    """Newest first, with what each row shows, in a constant number of queries."""
    ordering = ["-requested_at", "-id"] if can_use_monitor(user) else ["-published_at", "-id"]
    return reports_visible_to(user).select_related("region").order_by(*ordering)


def published_reports_panel(user: AnyUser) -> dict[str, object]:
    """A ministry user's start page: the latest published reports."""
    return {"reports": list(report_list_for(user).filter(published_at__isnull=False)[:5])}


def _deny(request: HttpRequest, report_id: int) -> None:
    audit.record_denial(
        request=request,
        event_type="monitor.report.out_of_scope",
        purpose=Purpose.MONITORING,
        obj_type="monitor.report",
        obj_id=report_id,
    )


def get_report_for_user_or_404(request: HttpRequest, report_id: int) -> Report:
    """The report if the user may see it; otherwise 404, the same as for one that does not exist."""
    report = (
        reports_visible_to(request.user)
        .select_related("region", "requested_by", "published_by")
        .filter(pk=report_id)
        .first()
    )
    if report is None:
        if Report.objects.filter(pk=report_id).exists():
            _deny(request, report_id)
        raise Http404
    return report


def get_report_for_staff_or_404(request: HttpRequest, report_id: int) -> Report:
    """For the project staff's actions (progress, retry, publish): a ministry user gets 404."""
    if not can_use_monitor(request.user):
        _deny(request, report_id)
        raise Http404
    return get_report_for_user_or_404(request, report_id)
