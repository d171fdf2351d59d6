"""The case worker's weekly e-mail with their work: the preference and the sending itself.

The e-mail leaves WIO, so it names case references, fixed milestone labels and due dates only —
never a youth's name, date of birth or any free text such as an action's description.
"""

from datetime import date

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from wio.accounts.models import User
from wio.audit import services as audit
from wio.audit.constants import Action, Purpose
from wio.outbox.mail import deliver_once

from ..models import NotificationPreference
from ..mywork import MyWork

DIGEST_EVENT = "case.my_work.digest"


@transaction.atomic
def digest_preference_set(*, user: User, enabled: bool, actor: audit.Actor) -> NotificationPreference:
    """Switch the weekly e-mail on or off for `user`."""
    preference, created = NotificationPreference.objects.update_or_create(
        user=user, defaults={"weekly_digest": enabled}
    )
    audit.record_change(
        actor=actor,
        obj=preference,
        action=Action.CREATE if created else Action.UPDATE,
        event_type="case.digest_preference",
        purpose=Purpose.ACCOUNT_MANAGEMENT,
        detail={"weekly_digest": enabled},
    )
    return preference


def absolute_url(path: str) -> str:
    """Links in e-mail need the address WIO is reached at; a task has no request to take it from."""
    return f"{settings.WIO_BASE_URL.rstrip('/')}{path}"


def _digest_message(*, user: User, work: MyWork, today: date) -> EmailMultiAlternatives:
    context = {
        "work": work,
        "week": today.isocalendar().week,
        "my_work_url": absolute_url(reverse("cases:my_work")),
        "base_url": settings.WIO_BASE_URL.rstrip("/"),
    }
    # A worker has no request and so no active language: write in the language of the UI.
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("WIO: your work for week %(week)d") % {"week": context["week"]}
        text = render_to_string("cases/mywork/digest.txt", context)
        html = render_to_string("cases/mywork/digest.html", context)
    message = EmailMultiAlternatives(subject=subject, body=text, to=[user.email])
    message.attach_alternative(html, "text/html")
    return message


def weekly_digest_send(*, user: User, work: MyWork, today: date, key: str) -> bool:
    """Send `user` their weekly overview once per `key`; each case it names gets an export event (it
    leaves WIO). The events are written with the send record's mark that it went (wio/outbox/mail.py),
    so a failed send leaves nothing on the trail. Returns whether it was sent now.
    """
    actor = audit.actor_from(user=user, label=user.email)

    def sent() -> None:
        for case in work.cases:
            audit.record_event(
                actor=actor,
                action=Action.EXECUTE,
                event_type=DIGEST_EVENT,
                purpose=Purpose.CASE_MANAGEMENT,
                obj=case,
            )

    return deliver_once(key, lambda: _digest_message(user=user, work=work, today=today), sent)
