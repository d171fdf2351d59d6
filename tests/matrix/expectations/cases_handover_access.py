"""Handovers and subject access (issue 11).

Handovers: only attendance officers have the "Over te nemen" list; a handover between two other
municipalities is a 404 for every case worker and a 403 for roles without cases. Subject access:
the privacy officer's pages; another officer's request is a 404 for a privacy officer, every other
role gets 403.
"""

from collections.abc import Callable

from django.urls import reverse

from cases.models import SubjectAccessRequest
from tests.cases.factories import CaseFactory
from tests.factories import OrganisationFactory, user_with_role
from tests.matrix.expect import ENROL, FORBIDDEN, LOGIN, NOT_FOUND, OK, Expect
from wio.accounts.constants import Role

CASE_WORKERS = (Role.LPA, Role.ONDERSTEUNER, Role.SWV_COORDINATOR)


def _foreign_handover(name: str) -> Callable[[], str]:
    def path() -> str:
        from cases.models import CaseHandover

        case = CaseFactory()
        handover = CaseHandover.objects.create(
            case=case,
            from_gemeente=case.gemeente,
            to_gemeente=OrganisationFactory(),
            requested_by=user_with_role(Role.LPA),
        )
        return reverse(name, args=[handover.pk])

    return path


def _foreign_access(name: str) -> Callable[[], str]:
    def path() -> str:
        case = CaseFactory()
        access = SubjectAccessRequest.objects.create(
            case=case, case_reference=case.reference, requested_by=user_with_role(Role.PRIVACY_OFFICER)
        )
        return reverse(name, args=[access.pk])

    return path


def _for_case_workers(path: Callable[[], str], outcome: str = NOT_FOUND) -> Expect:
    return Expect(LOGIN, ENROL, roles=dict.fromkeys(CASE_WORKERS, outcome), every_role=FORBIDDEN, path=path)


def _for_privacy_officer(outcome: str, path: Callable[[], str] | None = None) -> Expect:
    return Expect(LOGIN, ENROL, roles={Role.PRIVACY_OFFICER: outcome}, every_role=FORBIDDEN, path=path)


EXPECTATIONS: dict[str, Expect] = {
    "cases:handover_request": _for_case_workers(
        lambda: reverse("cases:handover_request", args=[CaseFactory().pk])
    ),
    "cases:handover_list": Expect(LOGIN, ENROL, roles={Role.LPA: OK}, every_role=FORBIDDEN),
    "cases:handover_decide": _for_case_workers(_foreign_handover("cases:handover_decide")),
    "cases:handover_cancel": _for_case_workers(_foreign_handover("cases:handover_cancel")),
    "cases:access_list": _for_privacy_officer(OK),
    "cases:access_detail": _for_privacy_officer(NOT_FOUND, _foreign_access("cases:access_detail")),
    "cases:access_progress": _for_privacy_officer(NOT_FOUND, _foreign_access("cases:access_progress")),
    "cases:access_download": _for_privacy_officer(NOT_FOUND, _foreign_access("cases:access_download")),
}
