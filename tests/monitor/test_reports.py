"""Monitor reports: one report per set of parameters, a tagged PDF with the core counts and nothing
that identifies a youth, and a failing run retried by the outbox before it is marked failed."""

import io
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from django.conf import settings as django_settings
from django.core.files.storage import FileSystemStorage
from django.core.management import call_command
from django.utils import timezone, translation
from django.utils.formats import date_format

import pytest

from cases.constants import ConsentScope
from cases.models import Case
from monitor.constants import ReportScope, ReportStatus, StoryPerspective, StoryStatus
from monitor.models import Report, Story
from monitor.publications.editions import tables_for
from monitor.publications.reporting_dates import latest_reporting_date, reporting_dates
from monitor.services import reports as services
from monitor.tasks import REPORT_TOPIC, generate_report
from tests.cases.factories import CaseFactory, ConsentFactory, DevelopmentFactory
from tests.factories import OrganisationFactory, RegionFactory, user_with_role
from tests.monitor.factories import ReportFactory
from tests.pdftools import pdf_lang, pdf_text, pdf_title
from wio.accounts.constants import Role
from wio.accounts.models import Region
from wio.audit import services as audit
from wio.audit.constants import Purpose, Result
from wio.audit.models import AuditEvent
from wio.outbox import services as outbox
from wio.outbox.models import ACTIVE_STATES, Job, JobState
from wio.outbox.tasks import run_job

pytestmark = pytest.mark.django_db

SENTINEL_FIRST, SENTINEL_LAST = "Zwanhilde", "Okapiwijk"
SENTINEL_BORN = date(2012, 3, 9)
SENTINEL_REFERENCE = "WIO-S777777"
STORY_WORD = "Lantaarnsentinel"  # in an approved, consented story: it must be in the report


@pytest.fixture
def storage(tmp_path: Path, settings: Any) -> FileSystemStorage:
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT)


@pytest.fixture
def queued(monkeypatch: pytest.MonkeyPatch) -> Callable[[], list[int]]:
    """The reports whose job waits for or was handed to a worker (the test plays the worker)."""
    monkeypatch.setattr(run_job, "apply_async", lambda *args, **kwargs: None)

    def reports() -> list[int]:
        jobs = Job.objects.filter(topic=REPORT_TOPIC, state__in=ACTIVE_STATES).order_by("id")
        return [job.subject_id for job in jobs if job.subject_id is not None]

    return reports


def _run_jobs_until_settled() -> None:
    """Play the worker: run the report jobs, each retry as soon as its back-off would allow."""
    for _attempt in range(10):
        Job.objects.filter(state=JobState.PENDING).update(available_at=timezone.now())
        if not outbox.run_due_here():
            return


def _request(**overrides: Any) -> Report:
    staff = overrides.pop("staff", None) or user_with_role(Role.PROJECT_STAFF)
    today = timezone.localdate()
    parameters = {
        "scope": ReportScope.NATIONAL,
        "region": None,
        "period_start": date(2021, 7, 1),
        "period_end": today,
        "peildatum": latest_reporting_date(),  # counts exist for reporting dates only (ADR 0017)
        **overrides,
    }
    return services.report_request(**parameters, actor=audit.actor_from(user=staff))


def _flat(text: str) -> str:
    """One space between words: a PDF line break must not hide a name split over two lines."""
    return " ".join(text.split())


def test_requesting_the_same_report_twice_creates_one_report(
    queued: Callable[[], list[int]], django_capture_on_commit_callbacks: Any
) -> None:
    # given a report already asked for by one staff member
    with django_capture_on_commit_callbacks(execute=True):
        first = _request()

    # when another asks for the same one
    with django_capture_on_commit_callbacks(execute=True):
        second = _request()

    # then it is the same report, queued once
    assert second.pk == first.pk
    assert Report.objects.count() == 1
    assert queued() == [first.pk]
    assert first.suppression_k == django_settings.WIO_SUPPRESSION_K


def test_a_different_reference_date_is_a_different_report(queued: Callable[[], list[int]]) -> None:
    # given a national report
    first = _request()

    # when the same is asked for at another reference date
    second = _request(peildatum=reporting_dates()[1])

    # then there are two
    assert second.pk != first.pk


def test_requesting_a_failed_report_again_queues_it_again(
    queued: Callable[[], list[int]], django_capture_on_commit_callbacks: Any
) -> None:
    # given a report that failed
    report = _request()
    Report.objects.filter(pk=report.pk).update(status=ReportStatus.FAILED, error="OSError", attempts=3)

    # when it is asked for again
    with django_capture_on_commit_callbacks(execute=True):
        again = _request()

    # then the same report is queued once more, its failure cleared
    again.refresh_from_db()
    assert (again.pk, again.status, again.error, again.attempts) == (report.pk, ReportStatus.QUEUED, "", 0)
    assert queued() == [report.pk]


