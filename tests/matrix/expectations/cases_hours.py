"""Hours URLs: the overview and project hours are for officers of a municipality (a coordinator has
none of their own and sees hours only on a case); hours of another municipality are 404."""

from django.urls import reverse

from tests.cases.factories import CaseFactory, TimeEntryFactory
from tests.matrix.expect import ENROL, FORBIDDEN, LOGIN, NOT_FOUND, OK, Expect
from wio.accounts.constants import Role

CASE_WORKERS = (Role.LPA, Role.ONDERSTEUNER, Role.SWV_COORDINATOR)
OFFICERS = (Role.LPA, Role.ONDERSTEUNER)

OFFICERS_ONLY = Expect(LOGIN, ENROL, roles=dict.fromkeys(OFFICERS, OK), every_role=FORBIDDEN)


def _case_hours_url() -> str:
    return reverse("cases:case_hours_add", args=[CaseFactory().pk])


def _entry_delete_url() -> str:
    return reverse("cases:hours_delete", args=[TimeEntryFactory().pk])


EXPECTATIONS: dict[str, Expect] = {
    "cases:hours_overview": OFFICERS_ONLY,
    "cases:hours_add": OFFICERS_ONLY,
    "cases:case_hours_add": Expect(
        LOGIN, ENROL, roles=dict.fromkeys(CASE_WORKERS, NOT_FOUND), every_role=FORBIDDEN, path=_case_hours_url
    ),
    "cases:hours_delete": Expect(
        LOGIN,
        ENROL,
        roles=dict.fromkeys(CASE_WORKERS, NOT_FOUND),
        every_role=FORBIDDEN,
        path=_entry_delete_url,
    ),
}
