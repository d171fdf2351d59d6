"""Who may do what with a Moreel Beraad. Pure predicates; memberships are memoised per request."""

from typing import TypeAlias

from django.contrib.auth.models import AnonymousUser
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.expressions import Combinable

from cases.models import Case
from cases.permissions import GEMEENTE_ROLES, gemeente_ids, swv_ids
from wio.accounts.constants import Role
from wio.accounts.models import Membership, User
from wio.accounts.selectors import roles_of

from .models import Beraad, MeetingPlace, Participant

AnyUser = User | AnonymousUser

BERAAD_ROLES = frozenset({Role.LPA, Role.ONDERSTEUNER, Role.SWV_COORDINATOR, Role.PROJECT_STAFF})


def can_use_beraden(user: AnyUser) -> bool:
    return bool(roles_of(user) & BERAAD_ROLES)


def can_plan_beraad(user: AnyUser, case: Case) -> bool:
    """The coordinator of the case's SWV prepares and schedules the beraad."""
    return case.swv_id in swv_ids(user)


def can_manage_beraad(user: AnyUser, beraad: Beraad) -> bool:
    return beraad.case.swv_id in swv_ids(user)


def sees_every_beraad_of(user: AnyUser, case: Case) -> bool:
    """The case's municipality and partnership see all its beraden (the first rule of
    `beraden_visible_to`); others only those they lead or minute."""
    return case.gemeente_id in gemeente_ids(user) or case.swv_id in swv_ids(user)


# --- who may be linked to a beraad as a WIO user ---------------------------------------------------
#
# One rule, used by the participant form (its choices), the participant services (their check), the
# selector `beraden_visible_to` and the predicates below (what a participation opens): an active user
# who is an officer of the case's municipality, a coordinator of the case's partnership, or project
# staff. Anyone else stays a participant without a login, however the row came to link them.

IdExpression: TypeAlias = int | Combinable | None


def linkable_membership_q(*, gemeente_id: IdExpression, swv_id: IdExpression) -> Q:
    """Memberships that let their (active) user be linked to a beraad of this municipality and SWV.

    The ids may be values (one case) or expressions such as `OuterRef(...)` (one per row).
    """
    return Q(user__is_active=True, user__api_client__isnull=True) & (
        Q(role__in=GEMEENTE_ROLES, organisation_id=gemeente_id)
        | Q(role=Role.SWV_COORDINATOR, organisation_id=swv_id)
        | Q(role=Role.PROJECT_STAFF)
    )


def linkable_users(case: Case) -> QuerySet[User]:
    """The WIO users who may take part in a beraad of `case` as themselves."""
    in_scope = Membership.objects.filter(user_id=OuterRef("pk")).filter(
        linkable_membership_q(gemeente_id=case.gemeente_id, swv_id=case.swv_id)
    )
    return User.objects.filter(Exists(in_scope))


def linkable_participations(user_id: int) -> QuerySet[Participant]:
    """This user's participations in beraden they may be linked to (the rule above, per beraad)."""
    in_scope = Membership.objects.filter(user_id=OuterRef("user_id")).filter(
        linkable_membership_q(
            gemeente_id=OuterRef("beraad__case__gemeente_id"), swv_id=OuterRef("beraad__case__swv_id")
        )
    )
    return Participant.objects.filter(user_id=user_id).filter(Exists(in_scope))


def may_be_linked(user: AnyUser, case: Case) -> bool:
    return user.is_authenticated and linkable_users(case).filter(pk=user.pk).exists()


def is_session_lead(user: AnyUser, participants: list[Participant]) -> bool:
    """Assigned as gespreksleider or notulist of this beraad (project staff's only way in)."""
    return user.is_authenticated and any(
        p.user_id == user.pk and (p.is_gespreksleider or p.is_notulist) for p in participants
    )


def _leads_in_scope(user: AnyUser, beraad: Beraad, participants: list[Participant]) -> bool:
    return is_session_lead(user, participants) and may_be_linked(user, beraad.case)


def can_record_beraad(user: AnyUser, beraad: Beraad, participants: list[Participant]) -> bool:
    """Recording the steps, minutes and outcome: the coordinator, the gespreksleider, the notulist."""
    return can_manage_beraad(user, beraad) or _leads_in_scope(user, beraad, participants)


def can_view_beraad(user: AnyUser, beraad: Beraad, participants: list[Participant]) -> bool:
    return (
        beraad.case.gemeente_id in gemeente_ids(user)
        or beraad.case.swv_id in swv_ids(user)
        or _leads_in_scope(user, beraad, participants)
    )


# --- the partnership's meeting places ----------------------------------------------------------------


def can_manage_meeting_places(user: AnyUser) -> bool:
    """The coordinator of a partnership keeps its list of meeting places (function level)."""
    return bool(swv_ids(user))


def can_manage_meeting_place(user: AnyUser, place: MeetingPlace) -> bool:
    return place.swv_id in swv_ids(user)