def test_a_region_report_needs_a_region(queued: Callable[[], list[int]]) -> None:
    # when a region report is asked for without a region, then it is refused
    with pytest.raises(ValueError, match="region"):
        _request(scope=ReportScope.REGION)


def test_the_task_stores_one_file_and_regenerating_replaces_it(
    storage: FileSystemStorage, queued: Callable[[], list[int]]
) -> None:
    # given a queued report
    report = _request()

    # when the worker generates it, and generates it again later
    assert generate_report(report.pk) is True
    Report.objects.filter(pk=report.pk).update(status=ReportStatus.QUEUED)
    assert generate_report(report.pk) is True

    # then one file exists, under the report's own name, matching the checksum
    report.refresh_from_db()
    assert (report.status, report.progress, report.file_name) == (
        ReportStatus.DONE,
        100,
        f"reports/{report.pk}.pdf",
    )
    assert storage.listdir("reports") == ([], [f"{report.pk}.pdf"])
    with storage.open(report.file_name, "rb") as handle:
        assert services.checksum_of(handle.read()) == report.checksum


def test_a_redelivered_task_for_a_finished_report_does_nothing(
    storage: FileSystemStorage, queued: Callable[[], list[int]]
) -> None:
    # given a finished report
    report = _request()
    generate_report(report.pk)

    # when the broker delivers the task again, then nothing is generated
    assert generate_report(report.pk) is False
    report.refresh_from_db()
    assert report.attempts == 1


def test_a_failing_render_is_retried_then_marked_failed(
    storage: FileSystemStorage, queued: Callable[[], list[int]], monkeypatch: pytest.MonkeyPatch
) -> None:
    # given a renderer that keeps failing with a message that quotes data
    calls: list[str] = []

    def broken(template: str, context: Any, **kwargs: Any) -> tuple[str, bytes]:
        calls.append(template)
        raise OSError(f"cannot render {SENTINEL_FIRST}")

    monkeypatch.setattr(services, "render_pdf", broken)
    report = _request()

    # when the worker runs its job, retries included
    _run_jobs_until_settled()

    # then it ran three times (two retries) and the report is failed, with a short error and no data
    report.refresh_from_db()
    assert Job.objects.get(subject_id=report.pk, topic=REPORT_TOPIC).state == JobState.FAILED
    assert len(calls) == 3
    assert (report.status, report.attempts, report.progress) == (ReportStatus.FAILED, 3, 0)
    assert report.error.startswith("OSError")
    assert SENTINEL_FIRST not in report.error
    failed = AuditEvent.objects.get(event_type="monitor.report.generate", result=Result.FAILED)
    assert failed.purpose == Purpose.MONITORING
    assert SENTINEL_FIRST not in str(failed.detail)


def test_a_render_that_fails_once_succeeds_on_the_retry(
    storage: FileSystemStorage, queued: Callable[[], list[int]], monkeypatch: pytest.MonkeyPatch
) -> None:
    # given a renderer that fails only the first time
    real_render = services.render_pdf
    calls: list[str] = []

    def flaky(template: str, context: Any, **kwargs: Any) -> tuple[str, bytes]:
        calls.append(template)
        if len(calls) == 1:
            raise OSError("temporary")
        return real_render(template, context, **kwargs)

    monkeypatch.setattr(services, "render_pdf", flaky)
    report = _request()

    # when the worker runs its job
    _run_jobs_until_settled()

    # then the retry produced the report
    report.refresh_from_db()
    assert (report.status, report.attempts, report.error) == (ReportStatus.DONE, 2, "")


def test_retrying_a_failed_report_queues_it_and_nothing_else_can_be_retried(
    queued: Callable[[], list[int]],
) -> None:
    # given a failed and a finished report
    staff = user_with_role(Role.PROJECT_STAFF)
    failed = ReportFactory(status=ReportStatus.FAILED, error="OSError")
    done = ReportFactory(done=True)
    actor = audit.actor_from(user=staff)

    # when both are retried
    services.report_retry(report=failed, actor=actor)
    with pytest.raises(services.ReportStateError):
        services.report_retry(report=done, actor=actor)

    # then only the failed one is queued again
    failed.refresh_from_db()
    assert failed.status == ReportStatus.QUEUED


def test_only_a_finished_report_can_be_published() -> None:
    # given a finished and a running report
    staff = user_with_role(Role.PROJECT_STAFF)
    done = ReportFactory(done=True)
    running = ReportFactory(status=ReportStatus.RUNNING)
    actor = audit.actor_from(user=staff)

    # when both are published
    services.report_publish(report=done, actor=actor)
    with pytest.raises(services.ReportStateError):
        services.report_publish(report=running, actor=actor)

    # then only the finished one is, by this staff member, and that is audited
    assert (done.published_by, running.published_at) == (staff, None)
    assert done.published_at is not None
    assert AuditEvent.objects.filter(event_type="monitor.report.publish", object_id=str(done.pk)).count() == 1


