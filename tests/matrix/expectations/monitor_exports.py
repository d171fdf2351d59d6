"""Monitor exports: CSV and XLSX of the aggregate tables, for project staff only (ministries read
published reports, nothing else); an unknown table is 404."""

from django.urls import reverse

from tests.matrix.expect import ENROL, LOGIN, NOT_FOUND, OK, Expect
from wio.accounts.constants import Role

STAFF_ONLY = {role: (OK if role == Role.PROJECT_STAFF else NOT_FOUND) for role in Role.values}

EXPECTATIONS: dict[str, Expect] = {
    "monitor:export_csv": Expect(
        LOGIN, ENROL, roles=STAFF_ONLY, path=lambda: reverse("monitor:export_csv", args=["core-by-region"])
    ),
    "monitor:export_xlsx": Expect(
        LOGIN, ENROL, roles=STAFF_ONLY, path=lambda: reverse("monitor:export_xlsx", args=["knelpunten"])
    ),
}
