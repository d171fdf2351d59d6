"""The invitation e-mail itself. It leaves WIO and mostly reaches people without a login, so it says
when and where, how long, who leads the conversation, that the parents invited them and which
coordinator to answer to (the Reply-To reaches them) — never the youth's name, the case reference or
anything from the case file."""

from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from wio.date_bounds import shift_moment

from ..constants import ProposedBy
from ..ical import CANCEL, invitation_ics, session_title
from ..models import Beraad, Participant
from ..permissions import can_view_beraad
from ..public_text import public_location
from ..selectors import reply_coordinator

ATTACHMENT_NAME = "uitnodiging.ics"


def _subject(beraad: Beraad, *, sequence: int, method: str) -> str:
    title = session_title(beraad)
    if method == CANCEL:
        return _("Cancelled: %(title)s") % {"title": title}
    if sequence > 0:
        return _("Changed: %(title)s") % {"title": title}
    return _("Invitation: %(title)s") % {"title": title}


def _wio_link(beraad: Beraad, participant: Participant) -> str:
    """Only someone who may open the beraad in WIO gets a link to it (an address, not its content)."""
    user = participant.user
    if user is None or not user.is_active:
        return ""
    if not can_view_beraad(user, beraad, list(beraad.participants.all())):
        return ""
    path = reverse("moreelberaad:detail", args=[beraad.pk])
    return f"{settings.WIO_BASE_URL.rstrip('/')}{path}"


def _context(beraad: Beraad, participant: Participant, *, sequence: int) -> dict[str, object]:
    leader = beraad.participants.filter(is_gespreksleider=True).values_list("name", flat=True).first()
    starts_at = timezone.localtime(beraad.starts_at)
    return {
        "participant_name": participant.name,
        "title": session_title(beraad),
        "starts_at": starts_at,
        "ends_at": shift_moment(starts_at, timedelta(minutes=beraad.duration_minutes)),
        "duration_minutes": beraad.duration_minutes,
        "location": public_location(beraad),
        "online_link": beraad.online_link,
        "leader_name": leader or "",
        "proposed_by_parents": participant.proposed_by == ProposedBy.PARENTS,
        "is_update": sequence > 0,
        "wio_link": _wio_link(beraad, participant),
        **_coordinator(beraad),
    }


def _coordinator(beraad: Beraad) -> dict[str, str]:
    """The coordinator the participant answers to (issue 14 item 8); the Reply-To reaches them."""
    coordinator = reply_coordinator(beraad)
    if coordinator is None:
        return {"coordinator_name": "", "coordinator_email": "", "partnership": beraad.case.swv.name}
    return {
        "coordinator_name": coordinator.get_full_name() or coordinator.email,
        "coordinator_email": coordinator.email,
        "partnership": beraad.case.swv.name,
    }


def invitation_message(
    *, beraad: Beraad, participant: Participant, sequence: int, method: str
) -> EmailMessage:
    """The e-mail with the .ics attached, in the language of the UI (a worker has no request)."""
    template = "cancel" if method == CANCEL else "request"
    context = _context(beraad, participant, sequence=sequence)
    with translation.override(settings.LANGUAGE_CODE):
        subject = _subject(beraad, sequence=sequence, method=method)
        body = render_to_string(f"moreelberaad/invitations/email_{template}.txt", context)
    reply_to = [str(context["coordinator_email"])] if context["coordinator_email"] else []
    message = EmailMessage(subject=subject, body=body, to=[participant.email], reply_to=reply_to)
    ics = invitation_ics(beraad=beraad, participant=participant, sequence=sequence, method=method)
    message.attach(ATTACHMENT_NAME, ics.decode(), f"text/calendar; method={method}")
    return message
