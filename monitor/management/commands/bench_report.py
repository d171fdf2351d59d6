"""Time the national report on the demo data: `make bench` (needs `seed_demo` first).

Runs the Celery task function in this process, as a worker would, and prints how long the national
PDF took from the first count to the stored file (the acceptance bar is 10 seconds on 2 cores). The
first run includes loading WeasyPrint, which a long-running worker pays only once.
"""

import time
from typing import Any
from unittest import mock

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone

from monitor.constants import ReportScope, ReportStatus
from monitor.models import Report
from monitor.publications.reporting_dates import latest_reporting_date
from monitor.services.reports import report_request
from monitor.tasks import generate_report
from wio.accounts.models import Region, User
from wio.audit import services as audit

DEMO_PROJECT_STAFF = "projectmedewerker@wio.example"
LIMIT_SECONDS = 10.0


class Command(BaseCommand):
    help = "Generate the national monitor report on the demo data and print how long it took."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--runs", type=int, default=3, help="how many times to generate it")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(email=DEMO_PROJECT_STAFF).first()
        if user is None:
            raise CommandError("No demo data: run `manage.py seed_demo` first.")
        report = self._national_report(user)
        self.stdout.write(f"{Region.objects.count()} regions in the database ({connection.vendor})")
        for run in range(1, options["runs"] + 1):
            # Back to queued, so that the task generates it again (a benchmark-only shortcut).
            Report.objects.filter(pk=report.pk).update(status=ReportStatus.QUEUED, progress=0)
            started = time.perf_counter()
            written = generate_report(report.pk)  # what the job runs, as a worker runs it
            seconds = time.perf_counter() - started
            report.refresh_from_db()
            if not written or report.status != ReportStatus.DONE:
                raise CommandError(f"the report was not generated: {report.error or report.status}")
            verdict = "ok" if seconds <= LIMIT_SECONDS else f"SLOWER than {LIMIT_SECONDS:.0f} s"
            self.stdout.write(f"national report, run {run}: {seconds:6.2f} s  ({verdict})")

    def _national_report(self, user: User) -> Report:
        """The report for the latest reporting date, asked for as project staff do (idempotent: the
        same row every run). Counts exist only for reporting dates (ADR 0017)."""
        today = timezone.localdate()
        peildatum = latest_reporting_date(today)
        if peildatum is None:
            raise CommandError("No reporting date has passed yet: there are no counts to report.")
        first_phase = Region.objects.order_by("phase_joined__starts_on").values_list(
            "phase_joined__starts_on", flat=True
        )
        # This command is the worker: nothing goes to a broker (or runs inline) while asking for it.
        with mock.patch("wio.outbox.services.dispatch_on_commit", return_value=None):
            return report_request(
                scope=ReportScope.NATIONAL,
                region=None,
                period_start=first_phase.first() or today.replace(month=1, day=1),
                period_end=peildatum,
                peildatum=peildatum,
                actor=audit.actor_from(user=user, label="bench_report"),
            )
