"""After the session, the agreed outcome to participants without a login — only when the parents
agreed to that (issue #4 item 9). The e-mail holds the advice, the commitments and whether a next
session follows; never the youth's name, the case reference or anything else from the case file."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from wio.audit import services as audit
from wio.audit.constants import Action, Purpose
from wio.outbox import services as outbox
from wio.outbox.mail import deliver_once

from ..constants import BeraadStatus
from ..ical import session_title
from ..models import Beraad, InvitationSend, Participant
from ..public_text import outcome_blocker
from .common import record

OUTCOME = "OUTCOME"  # an InvitationSend method of its own: one outcome e-mail per participant
SYSTEM_ACTOR = audit.Actor(user=None, label="system", role="", organisation_id=None, source_ip=None)


def guests_for_outcome(beraad: Beraad) -> list[Participant]:
    return [p for p in beraad.participants.all() if p.user_id is None and p.email]


def outcome_blockers(beraad: Beraad) -> list[str]:
    blockers = []
    if beraad.status not in (BeraadStatus.GEHOUDEN, BeraadStatus.GEEVALUEERD):
        blockers.append(_("The outcome can be sent once the session has been held."))
    if not beraad.share_outcome_with_guests:
        blockers.append(_("The parents have not agreed that the outcome is sent to the participants."))
    if not beraad.advice:
        blockers.append(_("There is no advice to send yet."))
    if not guests_for_outcome(beraad):
        blockers.append(_("No participant without a WIO account has an e-mail address."))
    # The e-mail leaves WIO: its advice and commitments pass the identity check (ADR 0016).
    if identifying := outcome_blocker(beraad, list(beraad.commitments.all())):
        blockers.append(identifying)
    return blockers


@transaction.atomic
def outcome_send_to_guests(*, beraad: Beraad, actor: audit.Actor) -> int:
    """Queue the outcome e-mail for every guest; each gets it at most once. Returns how many were queued."""
    blockers = outcome_blockers(beraad)
    if blockers:
        raise ValidationError(blockers)
    from ..tasks import OUTCOME_TOPIC, send_outcome_job

    guests = guests_for_outcome(beraad)
    for guest in guests:
        outbox.enqueue(
            send_outcome_job,
            topic=OUTCOME_TOPIC,
            subject_id=guest.pk,
            key=f"{OUTCOME_TOPIC}:{guest.pk}",
            participant_id=guest.pk,
        )
    record(actor, beraad, Action.EXECUTE, "beraad.outcome.send", {"recipients": len(guests)})
    return len(guests)


def outcome_deliver(*, participant_id: int) -> bool:
    """Send one guest the outcome, at most once (a retried task finds the send already recorded)."""
    participant = (
        Participant.objects.select_related("beraad", "beraad__case").filter(pk=participant_id).first()
    )
    if participant is None or not participant.email or participant.user_id is not None:
        return False
    beraad = participant.beraad
    if outcome_blockers(beraad):
        return False  # e.g. the parents withdrew their agreement after the request
    if InvitationSend.objects.filter(participant=participant, sequence=0, method=OUTCOME).exists():
        return False  # sent before the outbox kept send records

    def sent() -> None:
        InvitationSend.objects.create(participant=participant, sequence=0, method=OUTCOME)
        audit.record_change(
            actor=SYSTEM_ACTOR,
            obj=participant,
            action=Action.EXECUTE,
            event_type="beraad.outcome.sent",
            purpose=Purpose.MOREEL_BERAAD,
        )

    return deliver_once(f"moreelberaad.outcome:{participant.pk}", lambda: _message(beraad, participant), sent)


def _message(beraad: Beraad, participant: Participant) -> EmailMessage:
    with translation.override(settings.LANGUAGE_CODE):
        title = session_title(beraad)
        subject = _("Outcome: %(title)s") % {"title": title}
        body = render_to_string(
            "moreelberaad/outcome/email.txt",
            {
                "participant_name": participant.name,
                "title": title,
                "advice": beraad.advice,
                "commitments": list(beraad.commitments.all()),
                "next_session": beraad.get_next_session_display(),
            },
        )
    return EmailMessage(subject=subject, body=body, to=[participant.email])
