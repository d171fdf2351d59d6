"""Invitations by e-mail with iCalendar, answers, attendance and cancellation (issue #4, item 4).

The e-mails go out from outbox jobs written in the same transaction (wio/outbox, ADR 0013): a
rolled-back transaction sends nothing, and a broker that is down only delays them. Each
(participant, SEQUENCE, method) is sent once: the outbox's send record is written before the
hand-over to SMTP, and `InvitationSend` (what the panel shows) is written when it went.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from cases import services as case_services
from cases.constants import ALLOWED_TRANSITIONS, Status
from cases.models import Case
from wio.audit import services as audit
from wio.audit.constants import Action, Purpose
from wio.outbox import services as outbox
from wio.outbox.mail import deliver_once

from ..constants import OPEN_STATUSES, Answer, BeraadStatus
from ..ical import CANCEL, METHODS, REQUEST
from ..models import Beraad, InvitationSend, Participant
from ..selectors import invitation_blockers
from .common import record
from .invitation_mail import invitation_message

SYSTEM_ACTOR = audit.Actor(user=None, label="system", role="", organisation_id=None, source_ip=None)


def state_blockers(beraad: Beraad) -> list[str]:
    """What the beraad's own state forbids: a closed beraad or a session in the past."""
    blockers = []
    if beraad.status not in OPEN_STATUSES:
        blockers.append(
            _("This beraad can no longer be invited to (status: %(status)s).")
            % {"status": beraad.get_status_display()}
        )
    if beraad.starts_at <= timezone.now():
        blockers.append(_("The session lies in the past; move it to a new date first."))
    return blockers


def send_blockers(beraad: Beraad, participants: list[Participant]) -> list[str]:
    """Everything that stops invitations now: the table's readiness and the beraad's own state."""
    return invitation_blockers(beraad, participants) + state_blockers(beraad)


def held_blockers(beraad: Beraad, participants: list[Participant] | None = None) -> list[str]:
    """What stops recording the session as held or evaluating it: the table its own panel asks for.

    The parents agreed to the table, it has one gespreksleider and a notulist, and somebody was
    invited (a beraad still in concept never was).
    """
    table = list(beraad.participants.all()) if participants is None else participants
    blockers = []
    if beraad.parents_approved_on is None:
        blockers.append(_("The parents have not yet approved the list of participants."))
    leaders = sum(p.is_gespreksleider for p in table)
    if leaders != 1:
        blockers.append(_("A beraad has exactly one gespreksleider (now %(count)d).") % {"count": leaders})
    if not any(p.is_notulist for p in table):
        blockers.append(_("Appoint at least one notulist."))
    if not table or beraad.status == BeraadStatus.CONCEPT:
        blockers.append(_("Nobody has been invited yet: send the invitations first."))
    return blockers


def _lock(beraad: Beraad) -> Beraad:
    return Beraad.objects.select_for_update().select_related("case").get(pk=beraad.pk)


def invitation_key(participant_id: int, sequence: int, method: str) -> str:
    return f"moreelberaad.invitation:{participant_id}:{sequence}:{method}"


def _enqueue(participants: list[Participant], *, sequence: int, method: str) -> int:
    """One job per e-mail, in this transaction; a failed one asked for again starts over."""
    from ..tasks import INVITATION_TOPIC, send_invitation_job

    recipients = [p for p in participants if p.email]
    for participant in recipients:
        outbox.enqueue(
            send_invitation_job,
            topic=INVITATION_TOPIC,
            subject_id=participant.pk,
            key=invitation_key(participant.pk, sequence, method),
            participant_id=participant.pk,
            sequence=sequence,
            method=method,
        )
    return len(recipients)


def _previously_invited(beraad: Beraad) -> list[Participant]:
    return list(Participant.objects.filter(beraad=beraad, sends__method=REQUEST).exclude(email="").distinct())


@transaction.atomic
def invitations_send(*, beraad: Beraad, actor: audit.Actor) -> int:
    """Invite the approved table. Returns how many e-mails were queued; refuses while blocked."""
    locked = _lock(beraad)
    participants = list(locked.participants.all())
    blockers = send_blockers(locked, participants)
    if blockers:
        raise ValidationError(blockers, code="invitations_blocked")
    already = set(
        InvitationSend.objects.filter(
            participant__beraad=locked, sequence=locked.ical_sequence, method=REQUEST
        ).values_list("participant_id", flat=True)
    )
    Beraad.objects.filter(pk=locked.pk).update(status=BeraadStatus.UITGENODIGD, updated_at=timezone.now())
    locked.status = BeraadStatus.UITGENODIGD
    fresh = [p for p in participants if p.pk not in already]
    queued = _enqueue(fresh, sequence=locked.ical_sequence, method=REQUEST)
    record(
        actor,
        locked,
        Action.UPDATE,
        "beraad.invitations_send",
        {"queued": queued, "sequence": locked.ical_sequence},
    )
    beraad.status = locked.status
    return queued


