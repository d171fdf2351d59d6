"""The role × URL matrix (AC-1, AC-4, AUTH-1): every URL pattern has an expectation per role.

A new URL without an entry in EXPECTATIONS (or a rule below) fails `test_every_url_has_an_expectation`.
Outcomes: anonymous users go to the login, users without a second factor go to enrolment, a role
that may not use a function gets 403, an object outside the user's scope 404.
"""

from collections.abc import Callable
from typing import Any

from django.test import Client
from django.urls import reverse

import pytest

from tests.api.support import make_api_client
from tests.conftest import sign_in
from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    OrganisationSignOnFactory,
    SocialAccountFactory,
    SocialAppFactory,
    UserFactory,
    user_with_role,
)
from tests.matrix.expect import (
    ALL_SUBJECTS,
    ANONYMOUS,
    ENROL,
    FORBIDDEN,
    LOGIN,
    NOT_FOUND,
    OK,
    PUBLIC,
    REDIRECT,
    SIGNED_IN,
    UNENROLLED,
    Expect,
    only,
)
from tests.matrix.expectations import collected_expectations
from tests.matrix.urls import Route, all_routes
from wio.accounts.constants import Role
from wio.accounts.models import MembershipRequest, PartnershipException

# allauth pages meant for a signed-out visitor send signed-in users on to the start page.
ENTRANCE = Expect(anonymous=OK, unenrolled=ENROL, every_role=REDIRECT)

EXPECTATIONS: dict[str, Expect] = {
    "security_txt": PUBLIC,
    "portal:accessibility": PUBLIC,
    "portal:start": SIGNED_IN,
    "audit:event_list": Expect(LOGIN, ENROL, roles=only(Role.PRIVACY_OFFICER)),
    "audit:event_export": Expect(LOGIN, ENROL, roles=only(Role.PRIVACY_OFFICER)),
    "account_login": ENTRANCE,
    "account_signup": Expect(anonymous=OK, unenrolled=ENROL, every_role=REDIRECT),
    "account_logout": Expect(anonymous=LOGIN, unenrolled=OK),
    "account_inactive": Expect(anonymous=OK, unenrolled=ENROL),
    "account_reauthenticate": Expect(anonymous=LOGIN, unenrolled=OK),
    # Reauthentication by an e-mailed code is switched off (ACCOUNT_REAUTHENTICATION_METHODS).
    "account_request_reauthentication_code": Expect(anonymous=LOGIN, unenrolled=ENROL, every_role=FORBIDDEN),
    "account_confirm_reauthentication_code": Expect(anonymous=LOGIN, unenrolled=ENROL, every_role=FORBIDDEN),
    "/account/email/": Expect(anonymous=NOT_FOUND, unenrolled=ENROL, every_role=NOT_FOUND),
    "account_email": Expect(anonymous=NOT_FOUND, unenrolled=ENROL, every_role=NOT_FOUND),
    "account_email_verification_sent": Expect(anonymous=OK, unenrolled=ENROL),
    "account_change_password": SIGNED_IN,
    "account_set_password": Expect(anonymous=LOGIN, unenrolled=ENROL, every_role=REDIRECT),
    "account_reset_password": Expect(anonymous=OK, unenrolled=ENROL),
    "account_reset_password_done": Expect(anonymous=OK, unenrolled=ENROL),
    "account_reset_password_from_key": Expect(
        anonymous=OK, unenrolled=ENROL, every_role=OK, path=lambda: "/account/password/reset/key/1-x/"
    ),
    "account_reset_password_from_key_done": Expect(anonymous=OK, unenrolled=ENROL),
    "account_confirm_login_code": Expect(anonymous=LOGIN, unenrolled=ENROL, every_role=REDIRECT),
    "account_confirm_email": Expect(
        anonymous=OK, unenrolled=ENROL, path=lambda: "/account/confirm-email/no-such-key/"
    ),
    "mfa_index": SIGNED_IN,
    "mfa_authenticate": Expect(anonymous=LOGIN, unenrolled=ENROL, every_role=REDIRECT),
    "mfa_reauthenticate": Expect(anonymous=LOGIN, unenrolled=ENROL),
    "mfa_activate_totp": Expect(anonymous=LOGIN, unenrolled=REDIRECT, every_role=REDIRECT),
    "mfa_deactivate_totp": Expect(anonymous=LOGIN, unenrolled=ENROL, every_role=REDIRECT),
    # Recovery codes are shown only after confirming the password again (AUTH-6).
    "mfa_view_recovery_codes": Expect(anonymous=LOGIN, unenrolled=ENROL, every_role=REDIRECT),
    "mfa_generate_recovery_codes": Expect(anonymous=LOGIN, unenrolled=ENROL, every_role=REDIRECT),
    "mfa_download_recovery_codes": Expect(anonymous=LOGIN, unenrolled=ENROL, every_role=REDIRECT),
}

