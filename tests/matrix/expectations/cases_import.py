"""CSV import of cases: only the officers of a municipality (LPA, ondersteuner) may import; another
user's import answers 404 to them, and every other role gets 403 (coordinators included)."""

from collections.abc import Callable

from django.urls import reverse

from tests.cases.factories import CaseImportFactory
from tests.matrix.expect import ENROL, FORBIDDEN, LOGIN, NOT_FOUND, OK, Expect
from wio.accounts.constants import Role

IMPORTERS = (Role.LPA, Role.ONDERSTEUNER)


def _someone_elses_import(name: str) -> Callable[[], str]:
    return lambda: reverse(name, args=[CaseImportFactory().pk])


def _foreign(name: str, method: str = "GET") -> Expect:
    return Expect(
        LOGIN,
        ENROL,
        roles=dict.fromkeys(IMPORTERS, NOT_FOUND),
        every_role=FORBIDDEN,
        path=_someone_elses_import(name),
        method=method,
    )


EXPECTATIONS: dict[str, Expect] = {
    "cases:import_upload": Expect(LOGIN, ENROL, roles=dict.fromkeys(IMPORTERS, OK), every_role=FORBIDDEN),
    "cases:import_template": Expect(LOGIN, ENROL, roles=dict.fromkeys(IMPORTERS, OK), every_role=FORBIDDEN),
    "cases:import_preview": _foreign("cases:import_preview"),
    "cases:import_commit": _foreign("cases:import_commit", method="POST"),
}