@transaction.atomic
def schedule_changed(*, beraad: Beraad, actor: audit.Actor) -> int:
    """Time or place moved: an invited table gets the new version (same UID, higher SEQUENCE).

    While the parents have not approved a changed table, only those invited before get the update:
    nobody new is invited behind the parents' back.
    """
    locked = _lock(beraad)
    if locked.status != BeraadStatus.UITGENODIGD:
        return 0
    Beraad.objects.filter(pk=locked.pk).update(ical_sequence=F("ical_sequence") + 1)
    locked.refresh_from_db(fields=["ical_sequence"])
    if locked.parents_approved_on is None:
        participants = _previously_invited(locked)
    else:
        participants = list(locked.participants.all())
    queued = _enqueue(participants, sequence=locked.ical_sequence, method=REQUEST)
    record(
        actor,
        locked,
        Action.UPDATE,
        "beraad.invitations_update",
        {"queued": queued, "sequence": locked.ical_sequence},
    )
    beraad.ical_sequence = locked.ical_sequence
    return queued


@transaction.atomic
def beraad_cancel(*, beraad: Beraad, actor: audit.Actor, reason: str) -> Beraad:
    """Cancel the session: those invited before get a CANCEL, the case steps back in its pipeline.

    The reason stays in WIO (with the beraad's minutes); the e-mail does not carry it.
    """
    locked = _lock(beraad)
    if locked.status not in OPEN_STATUSES:
        raise ValidationError(_("Only a planned or invited beraad can be cancelled."), code="not_open")
    with translation.override(settings.LANGUAGE_CODE):  # stored text: in the language of the UI
        note = _("Cancelled on %(date)s: %(reason)s") % {
            "date": date_format(timezone.localdate(), "j F Y"),
            "reason": reason,
        }
    notes = f"{locked.notes}\n\n{note}" if locked.notes else note
    Beraad.objects.filter(pk=locked.pk).update(
        status=BeraadStatus.GEANNULEERD,
        ical_sequence=F("ical_sequence") + 1,
        notes=notes,
        version=F("version") + 1,
        updated_at=timezone.now(),
    )
    locked.refresh_from_db()
    queued = _enqueue(_previously_invited(locked), sequence=locked.ical_sequence, method=CANCEL)
    record(
        actor, locked, Action.UPDATE, "beraad.cancel", {"queued": queued, "sequence": locked.ical_sequence}
    )
    _case_steps_back(locked, actor)
    beraad.refresh_from_db()
    return locked


def _cancelled_note(beraad: Beraad) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return _("Moreel Beraad %(number)s cancelled") % {"number": beraad.sequence_number}


def _case_steps_back(beraad: Beraad, actor: audit.Actor) -> None:
    """ "Beraad gepland" goes back to "expertise verzameld" unless another session is still planned."""
    case = Case.objects.get(pk=beraad.case_id)
    if case.status != Status.BERAAD_GEPLAND:
        return
    if Beraad.objects.filter(case=case, status__in=OPEN_STATUSES).exists():
        return
    if Status.EXPERTISE_VERZAMELD in ALLOWED_TRANSITIONS[case.status]:
        case_services.case_transition(
            case=case,
            to_status=Status.EXPERTISE_VERZAMELD,
            actor=actor,
            note=_cancelled_note(beraad),
        )


def _participant_update(participant: Participant, **fields: object) -> Participant:
    Participant.objects.filter(pk=participant.pk).update(
        **fields, version=F("version") + 1, updated_at=timezone.now()
    )
    participant.refresh_from_db()
    return participant


@transaction.atomic
def answer_record(*, participant: Participant, answer: str, actor: audit.Actor) -> Participant:
    """The participant's answer to the invitation, as they gave it (by phone, e-mail or in person)."""
    if answer not in Answer.values:
        raise ValidationError(_("Unknown answer."), code="invalid_answer")
    if participant.beraad.status == BeraadStatus.GEANNULEERD:
        raise ValidationError(_("This beraad has been cancelled."), code="cancelled")
    participant = _participant_update(participant, answer=answer)
    record(actor, participant, Action.UPDATE, "beraad.participant.answer", {"answer": answer})
    return participant


