"""Reads for the invitation panel and the personal calendar feed."""

from dataclasses import dataclass

from django.utils import timezone

from wio.accounts.models import User
from wio.outbox.models import ACTIVE_STATES, Job, JobState
from wio.outbox.selectors import latest_jobs

from .constants import OPEN_STATUSES
from .models import Beraad, CalendarFeed, InvitationSend, Participant
from .permissions import can_use_beraden
from .public_text import organiser_name
from .selectors import beraden_visible_to
from .tasks import INVITATION_TOPIC


@dataclass(frozen=True)
class InvitationRow:
    participant: Participant
    last_send: InvitationSend | None
    job: Job | None = None  # the latest e-mail job: what is on its way, or failed

    @property
    def sending(self) -> bool:
        return self.job is not None and self.job.state in ACTIVE_STATES

    @property
    def failed(self) -> bool:
        return self.job is not None and self.job.state == JobState.FAILED


def invitation_rows(beraad: Beraad, participants: list[Participant]) -> list[InvitationRow]:
    """Each participant with the last invitation they were sent and their latest e-mail job (two
    queries): the state shown is what the rows say, never what was hoped for."""
    last: dict[int, InvitationSend] = {}
    for send in InvitationSend.objects.filter(participant__beraad=beraad).order_by("sent_at", "id"):
        last[send.participant_id] = send
    jobs = latest_jobs(INVITATION_TOPIC, [p.pk for p in participants])
    return [InvitationRow(participant=p, last_send=last.get(p.pk), job=jobs.get(p.pk)) for p in participants]


def active_feed_of(user: User) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(user=user, revoked_at__isnull=True).first()


def feed_by_token(token: str) -> CalendarFeed | None:
    """The active feed with this token whose owner may still use beraden; None otherwise."""
    feed = (
        CalendarFeed.objects.select_related("user")
        .filter(token=token, revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if feed is None or not can_use_beraden(feed.user):
        return None
    return feed


def feed_sessions(user: User) -> list[tuple[Beraad, str]]:
    """The user's upcoming sessions with a label: the partnership that organises it where the beraad
    is in their scope, nothing where they only take part. Never the case reference: the feed's
    address works without a login and calendars sync it to phones (ADR 0016)."""
    now = timezone.now()
    scoped = beraden_visible_to(user)
    in_scope = list(
        scoped.filter(status__in=OPEN_STATUSES, starts_at__gte=now).select_related(
            "case", "case__swv", "meeting_place"
        )
    )
    taking_part = (
        Beraad.objects.filter(participants__user_id=user.pk, status__in=OPEN_STATUSES, starts_at__gte=now)
        .exclude(pk__in=[b.pk for b in in_scope])
        .select_related("case", "meeting_place")
        .distinct()
    )
    sessions = [(b, organiser_name(b)) for b in in_scope] + [(b, "") for b in taking_part]
    return sorted(sessions, key=lambda pair: (pair[0].starts_at, pair[0].pk))


def invitations_waiting_for_worker(beraad: Beraad) -> int:
    """E-mail jobs of this beraad no worker has taken yet: the broker is down or busy."""
    participant_ids = list(beraad.participants.values_list("pk", flat=True))
    return Job.objects.filter(
        topic=INVITATION_TOPIC, subject_id__in=participant_ids, state=JobState.PENDING
    ).count()
