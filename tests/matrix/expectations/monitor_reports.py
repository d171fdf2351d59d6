"""Monitor reports: project staff use every report URL; a ministry user sees the list and published
reports only, and gets 404 on an unpublished report and on the staff's actions; every other role
gets 403 (no monitor for them)."""

from collections.abc import Callable

from django.urls import reverse

from monitor.constants import ReportStatus
from monitor.services.reports import report_store
from tests.matrix.expect import ENROL, LOGIN, NOT_FOUND, OK, REDIRECT, Expect
from tests.monitor.factories import ReportFactory
from wio.accounts.constants import Role


def _for_staff(staff: str, path: Callable[[], str] | None = None, method: str = "GET") -> Expect:
    """Project staff get `staff`; the ministry 404 (the object is not theirs); other roles 403."""
    return Expect(
        LOGIN,
        ENROL,
        roles={Role.PROJECT_STAFF: staff, Role.MINISTRY: NOT_FOUND},
        every_role=NOT_FOUND,
        path=path,
        method=method,
    )


def _report_url(name: str, **fields: object) -> Callable[[], str]:
    return lambda: reverse(name, args=[ReportFactory(**fields).pk])


def _stored_report_url() -> str:
    """A finished, unpublished report whose PDF is really on the private storage."""
    report = report_store(report=ReportFactory(status=ReportStatus.RUNNING), pdf=b"%PDF-1.7 matrix")
    return reverse("monitor:report_download", args=[report.pk])


EXPECTATIONS: dict[str, Expect] = {
    "monitor:report_list": Expect(
        LOGIN, ENROL, roles={Role.PROJECT_STAFF: OK, Role.MINISTRY: OK}, every_role=NOT_FOUND
    ),
    "monitor:report_detail": _for_staff(OK, _report_url("monitor:report_detail", done=True)),
    "monitor:report_progress": _for_staff(
        OK, _report_url("monitor:report_progress", status=ReportStatus.RUNNING, progress=40)
    ),
    "monitor:report_retry": _for_staff(
        REDIRECT, _report_url("monitor:report_retry", status=ReportStatus.FAILED), method="POST"
    ),
    "monitor:report_publish": _for_staff(OK, _report_url("monitor:report_publish", done=True)),
    "monitor:report_download": _for_staff(OK, _stored_report_url),
}