@transaction.atomic
def attendance_record(*, participant: Participant, attended: bool, actor: audit.Actor) -> Participant:
    """Who was at the table; known once the session has begun."""
    if participant.beraad.starts_at > timezone.now():
        raise ValidationError(_("Attendance can be recorded once the session has begun."), code="not_started")
    participant = _participant_update(participant, attended=attended)
    record(actor, participant, Action.UPDATE, "beraad.participant.attendance", {"attended": attended})
    return participant


def _still_current(beraad: Beraad, *, sequence: int, method: str) -> bool:
    """A task for an older version, or a request for a cancelled session, has nothing left to send."""
    if sequence != beraad.ical_sequence:
        return False
    if method == CANCEL:
        return beraad.status == BeraadStatus.GEANNULEERD
    return beraad.status == BeraadStatus.UITGENODIGD


def invitation_deliver(*, participant_id: int, sequence: int, method: str) -> bool:
    """Send one participant one version of the invitation, once. Returns whether it was sent now.

    The send record is committed before the hand-over to SMTP (wio/outbox/mail.py); the
    `InvitationSend` row and the audit event are written with the mark that it went.
    """
    if method not in METHODS:
        raise ValueError(f"unknown iTIP method {method!r}")
    participant = (
        Participant.objects.select_related("beraad", "beraad__case", "user").filter(pk=participant_id).first()
    )
    if participant is None or not participant.email:
        return False
    beraad = participant.beraad
    if not _still_current(beraad, sequence=sequence, method=method):
        return False
    if InvitationSend.objects.filter(participant=participant, sequence=sequence, method=method).exists():
        return False  # sent before the outbox kept send records

    def sent() -> None:
        InvitationSend.objects.create(participant=participant, sequence=sequence, method=method)
        audit.record_change(
            actor=SYSTEM_ACTOR,
            obj=participant,
            action=Action.EXECUTE,
            event_type="beraad.invitation.sent",
            purpose=Purpose.MOREEL_BERAAD,
            detail={"method": method, "sequence": sequence},
        )

    return deliver_once(
        invitation_key(participant_id, sequence, method),
        lambda: invitation_message(beraad=beraad, participant=participant, sequence=sequence, method=method),
        sent,
    )


@transaction.atomic
def response_record(
    *, participant: Participant, answer: str | None, attended: bool | None, actor: audit.Actor
) -> Participant:
    """The answer and/or the attendance from one form, both or neither."""
    if answer:
        participant = answer_record(participant=participant, answer=answer, actor=actor)
    if attended is not None:
        participant = attendance_record(participant=participant, attended=attended, actor=actor)
    return participant


def uninvite_removed(*, participant: Participant) -> None:
    """Someone taken off the table after being invited gets a cancellation of their invitation.

    The participant row is about to be deleted, so the task receives what the e-mail needs.
    """
    beraad = participant.beraad
    was_invited = InvitationSend.objects.filter(participant=participant, method=REQUEST).exists()
    if not (was_invited and participant.email and beraad.status == BeraadStatus.UITGENODIGD):
        return
    from ..tasks import REMOVAL_TOPIC, send_removal_cancellation_job

    outbox.enqueue(
        send_removal_cancellation_job,
        topic=REMOVAL_TOPIC,
        subject_id=beraad.pk,
        key=f"{REMOVAL_TOPIC}:{beraad.pk}:{participant.pk}:{beraad.ical_sequence}",
        beraad_id=beraad.pk,
        name=participant.name,
        email=participant.email,
    )


def removal_cancellation_deliver(*, beraad_id: int, name: str, email: str, key: str) -> bool:
    """METHOD:CANCEL for one removed participant (same UID, the current SEQUENCE), once per `key`."""
    beraad = Beraad.objects.select_related("case").filter(pk=beraad_id).first()
    if beraad is None:
        return False
    detached = Participant(beraad=beraad, name=name, email=email)  # never saved

    def sent() -> None:
        audit.record_event(
            actor=SYSTEM_ACTOR,
            action=Action.EXECUTE,
            event_type="beraad.invitation.withdrawn",
            purpose=Purpose.MOREEL_BERAAD,
            obj=beraad,
        )

    return deliver_once(
        key,
        lambda: invitation_message(
            beraad=beraad, participant=detached, sequence=beraad.ical_sequence, method=CANCEL
        ),
        sent,
    )
