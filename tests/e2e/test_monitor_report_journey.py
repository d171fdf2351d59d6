"""The national report in Chromium (issue #5 acceptance): project staff request it, watch the progress
bar advance, download and publish it; a ministry user then sees exactly that report and gets 404 on
the rest. axe-core and the CSP on every page on the way."""

import re
from pathlib import Path
from typing import Any

from django.urls import reverse

import pytest

from monitor.constants import ReportStatus
from monitor.models import Report
from monitor.services.reports import report_set_progress
from monitor.tasks import REPORT_TOPIC, generate_report
from tests.e2e.conftest import BrowserSession
from tests.matrix.urls import all_routes
from tests.monitor.factories import ReportFactory
from tests.outbox.fakes import dispatched_subjects
from wio.accounts.demo import seed as seed_accounts

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PROGRESS_BAR = "#report-status [role=progressbar]"


@pytest.fixture
def worker_queue(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """No worker runs here: the request queues the report id, and the test plays the worker, so the
    page can be seen polling before the PDF exists."""
    return dispatched_subjects(monkeypatch, REPORT_TOPIC)


@pytest.fixture
def private_storage(settings: Any, tmp_path: Any) -> None:
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


def _staff_request_the_national_report(session: BrowserSession, queued: list[int]) -> Report:
    session.goto(reverse("monitor:dashboard"))  # the journey starts on the dashboard
    session.check_page()
    session.page.click("main nav a[href$='/rapportages/']")
    session.wait_for(reverse("monitor:report_list"))
    session.check_page()
    session.page.click("main form button[type=submit]")  # national, this year, today: the defaults
    session.page.wait_for_url(re.compile(r"/rapportages/\d+/$"))
    report = Report.objects.get(pk=queued[0])
    assert queued == [report.pk]
    assert session.page.url == session.base_url + reverse("monitor:report_detail", args=[report.pk])
    return report


def _watch_it_being_generated(session: BrowserSession, report: Report) -> None:
    page = session.page
    page.wait_for_selector(f'{PROGRESS_BAR}[aria-valuenow="0"]')
    session.check_page()
    # The worker gets halfway: the page's polling shows it without a reload.
    report_set_progress(report_id=report.pk, progress=40)
    page.wait_for_selector(f'{PROGRESS_BAR}[aria-valuenow="40"]', timeout=10_000)
    session.check_page()
    assert generate_report(report.pk) is True  # the worker finishes
    page.locator("#report-status a[href$='/download/']").wait_for(timeout=10_000)
    session.check_page()


def test_staff_generate_and_publish_the_national_report_and_the_ministry_downloads_it(
    browser: Any,
    browser_session: BrowserSession,
    live_server: Any,
    worker_queue: list[int],
    private_storage: None,
) -> None:
    # Given the demo users and a finished report nobody published
    seed_accounts()
    unpublished = ReportFactory(done=True, peildatum="2024-01-31")
    browser_session.log_in("projectmedewerker@wio.example")

    # When the project staff member requests the national report and watches it being generated
    report = _staff_request_the_national_report(browser_session, worker_queue)
    _watch_it_being_generated(browser_session, report)

    # Then the PDF downloads
    page = browser_session.page
    with page.expect_download() as download_info:
        page.click("#report-status a[href$='/download/']")
    assert download_info.value.suggested_filename.endswith(".pdf")
    assert Path(download_info.value.path()).read_bytes().startswith(b"%PDF-")

    # And they publish it, after a confirmation page that says it cannot be undone
    publish = reverse("monitor:report_publish", args=[report.pk])
    page.click(f"#report-status a[href='{publish}']")
    browser_session.wait_for(publish)
    browser_session.check_page()
    assert "Dit kan niet ongedaan worden gemaakt" in page.inner_text("main")
    report.refresh_from_db()
    assert report.published_at is None
    page.click("main form button[type=submit]")
    page.wait_for_selector(".alert-success")
    browser_session.check_page()
    report.refresh_from_db()
    assert report.status == ReportStatus.DONE
    assert report.published_at is not None

    # When a ministry user signs in, in a browser of their own
    context = browser.new_context(locale="nl-NL", reduced_motion="reduce")
    ministry = BrowserSession(context.new_page(), live_server.url)
    ministry.log_in("ministerie@wio.example")
    ministry.goto(reverse("monitor:report_list"))
    ministry.check_page()

    # Then they see exactly the published report, and can download it
    links = ministry.page.locator("main table tbody a")
    assert links.count() == 1
    assert links.first.get_attribute("href") == reverse("monitor:report_detail", args=[report.pk])
    links.first.click()
    ministry.wait_for(reverse("monitor:report_detail", args=[report.pk]))
    ministry.check_page()
    assert ministry.page.locator("#report-status form").count() == 0  # no publish or retry for them
    with ministry.page.expect_download():
        ministry.page.click("#report-status a[href$='/download/']")

    # And everything else about reports does not exist for them
    for path in (
        reverse("monitor:report_detail", args=[unpublished.pk]),
        reverse("monitor:report_download", args=[unpublished.pk]),
        reverse("monitor:report_progress", args=[report.pk]),
    ):
        assert ministry.goto(path).status == 404, path
    # and no other monitor page opens for them either
    for path in _other_monitor_pages():
        assert ministry.goto(path).status == 404, path
    context.close()


def _other_monitor_pages() -> list[str]:
    """Every monitor URL without parameters, except the list of published reports."""
    return [
        route.route
        for route in all_routes()
        if route.key.startswith("monitor:") and "<" not in route.route and route.key != "monitor:report_list"
    ]
