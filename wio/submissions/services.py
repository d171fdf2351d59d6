"""Claiming a form's submission key: the first claim acts, every repeat is told what it made.

The claim is an INSERT on the primary key inside the caller's transaction. A second request with the
same key waits on that row until the first commits, then fails the insert and learns the outcome;
if the first rolls back, the second acts instead. So one rendered form makes one record, whatever
the timing of the clicks.
"""

from datetime import datetime, timedelta
from uuid import UUID

from django.db import IntegrityError, transaction
from django.db.models import Model
from django.utils import timezone

from wio.audit import services as audit

from .models import Submission

KEEP_FOR = timedelta(days=7)


class AlreadySubmitted(Exception):
    def __init__(self, submission: Submission) -> None:
        super().__init__("This form was already submitted.")
        self.submission = submission

    @property
    def target_id(self) -> int | None:
        return self.submission.target_id


def submission_claim(*, key: UUID | None, actor: audit.Actor) -> Submission | None:
    """Claim `key` for this action; raises AlreadySubmitted when it was used before. No key, no claim."""
    if key is None:
        return None
    try:
        with transaction.atomic():
            return Submission.objects.create(key=key, user=actor.user)
    except IntegrityError:
        raise AlreadySubmitted(Submission.objects.get(key=key)) from None


def submission_settle(submission: Submission | None, made: Model) -> None:
    """Remember what the claimed submission made."""
    if submission is None:
        return
    submission.target_model = made._meta.label_lower
    submission.target_id = made.pk
    submission.save(update_fields=["target_model", "target_id"])


def purge_old_submissions(now: datetime | None = None) -> int:
    """Keys are only needed while someone might still click twice or go back; a week is ample."""
    cutoff = (now or timezone.now()) - KEEP_FOR
    deleted, _ = Submission.objects.filter(created_at__lt=cutoff).delete()
    return deleted