ADMIN_ONLY = only(Role.FUNCTIONAL_ADMIN)
ADMIN_EXPECTATIONS: dict[str, Expect] = {
    "admin:index": Expect(LOGIN, ENROL, roles=ADMIN_ONLY),
    "admin:jsi18n": Expect(LOGIN, ENROL, roles=ADMIN_ONLY),
    "admin:login": Expect(anonymous=LOGIN, unenrolled=ENROL, every_role=FORBIDDEN),
    "admin:logout": Expect(
        anonymous=REDIRECT, unenrolled=ENROL, roles={**ADMIN_ONLY, Role.FUNCTIONAL_ADMIN: "405"}
    ),
    "admin:password_change": Expect(LOGIN, ENROL, roles={**ADMIN_ONLY, Role.FUNCTIONAL_ADMIN: REDIRECT}),
    "admin:password_change_done": Expect(LOGIN, ENROL, roles=ADMIN_ONLY),
    "admin:view_on_site": Expect(
        LOGIN,
        ENROL,
        roles={**ADMIN_ONLY, Role.FUNCTIONAL_ADMIN: NOT_FOUND},
        path=lambda: "/beheer/r/999999/1/",
    ),
    "admin:autocomplete": Expect(LOGIN, ENROL, roles={**ADMIN_ONLY, Role.FUNCTIONAL_ADMIN: FORBIDDEN}),
    "admin:app_list": Expect(LOGIN, ENROL, roles=ADMIN_ONLY, path=lambda: "/beheer/accounts/"),
    # Role requests are the record of who asked and who decided: never deleted (ADR 0012).
    "admin:accounts_membershiprequest_delete": Expect(
        LOGIN,
        ENROL,
        roles={**ADMIN_ONLY, Role.FUNCTIONAL_ADMIN: FORBIDDEN},
        path=lambda: f"/beheer/accounts/membershiprequest/{_membership_request().pk}/delete/",
    ),
    # API clients are revoked, never deleted: what they did stays attributable.
    "admin:api_apiclient_delete": Expect(
        LOGIN,
        ENROL,
        roles={**ADMIN_ONLY, Role.FUNCTIONAL_ADMIN: FORBIDDEN},
        path=lambda: (
            f"/beheer/api/apiclient/{make_api_client(OrganisationFactory(), approved=False)[0].pk}/delete/"
        ),
    ),
    # Nobody sets another person's password: a new invitation link instead (issue 14 item 9).
    "admin:auth_user_password_change": Expect(
        LOGIN,
        ENROL,
        roles={**ADMIN_ONLY, Role.FUNCTIONAL_ADMIN: FORBIDDEN},
        path=lambda: f"/beheer/accounts/user/{UserFactory().pk}/password/",
    ),
    "/beheer/(?P<url>.*)$": Expect(
        LOGIN,
        ENROL,
        roles={**ADMIN_ONLY, Role.FUNCTIONAL_ADMIN: NOT_FOUND},
        path=lambda: "/beheer/no-such-page/",
    ),
}


def _membership_request() -> MembershipRequest:
    return MembershipRequest.objects.create(
        user=UserFactory(),
        organisation=OrganisationFactory(),
        role=Role.LPA,
        reason="Nieuwe collega",
        requested_by=UserFactory(),
    )


