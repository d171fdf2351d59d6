from django.db import connection
from django.test import Client
from django.urls import reverse

import pyotp
import pytest

from tests.conftest import sign_in
from tests.factories import TEST_PASSWORD, TEST_TOTP_SECRET, user_with_role
from wio.accounts.constants import Role
from wio.audit.constants import Result
from wio.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def _login(client: Client, email: str, password: str = TEST_PASSWORD, code: str = "") -> None:
    client.post(reverse("account_login"), {"login": email, "password": password})
    if code:
        client.post(reverse("mfa_authenticate"), {"code": code})


def test_login_and_logout_are_recorded_with_role_organisation_and_address(client: Client) -> None:
    user = user_with_role(Role.LPA)
    _login(client, user.email, code=pyotp.TOTP(TEST_TOTP_SECRET).now())
    client.post(reverse("account_logout"))

    login = AuditEvent.objects.get(event_type="auth.login")
    assert login.actor == user
    assert login.actor_role == Role.LPA
    assert login.actor_organisation == user.memberships.get().organisation
    assert login.source_ip == "127.0.0.1"
    assert login.action == "E"
    assert login.detail == {"factors": "password+totp"}
    assert login.result == Result.OK
    assert AuditEvent.objects.filter(event_type="auth.logout", actor=user).count() == 1


def test_failed_login_is_recorded_without_the_password(client: Client) -> None:
    user = user_with_role(Role.LPA)
    _login(client, user.email, password="Zeker-Niet-Het-Juiste-Wachtwoord")

    failed = AuditEvent.objects.get(event_type="auth.login_failed")
    assert failed.actor == user
    assert failed.result == Result.FAILED
    assert "Zeker-Niet" not in str(failed.detail)


def test_failed_second_factor_is_recorded(client: Client) -> None:
    user = user_with_role(Role.LPA)
    _login(client, user.email, code="000000")

    assert AuditEvent.objects.filter(event_type="auth.mfa_failed", actor=user).count() == 1


def test_forbidden_request_is_recorded_as_denied(client: Client) -> None:
    user = user_with_role(Role.LPA)
    sign_in(client, user)

    assert client.get(reverse("audit:event_list")).status_code == 403

    denied = AuditEvent.objects.get(event_type="http.forbidden")
    assert denied.result == Result.DENIED
    assert denied.actor == user
    assert denied.detail["path"] == reverse("audit:event_list")


def test_no_secret_ever_reaches_the_trail(client: Client) -> None:
    """LOG-3: password, session key, TOTP secret and codes appear nowhere in the audit table."""
    user = user_with_role(Role.LPA)
    code = pyotp.TOTP(TEST_TOTP_SECRET).now()
    _login(client, user.email, password="wrong-" + TEST_PASSWORD)
    _login(client, user.email, code=code)
    client.get(reverse("portal:start"))
    session_key = str(client.session.session_key)

    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM audit_auditevent")
        dump = repr(cursor.fetchall())

    for secret in (TEST_PASSWORD, TEST_TOTP_SECRET, session_key, code):
        assert secret not in dump
