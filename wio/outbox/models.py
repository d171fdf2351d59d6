"""Background work as rows: written in the transaction of the change that asks for it (ADR 0013).

A `Job` is the durable record of one piece of work; Celery only carries its id. What a user sees
("wordt verstuurd", "mislukt") is read from the row, never guessed from whether a message was
queued. `SentMessage` is the send record of one e-mail, so a job that runs twice mails once.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class JobState(models.TextChoices):
    PENDING = "pending", _("waiting for a worker")
    DISPATCHED = "dispatched", _("handed to a worker")
    RUNNING = "running", _("running")
    DONE = "done", _("done")
    FAILED = "failed", _("failed")


ACTIVE_STATES = (JobState.PENDING, JobState.DISPATCHED, JobState.RUNNING)


class Job(models.Model):
    handler = models.CharField(max_length=200)  # dotted path of a function marked @job_handler
    kwargs = models.JSONField(default=dict)  # ids and small values only: the handler re-reads the rest
    topic = models.CharField(max_length=64)  # what the work is about, e.g. "monitor.report"
    subject_id = models.PositiveBigIntegerField(null=True, blank=True)
    key = models.CharField(max_length=200, null=True, blank=True, unique=True)  # one job per key
    state = models.CharField(max_length=16, choices=JobState.choices, default=JobState.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    max_attempts = models.PositiveSmallIntegerField(default=5)
    lease_seconds = models.PositiveIntegerField(default=300)
    available_at = models.DateTimeField(default=timezone.now)  # not dispatched before (back-off)
    lease_until = models.DateTimeField(null=True, blank=True)  # dispatched/running: lost after this
    created_at = models.DateTimeField(auto_now_add=True)
    dispatched_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    progress_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=200, blank=True)  # the exception's class, never its message

    class Meta:
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        indexes = [
            models.Index(fields=["state", "available_at"]),
            models.Index(fields=["state", "lease_until"]),
            models.Index(fields=["topic", "subject_id"]),
        ]

    def __str__(self) -> str:
        return f"{self.topic} {self.subject_id} ({self.state})"


class SendState(models.TextChoices):
    SENDING = "sending", _("being sent")
    SENT = "sent", _("sent")


class SentMessage(models.Model):
    """One e-mail, identified by its key: written as SENDING before the hand-over to SMTP."""

    key = models.CharField(max_length=200, unique=True)
    message_id = models.CharField(max_length=200)
    state = models.CharField(max_length=16, choices=SendState.choices, default=SendState.SENDING)
    handovers = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("sent e-mail")
        verbose_name_plural = _("sent e-mails")

    def __str__(self) -> str:
        return f"{self.key} ({self.state})"
