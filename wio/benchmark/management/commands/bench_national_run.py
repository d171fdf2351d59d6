"""`manage.py bench_national_run`: the load driver of the national benchmark (issue 13).

Starts gunicorn (2 workers, production settings from wio.settings.bench) and a Celery worker on the
benchmark's Redis database, signs eight clients per account kind in through the real login pages
(password + TOTP), measures every page at 1 and at 8 concurrent clients, then the national PDF
through the worker. Prints a table and writes var/bench/<timestamp>.json.
"""

from typing import Any

from django.core.cache import cache
from django.core.management.base import BaseCommand

from cases.models import Case
from wio.audit.models import AuditEvent
from wio.benchmark.driver import results
from wio.benchmark.driver.client import Client
from wio.benchmark.driver.load import PageResult, measure
from wio.benchmark.driver.national_pdf import national_pdf_seconds
from wio.benchmark.driver.pages import Page, measured_pages
from wio.benchmark.driver.servers import celery_worker, gunicorn
from wio.benchmark.people import LOAD_CLIENTS, LOGIN_ACCOUNTS, login_email


class Command(BaseCommand):
    help = "Measure the main pages and the national PDF on the benchmark database (issue 13)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--requests", type=int, default=20, help="requests per page with one client")
        parser.add_argument("--requests-per-client", type=int, default=8, help="per client, with 8 clients")
        parser.add_argument("--pdf-runs", type=int, default=4, help="national PDFs (the first warms up)")
        parser.add_argument("--only", default="", help="comma-separated page names (default: every page)")
        parser.add_argument("--clients", default="1,8", help="comma-separated numbers of concurrent clients")

    def handle(self, *args: Any, **options: Any) -> None:
        cache.clear()  # the benchmark's own Redis db: used TOTP codes and login counts of earlier runs
        only = {name.strip() for name in options["only"].split(",") if name.strip()}
        pages = [page for page in measured_pages() if not only or page.name in only]
        with gunicorn() as base_url:
            clients = self._signed_in(base_url)
            measured = self._pages(pages, clients, options)
        pdf: list[float | None] = []
        if options["pdf_runs"]:
            with celery_worker():
                pdf = national_pdf_seconds(options["pdf_runs"])
        self._report(measured, pdf)

    def _signed_in(self, base_url: str) -> dict[str, list[Client]]:
        clients = {}
        for account in LOGIN_ACCOUNTS:
            clients[account] = [Client(base_url, login_email(account, n)) for n in range(1, LOAD_CLIENTS + 1)]
            for client in clients[account]:
                client.log_in()
        self.stdout.write(f"{LOAD_CLIENTS * len(LOGIN_ACCOUNTS)} clients signed in at {base_url}")
        return clients

    def _pages(self, pages: list[Page], clients: dict[str, list[Client]], options: dict) -> list[PageResult]:
        measured = []
        for concurrency in (int(number) for number in options["clients"].split(",")):
            count = options["requests"] if concurrency == 1 else options["requests_per_client"]
            for page in pages:
                result = measure(page, clients[page.account][:concurrency], count)
                self.stdout.write(results.table_lines([result])[-1])
                measured.append(result)
        return measured

    def _report(self, measured: list[PageResult], pdf: list[float | None]) -> None:
        ratios = results.case_list_ratios(measured)
        self.stdout.write("\n" + "\n".join(results.table_lines(measured)))
        for label, ratio in ratios.items():
            self.stdout.write(f"WIO case list / admin changelist, {label}: {ratio:.2f}")
        self.stdout.write(f"national PDF through the worker (s per run, first warms up): {pdf}")
        path = results.write_json(
            {
                "cases": Case.objects.count(),
                "audit_events": AuditEvent.objects.order_by("-id").values_list("id", flat=True).first(),
                "pages": [result.as_dict() for result in measured],
                "case_list_over_admin": ratios,
                "national_pdf_seconds": pdf,
            }
        )
        self.stdout.write(self.style.SUCCESS(f"Written to {path}"))
