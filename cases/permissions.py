"""Pure predicates about what a user may do with a case; memberships are memoised per request."""

from datetime import date

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from wio.accounts.constants import Role
from wio.accounts.models import User
from wio.accounts.selectors import organisation_ids_for, roles_of

from .constants import ApproverRole, Status
from .models import Case
from .retention import may_delete_in_error

AnyUser = User | AnonymousUser

GEMEENTE_ROLES = (Role.LPA, Role.ONDERSTEUNER)


def gemeente_ids(user: AnyUser) -> frozenset[int]:
    return organisation_ids_for(user, *GEMEENTE_ROLES)


def swv_ids(user: AnyUser) -> frozenset[int]:
    return organisation_ids_for(user, Role.SWV_COORDINATOR)


def can_use_cases(user: AnyUser) -> bool:
    """Whether the case pages exist for this user at all (function level, AC-4)."""
    return bool(gemeente_ids(user) or swv_ids(user))


def can_view_case(user: AnyUser, case: Case) -> bool:
    return case.gemeente_id in gemeente_ids(user) or case.swv_id in swv_ids(user)


def can_create_case(user: AnyUser) -> bool:
    return bool(gemeente_ids(user))


def can_create_case_in(user: AnyUser, gemeente_id: int) -> bool:
    return gemeente_id in gemeente_ids(user)


def can_edit_case(user: AnyUser, case: Case) -> bool:
    """The municipality's officers and the partnership's coordinator work on the dossier together."""
    return can_view_case(user, case)


def can_change_status(user: AnyUser, case: Case, to_status: str) -> bool:
    if to_status == Status.AFGESLOTEN:
        return can_close_case(user, case)
    return can_edit_case(user, case)


def can_close_case(user: AnyUser, case: Case) -> bool:
    """Closing is for the attendance officer, not the support officer (DESIGN.md §1)."""
    return case.gemeente_id in organisation_ids_for(user, Role.LPA)


def can_delete_case(user: AnyUser, case: Case, today: date | None = None) -> bool:
    """Only a case registered in error, by its LPA, within 30 days; anything else is closed (ADR 0014)."""
    registered_recently = may_delete_in_error(case.registered_on, today or timezone.localdate())
    return registered_recently and can_close_case(user, case)


def can_review_destruction(user: AnyUser) -> bool:
    """Destruction lists: the functional administrators and privacy officers, platform-wide."""
    return bool(roles_of(user) & set(ApproverRole.values))


def destruction_roles_of(user: AnyUser) -> list[str]:
    """The roles in which this user may approve a destruction list."""
    return [role for role in ApproverRole.values if role in roles_of(user)]


def can_withdraw_consent(user: AnyUser, case: Case) -> bool:
    return case.gemeente_id in organisation_ids_for(user, Role.LPA) or case.swv_id in swv_ids(user)


def can_import_cases(user: AnyUser) -> bool:
    return can_create_case(user)
