"""The preparation pack of a beraad: what the participants read beforehand (issue #4, item 3).

The pack is built from an explicit list of fields into frozen dataclasses, so that a template can
only show what is listed here. Case information (the youth's name, the preparation notes, the
timeline, the youth's own voice) enters only when the family consented to share it with everyone at
the table. So do the beraad's own questions and example, which are free text about the youth, and
the names of the family at the table (ADR 0016). Without that consent the pack carries the session,
the professionals at the table and a notice saying for whom the consent is missing; its title names
no case reference and its place only a place that passes the identity check. Exemption details,
attachments, hours, knelpunten and everything else of the case never enter, whatever the consent
says.

The caller has checked that the user may see the beraad; nothing here is scoped to a user.
"""

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from django.utils.translation import gettext as _

from cases.constants import ConsentScope, PreparationKind
from cases.models import Case, Consent, PreparationItem, TimelineEntry
from cases.permissions import GEMEENTE_ROLES
from cases.selectors import active_consents, people_case_may_be_shared_with
from wio.accounts.constants import Role
from wio.accounts.models import Membership

from .constants import NON_PROFESSIONAL_CATEGORIES
from .models import Beraad, Participant
from .public_text import public_location

# The preparation items whose notes the pack shows (DOMAIN.md §3.2); the "dossier" item is not one.
PACK_PREPARATION_KINDS = (
    PreparationKind.VERKLARENDE_ANALYSE,
    PreparationKind.SYSTEMISCHE_INFORMATIE,
    PreparationKind.INDICATIE,
)


@dataclass(frozen=True)
class PackParticipant:
    name: str
    category: str
    organisation: str
    is_gespreksleider: bool
    is_notulist: bool


@dataclass(frozen=True)
class PreparationNote:
    title: str
    status: str
    note: str


@dataclass(frozen=True)
class TimelineRow:
    occurred_on: date
    entry_type: str
    description: str
    result: str


@dataclass(frozen=True)
class CaseInformation:
    """What of the case the participants may read — only ever built when sharing is allowed."""

    youth_name: str
    preparation: tuple[PreparationNote, ...]
    timeline: tuple[TimelineRow, ...]
    youth_wishes: str
    youth_ideas: str


@dataclass(frozen=True)
class Sharing:
    """Whether the family's consent covers everyone at the table, and if not, whom it misses."""

    consent_given: bool
    missing: tuple[str, ...]

    @property
    def allowed(self) -> bool:
        return self.consent_given and not self.missing


@dataclass(frozen=True)
class Questions:
    """The beraad's own questions: free text about the youth, so shared only as case information is."""

    method_other_steps: str
    ethical_question: str
    concrete_example: str
    central_question: str


@dataclass(frozen=True)
class Pack:
    beraad_id: int
    case_reference: str  # for the page inside WIO only; never in the PDF
    sequence_number: int
    planned_sessions: int
    starts_at: datetime
    duration_minutes: int
    location: str
    online_link: str
    method: str
    participants: tuple[PackParticipant, ...]
    sharing: Sharing
    questions: Questions | None
    case: CaseInformation | None

    @property
    def title(self) -> str:
        return _("Preparation pack, Moreel Beraad session %(number)d") % {"number": self.sequence_number}


# --- consent --------------------------------------------------------------------------------------


def _users_exempt_from_naming(case: Case, participants: Sequence[Participant]) -> set[int]:
    """WIO users who need no naming in the consent: the case's own LPA / ondersteuner and coordinator,
    who work with the case anyway, and project staff who lead or minute this session."""
    leads = {p.user_id for p in participants if p.user_id and (p.is_gespreksleider or p.is_notulist)}
    memberships = Membership.objects.filter(
        user_id__in={p.user_id for p in participants if p.user_id}, user__is_active=True
    ).values_list("user_id", "role", "organisation_id")
    exempt = set()
    for user_id, role, organisation_id in memberships:
        works_on_case = (role in GEMEENTE_ROLES and organisation_id == case.gemeente_id) or (
            role == Role.SWV_COORDINATOR and organisation_id == case.swv_id
        )
        if works_on_case or (role == Role.PROJECT_STAFF and user_id in leads):
            exempt.add(user_id)
    return exempt


def sharing_for(case: Case, participants: Sequence[Participant]) -> Sharing:
    """Checked live on every build: a withdrawn consent takes effect at once."""
    consent_given = active_consents(case, ConsentScope.SHARE_WITH_BERAAD).exists()
    named = set(people_case_may_be_shared_with(case).values_list("pk", flat=True))
    exempt = _users_exempt_from_naming(case, participants)
    missing = tuple(
        _missing_label(p) for p in participants if p.user_id not in exempt and p.involved_id not in named
    )
    return Sharing(consent_given=consent_given, missing=missing)


