"""The report pages: project staff request, follow, publish and download; the ministries see the
published reports and nothing else."""

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest

from monitor.constants import ReportScope, ReportStatus
from monitor.models import Report
from monitor.publications.reporting_dates import reporting_dates
from monitor.services.reports import report_store
from monitor.tasks import REPORT_TOPIC
from tests.factories import RegionFactory, user_with_role
from tests.monitor.factories import ReportFactory
from tests.outbox.fakes import dispatched_subjects
from wio.accounts.constants import Role
from wio.accounts.models import User
from wio.audit.constants import Action, Purpose
from wio.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

SignIn = Callable[[User], Client]


@pytest.fixture(autouse=True)
def _private_storage(tmp_path: Path, settings: Any) -> None:
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def staff_client(signed_in: SignIn) -> Client:
    return signed_in(user_with_role(Role.PROJECT_STAFF))


@pytest.fixture
def ministry_client(signed_in: SignIn) -> Client:
    return signed_in(user_with_role(Role.MINISTRY))


def _stored(**fields: Any) -> Report:
    """A finished report with its PDF on the private storage."""
    # The job's run holds the report RUNNING while it stores the PDF (report_store refuses otherwise).
    return report_store(
        report=ReportFactory(**{"status": ReportStatus.RUNNING, **fields}), pdf=b"%PDF-1.7 test"
    )


def _form(**overrides: str) -> dict[str, str]:
    today = timezone.localdate().isoformat()
    return {
        "scope": ReportScope.NATIONAL,
        "period_start": "2021-07-01",
        "period_end": today,
        "peildatum": reporting_dates()[0].isoformat(),  # only reporting dates are offered (ADR 0017)
    } | (overrides)


def test_staff_request_a_report_and_are_sent_to_its_page(
    staff_client: Client, monkeypatch: pytest.MonkeyPatch, django_capture_on_commit_callbacks: Any
) -> None:
    # given a worker that records what it is sent
    sent = dispatched_subjects(monkeypatch, REPORT_TOPIC)

    # when project staff submit the request form twice
    with django_capture_on_commit_callbacks(execute=True):
        first = staff_client.post(reverse("monitor:report_list"), _form())
        second = staff_client.post(reverse("monitor:report_list"), _form())

    # then both land on the one report's page, which was queued once
    report = Report.objects.get()
    assert first["Location"] == second["Location"] == reverse("monitor:report_detail", args=[report.pk])
    assert sent == [report.pk]


def test_a_region_report_without_a_region_is_refused_next_to_the_field(staff_client: Client) -> None:
    # when a region report is requested without a region
    response = staff_client.post(reverse("monitor:report_list"), _form(scope=ReportScope.REGION))

    # then the form says so and nothing is requested
    assert response.status_code == 200
    assert "region" in response.context["form"].errors
    assert not Report.objects.exists()


