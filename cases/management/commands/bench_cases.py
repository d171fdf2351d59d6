"""Time the case worker's main pages on the demo data: `make bench` (needs `seed_demo` first).

Prints, per page, the median and worst response time over a number of requests and the number of
database queries, so that a slow page or an N+1 shows up as a number rather than a feeling.
"""

import statistics
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import override_settings
from django.urls import reverse

from cases.models import Case
from cases.selectors import cases_visible_to
from wio.accounts.mfa_session import MFA_VERIFIED_SESSION_KEY, SESSION_STARTED_SESSION_KEY
from wio.accounts.models import User

DEMO_LPA = "lpa@wio.example"


class Command(BaseCommand):
    help = "Measure response times and query counts of the case pages on the demo data."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--requests", type=int, default=20, help="requests per page")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(email=DEMO_LPA).first()
        case = cases_visible_to(user).order_by("pk").first() if user else None
        if user is None or case is None:
            raise CommandError("No demo data: run `manage.py seed_demo` first.")
        self.stdout.write(f"{Case.objects.count()} cases in the database ({connection.vendor})")
        with override_settings(DEBUG=True, ALLOWED_HOSTS=["*"]):
            client = self._signed_in_client(user)
            for label, path in self._pages(case):
                self._measure(client, label, path, options["requests"])

    def _signed_in_client(self, user: User) -> Client:
        client = Client()
        client.force_login(user)
        session = client.session
        session[MFA_VERIFIED_SESSION_KEY] = time.time()
        session[SESSION_STARTED_SESSION_KEY] = time.time()
        session.save()
        return client

    def _pages(self, case: Case) -> list[tuple[str, str]]:
        return [
            ("case list", reverse("cases:list")),
            ("case list, overdue", f"{reverse('cases:list')}?escalation=overdue"),
            ("case page", reverse("cases:detail", args=[case.pk])),
            ("my work", reverse("cases:my_work")),
            ("hours", reverse("cases:hours_overview")),
        ]

    def _measure(self, client: Client, label: str, path: str, count: int) -> None:
        timings = []
        queries = 0
        for _ in range(count):
            reset_queries()
            started = time.perf_counter()
            response = client.get(path)
            timings.append((time.perf_counter() - started) * 1000)
            queries = len(connection.queries)
            if response.status_code != 200:
                raise CommandError(f"{path} answered {response.status_code}")
        self.stdout.write(
            f"{label:22} median {statistics.median(timings):7.1f} ms   "
            f"max {max(timings):7.1f} ms   {queries:3d} queries"
        )
