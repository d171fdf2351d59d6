"""The monitor dashboard: project staff only; everyone else gets 404 (a ministry user too)."""

from tests.matrix.expect import ENROL, LOGIN, NOT_FOUND, OK, Expect
from wio.accounts.constants import Role

EXPECTATIONS: dict[str, Expect] = {
    "monitor:dashboard": Expect(
        LOGIN, ENROL, roles={role: (OK if role == Role.PROJECT_STAFF else NOT_FOUND) for role in Role.values}
    ),
}