def test_a_region_report_is_requested_for_its_region(
    staff_client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given a region
    dispatched_subjects(monkeypatch, REPORT_TOPIC)
    region = RegionFactory()

    # when its report is requested
    staff_client.post(reverse("monitor:report_list"), _form(scope=ReportScope.REGION, region=str(region.pk)))

    # then the report covers that region
    assert Report.objects.get().region == region


def test_the_progress_part_shows_an_accessible_bar_while_running(staff_client: Client) -> None:
    # given a report being generated
    report = ReportFactory(status=ReportStatus.RUNNING, progress=40)

    # when the page polls its progress
    response = staff_client.get(reverse("monitor:report_progress", args=[report.pk]))

    # then it answers with the bar, at 40 %, that keeps polling every 2 s, without inline styles
    html = response.content.decode()
    assert response.status_code == 200
    assert 'role="progressbar"' in html
    assert 'aria-valuenow="40"' in html
    assert "wio-progress-40" in html
    assert 'hx-trigger="every 2s"' in html
    assert "style=" not in html


def test_the_progress_part_shows_the_download_and_stops_polling_when_done(staff_client: Client) -> None:
    # given a finished report
    report = _stored()

    # when the page polls its progress
    html = staff_client.get(reverse("monitor:report_progress", args=[report.pk])).content.decode()

    # then the download link and the publish button are there, and polling stops
    assert reverse("monitor:report_download", args=[report.pk]) in html
    assert reverse("monitor:report_publish", args=[report.pk]) in html
    assert "hx-trigger" not in html


def test_a_failed_report_offers_a_retry_that_queues_it_again(
    staff_client: Client, monkeypatch: pytest.MonkeyPatch, django_capture_on_commit_callbacks: Any
) -> None:
    # given a failed report
    sent = dispatched_subjects(monkeypatch, REPORT_TOPIC)
    report = ReportFactory(status=ReportStatus.FAILED, error="OSError (final attempt)")
    page = staff_client.get(reverse("monitor:report_detail", args=[report.pk])).content.decode()

    # when the retry button is pressed
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(reverse("monitor:report_retry", args=[report.pk]))

    # then it was offered, and the report is queued again
    report.refresh_from_db()
    assert reverse("monitor:report_retry", args=[report.pk]) in page
    assert (report.status, sent) == (ReportStatus.QUEUED, [report.pk])


def _confirmation_form(html: str) -> dict[str, str]:
    """The hidden fields of the rendered confirmation form, as a browser would send them."""
    return dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', html))


def test_staff_publish_a_finished_report_after_a_confirmation_that_says_it_cannot_be_undone(
    staff_client: Client,
) -> None:
    # given a finished report, and the publish link on its page
    report = _stored()
    url = reverse("monitor:report_publish", args=[report.pk])
    detail = staff_client.get(reverse("monitor:report_detail", args=[report.pk])).content.decode()
    assert f'href="{url}"' in detail

    # when the link is followed, the page asks first and says it cannot be undone
    page = staff_client.get(url)
    html = page.content.decode()
    assert page.status_code == 200
    assert "Deze rapportage publiceren voor de ministeries?" in html
    assert "Dit kan niet ongedaan worden gemaakt" in html
    assert reverse("monitor:report_detail", args=[report.pk]) in html
    report.refresh_from_db()
    assert report.published_at is None

    # and when the rendered form is sent
    response = staff_client.post(url, _confirmation_form(html))

    # then the ministries can now see it
    report.refresh_from_db()
    assert response.status_code == 302
    assert report.published_at is not None


def test_a_publish_post_without_the_confirmation_publishes_nothing(staff_client: Client) -> None:
    # given a finished report
    report = _stored()

    # when something posts to the publish address without going through the confirmation page
    response = staff_client.post(reverse("monitor:report_publish", args=[report.pk]))

    # then it is asked again, and nothing is published
    report.refresh_from_db()
    assert response.status_code == 200
    assert "Deze rapportage publiceren voor de ministeries?" in response.content.decode()
    assert report.published_at is None


def test_a_download_is_audited_as_an_export(staff_client: Client) -> None:
    # given a finished report
    report = _stored()

    # when it is downloaded
    response = staff_client.get(reverse("monitor:report_download", args=[report.pk]))

    # then the PDF is sent and the export is in the audit trail
    assert response["Content-Type"] == "application/pdf"
    assert response.content == b"%PDF-1.7 test"
    event = AuditEvent.objects.get(event_type="monitor.report.download")
    assert (event.action, event.purpose, event.object_id) == (
        Action.EXECUTE,
        Purpose.MONITORING,
        str(report.pk),
    )


def test_a_report_whose_file_is_missing_or_changed_is_not_served(staff_client: Client, settings: Any) -> None:
    # given a finished report whose file was changed on disk
    report = _stored()
    (Path(settings.PRIVATE_MEDIA_ROOT) / report.file_name).write_bytes(b"%PDF-1.7 something else")

    # when it is downloaded, then it is not found
    assert staff_client.get(reverse("monitor:report_download", args=[report.pk])).status_code == 404


def test_the_ministry_sees_only_published_reports(ministry_client: Client) -> None:
    # given a published and an unpublished report
    published = _stored(published=True)
    unpublished = _stored()

    # when the ministry opens the list
    response = ministry_client.get(reverse("monitor:report_list"))

    # then only the published one is listed, without a request form
    assert [report.pk for report in response.context["reports"]] == [published.pk]
    assert response.context["form"] is None
    assert reverse("monitor:report_detail", args=[unpublished.pk]) not in response.content.decode()


def test_the_ministry_downloads_a_published_report(ministry_client: Client) -> None:
    # given a published report
    report = _stored(published=True)

    # when the ministry opens and downloads it
    page = ministry_client.get(reverse("monitor:report_detail", args=[report.pk]))
    download = ministry_client.get(reverse("monitor:report_download", args=[report.pk]))

    # then both work, the page without the staff's buttons
    assert page.status_code == download.status_code == 200
    assert reverse("monitor:report_publish", args=[report.pk]) not in page.content.decode()
    assert download.content == b"%PDF-1.7 test"


@pytest.mark.parametrize(
    ("name", "method"),
    [
        ("monitor:report_detail", "get"),
        ("monitor:report_download", "get"),
        ("monitor:report_progress", "get"),
        ("monitor:report_publish", "post"),
        ("monitor:report_retry", "post"),
    ],
)
def test_the_ministry_gets_404_on_an_unpublished_report(
    ministry_client: Client, name: str, method: str
) -> None:
    # given a finished report that is not published
    report = _stored()

    # when the ministry tries any of its URLs
    response = getattr(ministry_client, method)(reverse(name, args=[report.pk]))

    # then it does not exist for them, and the attempt is in the audit trail
    assert response.status_code == 404
    assert AuditEvent.objects.filter(event_type="monitor.report.out_of_scope").count() == 1


@pytest.mark.parametrize(
    ("name", "method"),
    [
        ("monitor:report_progress", "get"),
        ("monitor:report_publish", "post"),
        ("monitor:report_retry", "post"),
    ],
)
def test_the_ministry_gets_404_on_the_staff_actions_of_a_published_report(
    ministry_client: Client, name: str, method: str
) -> None:
    # given a published report
    report = _stored(published=True)

    # when the ministry tries a staff action on it, then it does not exist for them
    assert getattr(ministry_client, method)(reverse(name, args=[report.pk])).status_code == 404


def _list_queries(client: Client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("monitor:report_list")).status_code == 200
    return len(queries)


def test_the_list_takes_as_many_queries_for_many_reports_as_for_few(
    staff_client: Client, django_assert_max_num_queries: Any
) -> None:
    # given two reports
    for _ in range(2):
        ReportFactory(scope=ReportScope.REGION, region=RegionFactory())
    few = _list_queries(staff_client)

    # when there are twenty
    for _ in range(18):
        ReportFactory(scope=ReportScope.REGION, region=RegionFactory())

    # then the list needs no more queries
    with django_assert_max_num_queries(few):
        staff_client.get(reverse("monitor:report_list"))
