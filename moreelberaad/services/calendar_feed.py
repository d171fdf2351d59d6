"""The personal .ics address: one active token per user, revocable at any time (issue #4, item 8)."""

import secrets

from django.db import transaction
from django.utils import timezone

from wio.accounts.models import User
from wio.audit import services as audit
from wio.audit.constants import Action

from ..models import CalendarFeed
from .common import record


def _revoke_active(user: User) -> int:
    return CalendarFeed.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())


@transaction.atomic
def calendar_feed_create(*, user: User, actor: audit.Actor) -> CalendarFeed:
    """A new address; an older one stops working, so a leaked address is replaced in one step."""
    replaced = _revoke_active(user)
    feed = CalendarFeed.objects.create(user=user, token=secrets.token_urlsafe(32))
    record(actor, feed, Action.CREATE, "beraad.calendar_feed.create", {"replaced": replaced})
    return feed


@transaction.atomic
def calendar_feed_revoke(*, user: User, actor: audit.Actor) -> int:
    """Switch the user's address off; calendar apps then get 404. Returns how many were revoked."""
    feeds = list(CalendarFeed.objects.filter(user=user, revoked_at__isnull=True))
    revoked = _revoke_active(user)
    for feed in feeds:
        record(actor, feed, Action.UPDATE, "beraad.calendar_feed.revoke", {})
    return revoked
