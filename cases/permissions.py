"""Pure predicates about what a user may do with a case; memberships are memoised per request."""

from django.contrib.auth.models import AnonymousUser

from wio.accounts.constants import Role
from wio.accounts.models import User
from wio.accounts.selectors import organisation_ids_for

from .constants import Status
from .models import Case

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


def can_delete_case(user: AnyUser, case: Case) -> bool:
    return can_close_case(user, case)


def can_withdraw_consent(user: AnyUser, case: Case) -> bool:
    return case.gemeente_id in organisation_ids_for(user, Role.LPA) or case.swv_id in swv_ids(user)


def can_import_cases(user: AnyUser) -> bool:
    return can_create_case(user)
