"""My work and its weekly e-mail switch: for the roles that work with cases, 403 for the rest."""

from tests.matrix.expect import ENROL, FORBIDDEN, LOGIN, OK, REDIRECT, Expect
from wio.accounts.constants import Role

CASE_WORKERS = (Role.LPA, Role.ONDERSTEUNER, Role.SWV_COORDINATOR)

EXPECTATIONS: dict[str, Expect] = {
    "cases:my_work": Expect(LOGIN, ENROL, roles=dict.fromkeys(CASE_WORKERS, OK), every_role=FORBIDDEN),
    # POST-only: saving the switch sends the case worker back to My work.
    "cases:digest_preference": Expect(
        LOGIN, ENROL, roles=dict.fromkeys(CASE_WORKERS, REDIRECT), every_role=FORBIDDEN, method="POST"
    ),
}
