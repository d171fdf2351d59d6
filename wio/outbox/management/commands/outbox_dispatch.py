"""Hand pending and lost background jobs to the workers now, or list what is open or failed."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from wio.outbox import services
from wio.outbox.models import Job, JobState


class Command(BaseCommand):
    help = "Dispatch due outbox jobs (what the beat sweep does every minute); --list shows open jobs."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--list", action="store_true", help="list open and failed jobs, dispatch nothing")
        parser.add_argument(
            "--retry-failed", action="store_true", help="start failed jobs over before dispatching"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["list"]:
            self._list()
            return
        if options["retry_failed"]:
            for job in Job.objects.filter(state=JobState.FAILED):
                services.retry(job)
        sent = services.dispatch_due()
        waiting = Job.objects.filter(state=JobState.PENDING).count()
        self.stdout.write(f"dispatched {sent} job(s); {waiting} still pending")

    def _list(self) -> None:
        open_or_failed = [*services.open_jobs(), *Job.objects.filter(state=JobState.FAILED)]
        for job in open_or_failed:
            self.stdout.write(
                f"{job.pk}\t{job.state}\t{job.topic}\t{job.subject_id}\tattempts={job.attempts}"
                f"\tcreated={job.created_at:%Y-%m-%d %H:%M}\terror={job.error or '-'}"
            )
        self.stdout.write(f"{len(open_or_failed)} job(s)")
