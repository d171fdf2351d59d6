"""What of a beraad may leave WIO in an invitation, a calendar, a pack or the outcome e-mail (ADR 0016).

The place is typed by a coordinator; the identity check refuses a home or a name when it is saved,
and these functions apply the same check again when the text leaves, so a place saved before the
check existed never reaches a calendar.
"""

from django.utils.translation import gettext as _

from cases.identity_check import (
    KnownPeople,
    identity_findings,
    known_people,
    meeting_place_findings,
    place_findings,
)

from .models import Beraad, OrganisationCommitment


def beraad_people(beraad: Beraad) -> KnownPeople:
    return known_people([beraad.case_id])


def public_location(beraad: Beraad, known: KnownPeople | None = None) -> str:
    """The place, if it names no home and no one; otherwise "" (the online link or the coordinator
    then says where). A meeting place of the partnership is named with its address and checked as
    when it was saved (a place belongs to no case, ADR 0020); a typed place may hold no address and
    no name of the case's people."""
    place = beraad.meeting_place
    if place is not None:
        return "" if meeting_place_findings(place.public_text) else place.public_text
    if not beraad.location:
        return ""
    return "" if place_findings(beraad.location, known or beraad_people(beraad)) else beraad.location


def organiser_name(beraad: Beraad) -> str:
    """Who organises the session, for calendar titles: the partnership, never the case."""
    return beraad.case.swv.name


def outcome_findings(beraad: Beraad, commitments: list[OrganisationCommitment]) -> list[str]:
    """What in the outcome e-mail's advice and commitments still identifies the youth."""
    known = beraad_people(beraad)
    texts = [beraad.advice] + [f"{c.organisation_name}: {c.commitment}" for c in commitments]
    return sorted({finding for text in texts for finding in identity_findings(text, known)})


def outcome_blocker(beraad: Beraad, commitments: list[OrganisationCommitment]) -> str:
    findings = outcome_findings(beraad, commitments)
    if not findings:
        return ""
    return _(
        "The advice or a commitment contains %(found)s; the e-mail to participants without a login "
        "may not identify the youth. Change the outcome first."
    ) % {"found": ", ".join(findings)}
