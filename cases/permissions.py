"""Pure predicates about what a user may do with a case; memberships are memoised per request."""

from datetime import date

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from wio.accounts.constants import Role
from wio.accounts.models import User
from wio.accounts.selectors import organisation_ids_for, roles_of

from .constants import ApproverRole, HandoverStatus, Status
from .models import Case, CaseHandover
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


def lpa_gemeente_ids(user: AnyUser) -> frozenset[int]:
    return organisation_ids_for(user, Role.LPA)


_PENDING_HANDOVER_ATTRIBUTE = "_wio_pending_handover"
# The dossier reads the id of a pending handover with the case (selectors._dossier_queryset); when
# it is None, as it nearly always is, there is nothing more to ask the database.
PENDING_HANDOVER_ID_ANNOTATION = "pending_handover_id"


def pending_handover(case: Case) -> CaseHandover | None:
    """The handover awaiting the receiving LPA (at most one), memoised on the case object."""
    if not hasattr(case, _PENDING_HANDOVER_ATTRIBUTE):
        if getattr(case, PENDING_HANDOVER_ID_ANNOTATION, 0) is None:
            setattr(case, _PENDING_HANDOVER_ATTRIBUTE, None)
            return None
        pending = (
            CaseHandover.objects.select_related("from_gemeente", "to_gemeente")
            .filter(case_id=case.pk, status=HandoverStatus.PENDING)
            .first()
        )
        setattr(case, _PENDING_HANDOVER_ATTRIBUTE, pending)
    found: CaseHandover | None = getattr(case, _PENDING_HANDOVER_ATTRIBUTE)
    return found


def forget_pending_handover(case: Case) -> None:
    """After a handover changed state, the next question asks the database again."""
    for attribute in (_PENDING_HANDOVER_ATTRIBUTE, PENDING_HANDOVER_ID_ANNOTATION):
        if hasattr(case, attribute):
            delattr(case, attribute)


def can_view_case(user: AnyUser, case: Case) -> bool:
    """Its municipality's officers and its partnership's coordinator; during a handover also the
    receiving municipality's attendance officers, who read it before they accept (ADR 0015)."""
    if case.gemeente_id in gemeente_ids(user) or case.swv_id in swv_ids(user):
        return True
    handover = pending_handover(case)
    return handover is not None and handover.to_gemeente_id in lpa_gemeente_ids(user)


def can_create_case(user: AnyUser) -> bool:
    return bool(gemeente_ids(user))


def can_create_case_in(user: AnyUser, gemeente_id: int) -> bool:
    return gemeente_id in gemeente_ids(user)


def can_edit_case(user: AnyUser, case: Case) -> bool:
    """The municipality's officers and the partnership's coordinator work on the dossier together;
    nobody edits a case that awaits acceptance by another municipality (both sides only read)."""
    in_scope = case.gemeente_id in gemeente_ids(user) or case.swv_id in swv_ids(user)
    return in_scope and pending_handover(case) is None


def can_change_status(user: AnyUser, case: Case, to_status: str) -> bool:
    if to_status == Status.AFGESLOTEN:
        return can_close_case(user, case)
    return can_edit_case(user, case)


def can_close_case(user: AnyUser, case: Case) -> bool:
    """Closing is for the attendance officer, not the support officer (DESIGN.md §1)."""
    return case.gemeente_id in lpa_gemeente_ids(user) and pending_handover(case) is None


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
    """Also during a handover: a withdrawal takes effect at once, whoever holds the file (ADR 0015)."""
    return case.gemeente_id in lpa_gemeente_ids(user) or case.swv_id in swv_ids(user)


def can_import_cases(user: AnyUser) -> bool:
    return can_create_case(user)


# --- handover to another municipality (a youth moves) ----------------------------------------------


def can_hand_over(user: AnyUser, case: Case) -> bool:
    """The attendance officer of the case's municipality, while no handover is pending."""
    return case.gemeente_id in lpa_gemeente_ids(user) and pending_handover(case) is None


def can_decide_handover(user: AnyUser, handover: CaseHandover) -> bool:
    """Accept or decline: the attendance officer of the receiving municipality."""
    return handover.status == HandoverStatus.PENDING and handover.to_gemeente_id in lpa_gemeente_ids(user)


def can_cancel_handover(user: AnyUser, handover: CaseHandover) -> bool:
    """Withdraw the offer: the attendance officer of the sending municipality."""
    return handover.status == HandoverStatus.PENDING and handover.from_gemeente_id in lpa_gemeente_ids(user)


def can_see_handovers(user: AnyUser) -> bool:
    return bool(lpa_gemeente_ids(user))


# --- subject access (AVG art. 15) ------------------------------------------------------------------


def can_request_subject_access(user: AnyUser) -> bool:
    """The privacy officer answers a data subject's request for the whole platform."""
    return bool(organisation_ids_for(user, Role.PRIVACY_OFFICER))
