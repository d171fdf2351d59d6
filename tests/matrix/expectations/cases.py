"""Case URLs: officers and coordinators get 404 on a case outside their municipality or partnership;
roles that do not work with cases get 403 on every case URL (no case data for them)."""

from collections.abc import Callable

from django.urls import reverse

from tests.cases.factories import (
    ActionItemFactory,
    CaseFactory,
    ConsentFactory,
    KnelpuntFactory,
    TimelineEntryFactory,
)
from tests.matrix.expect import ENROL, FORBIDDEN, LOGIN, NOT_FOUND, OK, Expect
from wio.accounts.constants import Role

CASE_WORKERS = (Role.LPA, Role.ONDERSTEUNER, Role.SWV_COORDINATOR)
CASE_CREATORS = (Role.LPA, Role.ONDERSTEUNER)


def _function(allowed: tuple[str, ...]) -> Expect:
    """A page without an object: allowed roles get 200, others 403."""
    return Expect(LOGIN, ENROL, roles=dict.fromkeys(allowed, OK), every_role=FORBIDDEN)


def _foreign(path: Callable[[], str], method: str = "GET") -> Expect:
    """An object URL on a case of another municipality and partnership."""
    return Expect(
        LOGIN,
        ENROL,
        roles=dict.fromkeys(CASE_WORKERS, NOT_FOUND),
        every_role=FORBIDDEN,
        path=path,
        method=method,
    )


def _case_url(name: str, *extra: object) -> Callable[[], str]:
    return lambda: reverse(name, args=[CaseFactory().pk, *extra])


def _entry_url(name: str) -> Callable[[], str]:
    def path() -> str:
        entry = TimelineEntryFactory()
        return reverse(name, args=[entry.case_id, "tijdlijn", entry.pk])

    return path


def _preparation_url() -> str:
    case = CaseFactory()
    return reverse("cases:preparation_edit", args=[case.pk, case.preparation_items.first().pk])


def _consent_url() -> str:
    consent = ConsentFactory()
    return reverse("cases:consent_withdraw", args=[consent.case_id, consent.pk])


def _knelpunt_url() -> str:
    case = CaseFactory()
    knelpunt = KnelpuntFactory(cases=[case])
    return reverse("cases:knelpunt_status", args=[case.pk, knelpunt.pk])


def _action_url() -> str:
    action = ActionItemFactory()
    return reverse("cases:action_done", args=[action.case_id, action.pk])


EXPECTATIONS: dict[str, Expect] = {
    "cases:list": _function(CASE_WORKERS),
    "cases:create": _function(CASE_CREATORS),
    "cases:detail": _foreign(_case_url("cases:detail")),
    "cases:edit": _foreign(_case_url("cases:edit")),
    "cases:print": _foreign(_case_url("cases:print")),
    "cases:delete": _foreign(_case_url("cases:delete")),
    "cases:status": _foreign(_case_url("cases:status"), method="POST"),
    "cases:group_edit": _foreign(_case_url("cases:group_edit", "regie")),
    "cases:preparation_edit": _foreign(_preparation_url),
    "cases:consent_withdraw": _foreign(_consent_url),
    "cases:knelpunt_add": _foreign(_case_url("cases:knelpunt_add")),
    "cases:knelpunt_status": _foreign(_knelpunt_url, method="POST"),
    "cases:action_done": _foreign(_action_url, method="POST"),
    "cases:section_rows": _foreign(_case_url("cases:section_rows", "tijdlijn")),
    "cases:entry_add": _foreign(_case_url("cases:entry_add", "tijdlijn")),
    "cases:entry_edit": _foreign(_entry_url("cases:entry_edit")),
    "cases:entry_delete": _foreign(_entry_url("cases:entry_delete")),
}