# Objects the admin's object URLs are exercised on.
ADMIN_OBJECT_FACTORIES: dict[str, Callable[[], Any]] = {
    "accounts.user": lambda: UserFactory(),
    "accounts.organisation": lambda: OrganisationFactory(),
    "accounts.region": lambda: OrganisationFactory().region,
    "accounts.phase": lambda: OrganisationFactory().region.phase_joined,
    "accounts.membership": lambda: MembershipFactory(),
    "accounts.membershiprequest": _membership_request,
    "api.apiclient": lambda: make_api_client(OrganisationFactory(), approved=False)[0],
    "accounts.partnershipexception": lambda: PartnershipException.objects.create(
        gemeente=OrganisationFactory(), swv=OrganisationFactory(swv=True)
    ),
    "accounts.organisationsignon": lambda: OrganisationSignOnFactory(),
    "socialaccount.socialapp": lambda: SocialAppFactory(),
    "socialaccount.socialaccount": lambda: SocialAccountFactory(),
}


def _admin_expectation(route: Route) -> Expect | None:
    if route.key in ADMIN_EXPECTATIONS:
        return ADMIN_EXPECTATIONS[route.key]
    if route.route.startswith("/beheer/accounts/user/<id>/password/"):
        return Expect(
            LOGIN, ENROL, roles=ADMIN_ONLY, path=lambda: f"/beheer/accounts/user/{UserFactory().pk}/password/"
        )
    if route.model_admin is None:
        return None
    label = route.model_admin.model._meta.label_lower
    if "<path:object_id>" not in route.route:
        return Expect(LOGIN, ENROL, roles=ADMIN_ONLY)
    if route.key.startswith("/"):  # the unnamed "<id>/" pattern redirects to the change page
        return Expect(
            LOGIN,
            ENROL,
            roles={**ADMIN_ONLY, Role.FUNCTIONAL_ADMIN: REDIRECT},
            path=lambda: route.route.replace("<path:object_id>", str(ADMIN_OBJECT_FACTORIES[label]().pk)),
        )
    return Expect(
        LOGIN,
        ENROL,
        roles=ADMIN_ONLY,
        path=lambda: route.route.replace("<path:object_id>", str(ADMIN_OBJECT_FACTORIES[label]().pk)),
    )


EXPECTATIONS.update(collected_expectations())


def expectation_for(route: Route) -> Expect | None:
    if route.key in EXPECTATIONS:
        return EXPECTATIONS[route.key]
    if route.route.startswith("/beheer/"):
        return _admin_expectation(route)
    return None


def test_every_url_has_an_expectation() -> None:
    missing = [route.key for route in all_routes() if expectation_for(route) is None]
    assert missing == [], f"URL patterns without a role × URL expectation: {missing}"


def _client_for(subject: str) -> Client:
    client = Client()
    if subject == ANONYMOUS:
        return client
    if subject == UNENROLLED:
        client.force_login(UserFactory(totp=False))
        return client
    return sign_in(client, user_with_role(subject))


def _outcome(response: Any) -> str:
    if response.status_code != 302:
        return str(response.status_code)
    location = response["Location"]
    if location.startswith((reverse("account_login"), reverse("admin:login"))):
        return LOGIN
    if location == reverse("mfa_activate_totp"):
        return ENROL
    return REDIRECT


def _cases() -> list[Any]:
    cases = []
    for route in all_routes():
        expect = expectation_for(route)
        if expect is None:
            continue
        for subject in ALL_SUBJECTS:
            cases.append(pytest.param(route, expect, subject, id=f"{route.key}-{subject}"))
    return cases


@pytest.mark.django_db
@pytest.mark.parametrize(("route", "expect", "subject"), _cases())
def test_role_url_matrix(route: Route, expect: Expect, subject: str) -> None:
    # given
    client = _client_for(subject)
    path = expect.path() if expect.path else route.route
    # when
    response = client.post(path) if expect.method == "POST" else client.get(path)
    # then
    outcome = _outcome(response)
    assert outcome == expect.outcome_for(subject), f"{expect.method} {path} as {subject}"
