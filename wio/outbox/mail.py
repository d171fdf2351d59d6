"""E-mail from jobs, once: a send record before the hand-over to SMTP, a Message-ID from the job.

1. The record is written (SENDING) and committed on its own.
2. In a second transaction the record is locked, the message handed to SMTP and the record marked
   SENT. A concurrent run of the same job waits on the lock and then finds SENT.
3. A run that finds SENDING comes after a run that died between the hand-over and the commit (or
   whose SMTP server refused). It cannot know which, so it sends again, with the same Message-ID:
   mail clients show one message per Message-ID. That window is the documented remainder (ADR 0013).
"""

import hashlib
import logging
from collections.abc import Callable
from email.utils import parseaddr

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .models import SendState, SentMessage

logger = logging.getLogger(__name__)


def message_id_for(key: str) -> str:
    """Stable per key, and without anything personal in it (the key holds ids only)."""
    digest = hashlib.sha256(key.encode()).hexdigest()[:40]
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "wio.invalid"
    return f"<wio.{digest}@{domain}>"


def deliver_once(
    key: str, build: Callable[[], EmailMessage], on_sent: Callable[[], None] | None = None
) -> bool:
    """Send the message `build` makes, unless the record for `key` says it went. True when sent now.

    `on_sent` runs in the transaction that marks the record SENT (e.g. writing the domain's own
    record and audit event), so they commit together.
    """
    with transaction.atomic():  # the intent, committed before anything leaves
        record, _ = SentMessage.objects.get_or_create(key=key, defaults={"message_id": message_id_for(key)})
        if record.state == SendState.SENT:
            return False
        SentMessage.objects.filter(pk=record.pk).update(handovers=F("handovers") + 1)
    with transaction.atomic():
        record = SentMessage.objects.select_for_update().get(pk=record.pk)
        if record.state == SendState.SENT:
            return False  # a concurrent run of the same job sent it while this one waited
        if record.handovers > 1:
            logger.warning("outbox: re-sending message %s after an unconfirmed hand-over", record.pk)
        message = build()
        message.extra_headers["Message-ID"] = record.message_id
        message.send()
        record.state, record.sent_at = SendState.SENT, timezone.now()
        record.save(update_fields=["state", "sent_at"])
        if on_sent is not None:
            on_sent()
    return True