def _plant_sentinel_case(region: Region) -> Case:
    """A case with every core flag, story consent, and an approved story, in a demo region."""
    swv = region.organisations.filter(kind="swv").first()
    gemeente = region.organisations.filter(kind="gemeente").first()
    case = CaseFactory(
        first_name=SENTINEL_FIRST,
        last_name=SENTINEL_LAST,
        date_of_birth=SENTINEL_BORN,
        reference=SENTINEL_REFERENCE,
        swv=swv,
        gemeente=gemeente,
        registered_on=date(2022, 1, 10),
        development_present=True,
        movement_since=date(2022, 3, 1),
    )
    DevelopmentFactory(case=case, noted_on=date(2022, 2, 1))
    ConsentFactory(case=case, scope=ConsentScope.ANONYMISED_STORY)
    author, reviewer = user_with_role(Role.LPA), user_with_role(Role.PROJECT_STAFF)
    Story.objects.create(
        region=region,
        case=case,
        perspective=StoryPerspective.OUDER,
        title="Weer naar buiten",
        text=f"Een moeder vertelt hoe de {STORY_WORD} van de zorgboerderij hielp.",
        status=StoryStatus.APPROVED,
        author=author,
        reviewer=reviewer,
        approved_at=timezone.now(),
    )
    return case


def _date_spellings(day: date) -> list[str]:
    with translation.override("nl"):
        dutch = date_format(day, "j F Y")
    return [dutch, day.isoformat(), f"{day:%d-%m-%Y}", f"{day.day}-{day.month}-{day.year}", f"{day:%d/%m/%Y}"]


@pytest.mark.usefixtures("queued")
def test_the_national_pdf_has_the_core_counts_and_nothing_that_identifies_a_youth(
    storage: FileSystemStorage, settings: Any, tmp_path: Path
) -> None:
    # given the demo data (75 regions) and a planted youth with a consented, approved story
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    _plant_sentinel_case(Region.objects.order_by("name").first())
    report = _request()

    # when the worker generates the national report
    generate_report(report.pk)

    # then it is a tagged PDF in Dutch with a title
    report.refresh_from_db()
    with storage.open(report.file_name, "rb") as handle:
        pdf = handle.read()
    assert pdf_lang(pdf) == "nl"
    assert pdf_title(pdf, tmp_path) != ""
    text = _flat(pdf_text(pdf, tmp_path))
    # whose page 1 answers "how is the project going": each core count's published national value
    # with its name and its change since the previous reporting date, the rollout, and stories
    page_one = _flat(pdf_text(pdf, tmp_path, page=1))
    assert "Hoe gaat het project?" in page_one
    assert report.publication is not None
    national = tables_for(report.publication)["core-national"]
    _label, cells = national.rows[0]
    with translation.override("nl"):
        previous = date_format(reporting_dates()[1], "j F Y")
    for column, cell in zip(national.columns, cells, strict=True):
        assert re.search(rf"\b{re.escape(cell.text)} {re.escape(column)}", page_one), column
    # (the quotes stand beside the numbers, so a change line may be read out between two quote lines)
    changes = re.findall(rf"(\d+ (meer|minder) dan|evenveel als) op {previous}|Niet te vergelijken", page_one)
    assert len(changes) == len(cells)
    assert re.search(
        r"Uitrol, fase 4 \(Verbreden en versterken\): \d+ van de beoogde 75 regio's doen mee", page_one
    )
    assert "Achter de cijfers" in page_one
    assert "goedgekeurde verhalen" not in text
    assert STORY_WORD in text
    # and the methodology explains the reporting dates, the editions and the one mark in plain Dutch
    assert "Peildata en edities" in text
    assert "alleen gepubliceerd voor vaste peildata" in text
    assert "Elk weggelaten getal staat er als “x”" in text
    # and no youth's name, date of birth or case reference, the planted one included
    for word in (SENTINEL_FIRST, SENTINEL_LAST, SENTINEL_REFERENCE, *_date_spellings(SENTINEL_BORN)):
        assert word not in text
    youths = Case.objects.values_list("first_name", "last_name", "reference", "date_of_birth")
    for first_name, last_name, reference, born in youths:
        assert f"{first_name} {last_name}" not in text
        assert reference not in text
        assert not any(spelling in text for spelling in _date_spellings(born))


@pytest.mark.usefixtures("queued")
def test_a_region_report_holds_only_its_own_region(storage: FileSystemStorage, tmp_path: Path) -> None:
    # given two regions, each with a project case
    own, other = RegionFactory(name="Regio Eigenaardig"), RegionFactory(name="Regio Elders")
    for region in (own, other):
        CaseFactory(
            swv=OrganisationFactory(swv=True, region=region), gemeente=OrganisationFactory(region=region)
        )
    report = _request(scope=ReportScope.REGION, region=own)

    # when it is generated
    generate_report(report.pk)

    # then its PDF is about the one region only
    report.refresh_from_db()
    with storage.open(report.file_name, "rb") as handle:
        text = _flat(pdf_text(handle.read(), tmp_path))
    assert "Regio Eigenaardig" in text
    assert "Regio Elders" not in text