def _missing_label(participant: Participant) -> str:
    """Professionals by name; the family by its role only (a parent's name says whose case it is)."""
    if participant.category in NON_PROFESSIONAL_CATEGORIES:
        return str(participant.get_category_display())
    return participant.name


def sharing_fingerprint(beraad: Beraad) -> str:
    """A digest of everything the sharing decision and the pack's own text depend on.

    A stored PDF is served only while this is unchanged: any change to a consent of the case (its
    withdrawal, scope, the people it names, even its deletion), to the participants or to the
    beraad itself makes the old file unservable until it is generated again.
    """
    consents = Consent.objects.filter(case_id=beraad.case_id).order_by("pk")
    named = Consent.shared_with.through.objects.filter(consent__case_id=beraad.case_id)
    participants = Participant.objects.filter(beraad_id=beraad.pk).order_by("pk")
    state = {
        "beraad": [beraad.pk, beraad.version, _stamp(beraad.updated_at)],
        "consents": [[c.pk, c.version, c.scope, str(c.withdrawn_on), _stamp(c.updated_at)] for c in consents],
        "named": sorted(named.values_list("consent_id", "involved_id")),
        "participants": [
            list(row)
            for row in participants.values_list(
                "pk", "version", "involved_id", "user_id", "is_gespreksleider", "is_notulist"
            )
        ],
    }
    return hashlib.sha256(json.dumps(state, default=str).encode()).hexdigest()


def _stamp(moment: datetime) -> str:
    return moment.isoformat()


# --- the pack -------------------------------------------------------------------------------------


def _preparation_notes(case: Case) -> tuple[PreparationNote, ...]:
    items = {
        item.kind: item for item in PreparationItem.objects.filter(case=case, kind__in=PACK_PREPARATION_KINDS)
    }
    return tuple(
        PreparationNote(
            title=str(PreparationKind(kind).label),
            status=items[kind].get_status_display() if kind in items else "",
            note=items[kind].note if kind in items else "",
        )
        for kind in PACK_PREPARATION_KINDS
    )


def _timeline(case: Case) -> tuple[TimelineRow, ...]:
    entries: Iterable[TimelineEntry] = TimelineEntry.objects.filter(case=case).order_by("occurred_on", "id")
    return tuple(
        TimelineRow(
            occurred_on=entry.occurred_on,
            entry_type=entry.get_entry_type_display(),
            description=entry.description,
            result=entry.result,
        )
        for entry in entries
    )


def _case_information(case: Case) -> CaseInformation:
    return CaseInformation(
        youth_name=case.full_name,
        preparation=_preparation_notes(case),
        timeline=_timeline(case),
        youth_wishes=case.youth_wishes,
        youth_ideas=case.youth_ideas,
    )


def _participant(participant: Participant, *, sharing: bool) -> PackParticipant:
    """A parent's, youth's or relative's name says whose case this is: shared only with consent."""
    family = participant.category in NON_PROFESSIONAL_CATEGORIES
    return PackParticipant(
        name=participant.name if sharing or not family else "",
        category=participant.get_category_display(),
        organisation=participant.organisation_name,
        is_gespreksleider=participant.is_gespreksleider,
        is_notulist=participant.is_notulist,
    )


def build_pack(beraad: Beraad) -> Pack:
    """The pack as it is now; consent is checked at this moment, not when the beraad was planned."""
    participants = list(Participant.objects.filter(beraad_id=beraad.pk))
    case = beraad.case
    sharing = sharing_for(case, participants)
    questions = Questions(
        method_other_steps=beraad.method_other_steps,
        ethical_question=beraad.ethical_question,
        concrete_example=beraad.concrete_example,
        central_question=beraad.central_question,
    )
    return Pack(
        beraad_id=beraad.pk,
        case_reference=case.reference,
        sequence_number=beraad.sequence_number,
        planned_sessions=beraad.planned_sessions,
        starts_at=beraad.starts_at,
        duration_minutes=beraad.duration_minutes,
        location=beraad.place_text if sharing.allowed else public_location(beraad),
        online_link=beraad.online_link,
        method=beraad.get_method_display(),
        participants=tuple(_participant(p, sharing=sharing.allowed) for p in participants),
        sharing=sharing,
        questions=questions if sharing.allowed else None,
        case=_case_information(case) if sharing.allowed else None,
    )
