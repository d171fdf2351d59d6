"""The API: bearer tokens of API clients only. A browser session, whatever its role and even with
its second factor, gets 401 on every data endpoint (AUTH-1); a session without a second factor is
sent to enrolment first, like everywhere else. The schema and its documentation page are for
signed-in users. Token-based access per organisation is tested in tests/api."""

from tests.matrix.expect import ENROL, Expect

UNAUTHORISED = "401"
TOKEN_ONLY = Expect(anonymous=UNAUTHORISED, unenrolled=ENROL, every_role=UNAUTHORISED)


def _case_path(tail: str = "") -> str:
    return f"/api/v1/casussen/1/{tail}"


EXPECTATIONS: dict[str, Expect] = {
    # The token endpoint takes a POST with client credentials, nothing else.
    "api:token": Expect(anonymous="405", unenrolled=ENROL, every_role="405"),
    "api:schema": Expect(anonymous=UNAUTHORISED, unenrolled=ENROL),
    "api:docs": Expect(anonymous=UNAUTHORISED, unenrolled=ENROL),
    "cases_api:list": TOKEN_ONLY,
    "cases_api:detail": Expect(UNAUTHORISED, ENROL, every_role=UNAUTHORISED, path=lambda: _case_path()),
    "cases_api:status": Expect(
        UNAUTHORISED, ENROL, every_role=UNAUTHORISED, path=lambda: _case_path("status/"), method="POST"
    ),
    **{
        f"cases_api:{section}-list": Expect(
            UNAUTHORISED, ENROL, every_role=UNAUTHORISED, path=lambda s=section: _case_path(f"{s}/")
        )
        for section in ("tijdlijn", "betrokkenen", "acties")
    },
    **{
        f"cases_api:{section}-detail": Expect(
            UNAUTHORISED, ENROL, every_role=UNAUTHORISED, path=lambda s=section: _case_path(f"{s}/1/")
        )
        for section in ("tijdlijn", "betrokkenen", "acties")
    },
    "monitor_api:editions": TOKEN_ONLY,
    "monitor_api:publication": Expect(
        UNAUTHORISED, ENROL, every_role=UNAUTHORISED, path=lambda: "/api/v1/monitor/peildata/2026-10-31/"
    ),
}
