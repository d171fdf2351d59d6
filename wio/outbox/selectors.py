"""What the pages show about background work: read from the job rows, never guessed."""

from dataclasses import dataclass

from django.utils import timezone

from .models import ACTIVE_STATES, Job, JobState


@dataclass(frozen=True)
class Progress:
    """A job as a user sees it: waiting, busy, stalled (no sign of life), done or failed."""

    job: Job | None

    @property
    def active(self) -> bool:
        return self.job is not None and self.job.state in ACTIVE_STATES

    @property
    def waiting_for_worker(self) -> bool:
        """Written, but no worker has it: the broker is down or busy."""
        return self.job is not None and self.job.state == JobState.PENDING

    @property
    def stalled(self) -> bool:
        """Handed out, but no progress within its lease: the worker died or hangs."""
        job = self.job
        return bool(
            job is not None
            and job.state in (JobState.DISPATCHED, JobState.RUNNING)
            and job.lease_until is not None
            and job.lease_until < timezone.now()
        )

    @property
    def failed(self) -> bool:
        return self.job is not None and self.job.state == JobState.FAILED

    @property
    def done(self) -> bool:
        return self.job is not None and self.job.state == JobState.DONE


def latest_job(topic: str, subject_id: int) -> Job | None:
    return Job.objects.filter(topic=topic, subject_id=subject_id).order_by("-created_at", "-id").first()


def progress_of(topic: str, subject_id: int) -> Progress:
    return Progress(latest_job(topic, subject_id))


def latest_jobs(topic: str, subject_ids: list[int]) -> dict[int, Job]:
    """The newest job per subject, in one query."""
    latest: dict[int, Job] = {}
    for job in Job.objects.filter(topic=topic, subject_id__in=subject_ids).order_by("created_at", "id"):
        assert job.subject_id is not None  # noqa: S101 - filtered on it
        latest[job.subject_id] = job
    return latest
