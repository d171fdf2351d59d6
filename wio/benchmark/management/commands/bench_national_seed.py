"""`manage.py bench_national_seed --cases N`: the demo data, then the national data set on top.

Run it on an empty, migrated database of its own (`make bench-national` creates one).
"""

import time
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

from monitor.publications.reporting_dates import latest_reporting_date
from monitor.services.publications import publish_correction
from wio.accounts.models import User
from wio.audit import services as audit
from wio.benchmark.people import login_email
from wio.benchmark.seed import generate
from wio.benchmark.shape import NATIONAL_CASES


class Command(BaseCommand):
    help = "Fill an empty database with the national benchmark data set (issue 13)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--cases", type=int, default=NATIONAL_CASES, help="cases in total")

    def handle(self, *args: Any, **options: Any) -> None:
        if User.objects.filter(email=login_email("lpa", 1)).exists():
            raise CommandError("This database already holds the benchmark data: start from an empty one.")
        started = time.perf_counter()
        # The demo seed refuses to run without DEBUG (known passwords); so does nothing here differ.
        with override_settings(DEBUG=True):
            call_command("seed_demo", stdout=self.stdout)
        written = generate(options["cases"], log=self.stdout.write)
        for table, rows in written.items():
            self.stdout.write(f"{table:32} {rows:>10,}")
        self._publish_counts()
        self.stdout.write(
            self.style.SUCCESS(f"National data set ready in {time.perf_counter() - started:.0f} s.")
        )

    def _publish_counts(self) -> None:
        """The demo seed published the latest reporting date over the demo cases; the monitor now
        publishes it again over the national data, as a correction edition (ADR 0017)."""
        reporting_date = latest_reporting_date()
        if reporting_date is None:
            return
        started = time.perf_counter()
        staff = User.objects.get(email=login_email("staff", 1))
        publish_correction(
            reporting_date=reporting_date,
            reason="Benchmark: counted again over the national data set",
            actor=audit.actor_from(user=staff, label="bench_national_seed"),
        )
        seconds = time.perf_counter() - started
        self.stdout.write(f"counts for {reporting_date} published over the national data in {seconds:.1f} s")
