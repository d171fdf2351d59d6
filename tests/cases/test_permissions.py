"""What each role may do with a case: the truth table of cases/permissions.py (DESIGN.md §1)."""

from collections.abc import Callable

from django.contrib.auth.models import AnonymousUser

import pytest

from cases import permissions
from cases.constants import Status
from cases.models import Case
from tests.cases.core_support import member_of
from tests.cases.factories import CaseFactory
from tests.factories import MembershipFactory, OrganisationFactory, user_with_role
from wio.accounts.constants import Role
from wio.accounts.models import User

pytestmark = pytest.mark.django_db

CasePredicate = Callable[[User, Case], bool]
PREDICATES: dict[str, CasePredicate] = {
    "view": permissions.can_view_case,
    "edit": permissions.can_edit_case,
    "close": permissions.can_close_case,
    "delete": permissions.can_delete_case,
    "withdraw_consent": permissions.can_withdraw_consent,
}
#               view   edit   close  delete withdraw_consent
CASE_TRUTH_TABLE: dict[str, tuple[bool, ...]] = {
    Role.LPA: (True, True, True, True, True),
    Role.ONDERSTEUNER: (True, True, False, False, False),
    Role.SWV_COORDINATOR: (True, True, False, False, True),
    Role.PROJECT_STAFF: (False, False, False, False, False),
    Role.MINISTRY: (False, False, False, False, False),
    Role.PRIVACY_OFFICER: (False, False, False, False, False),
    Role.FUNCTIONAL_ADMIN: (False, False, False, False, False),
}
CAN_CREATE: dict[str, bool] = {
    Role.LPA: True,
    Role.ONDERSTEUNER: True,
    Role.SWV_COORDINATOR: False,
    Role.PROJECT_STAFF: False,
    Role.MINISTRY: False,
    Role.PRIVACY_OFFICER: False,
    Role.FUNCTIONAL_ADMIN: False,
}
# Where each role sits relative to the case: in its gemeente, its SWV, or its own organisation.
HOME: dict[str, str] = {Role.LPA: "gemeente", Role.ONDERSTEUNER: "gemeente", Role.SWV_COORDINATOR: "swv"}


def _user_near(case: Case, role: str) -> User:
    """A user holding `role` as close to the case as that role can be."""
    organisations = {"gemeente": case.gemeente, "swv": case.swv}
    home = HOME.get(role)
    return member_of(organisations[home], role) if home else user_with_role(role)


def _answers(user: User | AnonymousUser, case: Case) -> tuple[bool, ...]:
    return tuple(predicate(user, case) for predicate in PREDICATES.values())


@pytest.mark.parametrize("role", list(CASE_TRUTH_TABLE))
def test_the_case_truth_table_per_role(role: str) -> None:
    case = CaseFactory()

    assert _answers(_user_near(case, role), case) == CASE_TRUTH_TABLE[role]


@pytest.mark.parametrize("role", list(CAN_CREATE))
def test_who_may_register_cases(role: str) -> None:
    case = CaseFactory()
    user = _user_near(case, role)

    assert (permissions.can_create_case(user), permissions.can_import_cases(user)) == (
        CAN_CREATE[role],
        CAN_CREATE[role],
    )
    assert permissions.can_use_cases(user) == (role in HOME)


@pytest.mark.parametrize("role", [Role.LPA, Role.ONDERSTEUNER, Role.SWV_COORDINATOR])
def test_case_workers_of_another_gemeente_or_swv_may_do_nothing_with_the_case(role: str) -> None:
    case = CaseFactory()
    elsewhere = OrganisationFactory(swv=role == Role.SWV_COORDINATOR)

    assert _answers(member_of(elsewhere, role), case) == (False,) * len(PREDICATES)


@pytest.mark.parametrize("role", [Role.PRIVACY_OFFICER, Role.FUNCTIONAL_ADMIN])
def test_a_non_case_role_held_in_the_gemeente_itself_gives_no_case_rights(role: str) -> None:
    case = CaseFactory()
    user = member_of(case.gemeente, role)

    assert _answers(user, case) == (False,) * len(PREDICATES)
    assert not permissions.can_create_case(user)


def test_anonymous_and_inactive_users_may_do_nothing() -> None:
    case = CaseFactory()
    inactive = member_of(case.gemeente, Role.LPA)
    inactive.is_active = False
    inactive.save()

    assert _answers(AnonymousUser(), case) == (False,) * len(PREDICATES)
    assert _answers(inactive, case) == (False,) * len(PREDICATES)
    assert not permissions.can_create_case(AnonymousUser())


def test_an_ondersteuner_who_is_also_lpa_elsewhere_may_not_close_here() -> None:
    # Given a support officer here who is the attendance officer of another gemeente
    case = CaseFactory()
    user = member_of(case.gemeente, Role.ONDERSTEUNER)
    MembershipFactory(user=user, organisation=OrganisationFactory(), role=Role.LPA)

    # Then the LPA role elsewhere gives no right to close or withdraw consent here
    assert _answers(user, case) == (True, True, False, False, False)


def test_a_case_may_be_registered_only_in_the_users_own_gemeenten() -> None:
    case = CaseFactory()
    officer = member_of(case.gemeente, Role.LPA)
    coordinator = member_of(case.swv, Role.SWV_COORDINATOR)

    assert permissions.can_create_case_in(officer, case.gemeente_id)
    assert not permissions.can_create_case_in(officer, OrganisationFactory().pk)
    assert not permissions.can_create_case_in(coordinator, case.gemeente_id)


@pytest.mark.parametrize(
    ("role", "may_move_on", "may_close"),
    [
        (Role.LPA, True, True),
        (Role.ONDERSTEUNER, True, False),
        (Role.SWV_COORDINATOR, True, False),
        (Role.PROJECT_STAFF, False, False),
    ],
)
def test_closing_is_a_status_change_only_the_lpa_may_make(
    role: str, may_move_on: bool, may_close: bool
) -> None:
    case = CaseFactory()
    user = _user_near(case, role)

    assert permissions.can_change_status(user, case, Status.VOORGESTELD) == may_move_on
    assert permissions.can_change_status(user, case, Status.AFGESLOTEN) == may_close
