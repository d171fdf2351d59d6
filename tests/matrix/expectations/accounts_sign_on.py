"""Signing in through an organisation's OpenID provider (ADR 0032): the e-mail step, allauth's
provider pages, and the socialaccount pages WIO does not offer."""

from tests.matrix.expect import ENROL, LOGIN, NOT_FOUND, OK, REDIRECT, Expect

UNKNOWN_PROVIDER = "/account/oidc/no-such-provider/login/"
MOVED = Expect(anonymous="301", unenrolled=ENROL, every_role="301")
NOT_OFFERED = Expect(anonymous=NOT_FOUND, unenrolled=ENROL, every_role=NOT_FOUND)

EXPECTATIONS: dict[str, Expect] = {
    # POST-only; an empty address goes back to the login, a signed-in user on to the start page.
    "sign_on_start": Expect(anonymous=LOGIN, unenrolled=ENROL, every_role=REDIRECT, method="POST"),
    "openid_connect_login": Expect(
        anonymous=NOT_FOUND, unenrolled=ENROL, every_role=NOT_FOUND, path=lambda: UNKNOWN_PROVIDER
    ),
    "openid_connect_callback": Expect(
        anonymous=NOT_FOUND,
        unenrolled=ENROL,
        every_role=NOT_FOUND,
        path=lambda: f"{UNKNOWN_PROVIDER}callback/",
    ),
    "socialaccount_login_cancelled": Expect(anonymous=OK, unenrolled=ENROL),
    # allauth's error page answers 401 (WIO's adapter sends real errors back to the login instead).
    "socialaccount_login_error": Expect(anonymous="401", unenrolled=ENROL, every_role="401"),
    # Shadowed by wio/urls.py: no linking by the user, no signup through a provider.
    "socialaccount_connections": NOT_OFFERED,
    "/account/3rdparty/": NOT_OFFERED,
    "socialaccount_signup": NOT_OFFERED,
    "/account/3rdparty/signup/": NOT_OFFERED,
    # allauth's old addresses, permanent redirects to the ones above.
    "/account/social/login/cancelled/": MOVED,
    "/account/social/login/error/": MOVED,
    "/account/social/signup/": MOVED,
    "/account/social/connections/": MOVED,
}
