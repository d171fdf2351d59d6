"""Who may do what with a Moreel Beraad. Pure predicates; memberships are memoised per request."""

from django.contrib.auth.models import AnonymousUser

from cases.models import Case
from cases.permissions import gemeente_ids, swv_ids
from wio.accounts.constants import Role
from wio.accounts.models import User
from wio.accounts.selectors import roles_of

from .models import Beraad, Participant

AnyUser = User | AnonymousUser

BERAAD_ROLES = frozenset({Role.LPA, Role.ONDERSTEUNER, Role.SWV_COORDINATOR, Role.PROJECT_STAFF})


def can_use_beraden(user: AnyUser) -> bool:
    return bool(roles_of(user) & BERAAD_ROLES)


def can_plan_beraad(user: AnyUser, case: Case) -> bool:
    """The coordinator of the case's SWV prepares and schedules the beraad."""
    return case.swv_id in swv_ids(user)


def can_manage_beraad(user: AnyUser, beraad: Beraad) -> bool:
    return beraad.case.swv_id in swv_ids(user)


def is_session_lead(user: AnyUser, participants: list[Participant]) -> bool:
    """Assigned as gespreksleider or notulist of this beraad (project staff's only way in)."""
    return user.is_authenticated and any(
        p.user_id == user.pk and (p.is_gespreksleider or p.is_notulist) for p in participants
    )


def can_record_beraad(user: AnyUser, beraad: Beraad, participants: list[Participant]) -> bool:
    """Recording the steps, minutes and outcome: the coordinator, the gespreksleider, the notulist."""
    return can_manage_beraad(user, beraad) or is_session_lead(user, participants)


def can_view_beraad(user: AnyUser, beraad: Beraad, participants: list[Participant]) -> bool:
    return (
        beraad.case.gemeente_id in gemeente_ids(user)
        or beraad.case.swv_id in swv_ids(user)
        or is_session_lead(user, participants)
    )
