import time
from typing import Any

from django.test import Client
from django.urls import reverse

import pyotp
import pytest
import time_machine

from tests.factories import TEST_PASSWORD, TEST_TOTP_SECRET, UserFactory, user_with_role
from wio.accounts.constants import Role
from wio.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def _password_step(client: Client, email: str, password: str = TEST_PASSWORD) -> Any:
    return client.post(reverse("account_login"), {"login": email, "password": password})


def test_password_then_totp_reaches_the_start_page(client: Client) -> None:
    # given
    user = user_with_role(Role.LPA)
    # when
    response = _password_step(client, user.email)
    # then the second factor is asked before anything else
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
    # when
    response = client.post(reverse("mfa_authenticate"), {"code": pyotp.TOTP(TEST_TOTP_SECRET).now()})
    # then
    assert response.status_code == 302
    assert client.get(reverse("portal:start")).status_code == 200


def test_a_used_totp_code_cannot_be_replayed(client: Client) -> None:
    user = user_with_role(Role.LPA)
    code = pyotp.TOTP(TEST_TOTP_SECRET).now()
    _password_step(client, user.email)
    client.post(reverse("mfa_authenticate"), {"code": code})
    client.post(reverse("account_logout"))

    _password_step(client, user.email)
    response = client.post(reverse("mfa_authenticate"), {"code": code})

    assert response.status_code == 200  # the form again, with an error
    assert "zojuist gebruikt" in response.content.decode()  # and it says why: wait for the next code
    assert client.get(reverse("portal:start")).status_code == 302


def test_the_code_field_has_focus(client: Client) -> None:
    user = user_with_role(Role.LPA)
    _password_step(client, user.email)

    html = client.get(reverse("mfa_authenticate")).content.decode()

    code_input = (
        html.split('name="code"', 1)[0].rsplit("<input", 1)[1] + html.split('name="code"', 1)[1][:300]
    )
    assert "autofocus" in code_input


def test_session_key_changes_at_login_and_old_cookie_is_dead_after_logout(client: Client) -> None:
    user = user_with_role(Role.LPA)
    client.get(reverse("account_login"))
    before = client.session.session_key
    _password_step(client, user.email)
    client.post(reverse("mfa_authenticate"), {"code": pyotp.TOTP(TEST_TOTP_SECRET).now()})
    after = client.session.session_key
    assert before != after

    client.post(reverse("account_logout"))
    replay = Client()
    cookie_name = next(iter(client.cookies.keys()))
    replay.cookies[cookie_name] = str(after)
    response = replay.get(reverse("portal:start"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_user_without_authenticator_is_sent_to_enrolment_everywhere(client: Client) -> None:
    user = UserFactory(totp=False)
    _password_step(client, user.email)

    for url in (reverse("portal:start"), reverse("admin:index"), reverse("audit:event_list")):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == reverse("mfa_activate_totp"), url
    # enrolling a factor asks for the password once more (AUTH-6)
    assert client.get(reverse("mfa_activate_totp"))["Location"].startswith(reverse("account_reauthenticate"))
    client.post(reverse("account_reauthenticate"), {"password": TEST_PASSWORD})
    assert client.get(reverse("mfa_activate_totp")).status_code == 200


@pytest.mark.django_db(transaction=True)
def test_enrolment_gives_recovery_codes_and_opens_the_app(client: Client) -> None:
    # transaction=True: allauth announces the new authenticator on commit, as in production
    user = UserFactory(totp=False, is_superuser=False)
    _password_step(client, user.email)
    client.post(reverse("account_reauthenticate"), {"password": TEST_PASSWORD})
    page = client.get(reverse("mfa_activate_totp"))
    secret = page.context["form"].secret

    response = client.post(reverse("mfa_activate_totp"), {"code": pyotp.TOTP(secret).now()}, follow=True)

    assert response.status_code == 200
    assert client.get(reverse("mfa_view_recovery_codes")).status_code == 200
    assert client.get(reverse("portal:start")).status_code == 200


def test_authenticated_session_that_skipped_the_second_factor_is_logged_out(
    client: Client,
) -> None:
    user = user_with_role(Role.LPA)
    client.force_login(user)  # password-level session, no TOTP used

    response = client.get(reverse("portal:start"))

    assert response.status_code == 302
    assert response["Location"] == reverse("account_login")
    assert "_auth_user_id" not in client.session


def test_login_is_rate_limited_per_account_even_with_spoofed_forwarded_for(
    client: Client,
) -> None:
    user = user_with_role(Role.LPA)
    for attempt in range(10):
        client.post(
            reverse("account_login"),
            {"login": user.email, "password": "wrong password here"},
            HTTP_X_FORWARDED_FOR=f"203.0.113.{attempt}",
        )

    response = _password_step(client, user.email)

    assert response.status_code in (200, 429)
    assert response.get("Location") != reverse("mfa_authenticate")
    locked = AuditEvent.objects.filter(event_type="auth.login_locked", actor=user)
    assert locked.exists()
    assert {event.result for event in locked} == {"denied"}


def test_totp_secrets_are_stored_encrypted() -> None:
    from allauth.mfa.models import Authenticator

    user = user_with_role(Role.LPA)

    stored = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP).data["secret"]

    assert TEST_TOTP_SECRET not in stored


def test_a_used_totp_code_is_refused_again_within_the_tolerance_window(client: Client) -> None:
    """allauth < 65.22.1 forgot a used code after one period, while the tolerance accepts it for three."""
    # given: the clock at the start of a TOTP period, and a code used to log in
    user = user_with_role(Role.LPA)
    period_start = int(time.time()) // 30 * 30
    with time_machine.travel(period_start, tick=False) as traveller:
        code = pyotp.TOTP(TEST_TOTP_SECRET).now()
        _password_step(client, user.email)
        assert client.post(reverse("mfa_authenticate"), {"code": code}).status_code == 302
        client.post(reverse("account_logout"))
        # when: 31 s later, in the next period, the same code is typed again
        traveller.shift(31)
        assert _password_step(client, user.email)["Location"] == reverse("mfa_authenticate")
        response = client.post(reverse("mfa_authenticate"), {"code": code})
        # then: refused, with a message that asks for a new code
        assert response.status_code == 200
        assert "_auth_user_id" not in client.session
        assert "nieuwe code" in response.content.decode()
        # when: the code of the new period is typed
        fresh = pyotp.TOTP(TEST_TOTP_SECRET).now()
        assert fresh != code
        response = client.post(reverse("mfa_authenticate"), {"code": fresh})
        # then
        assert response.status_code == 302
        assert client.get(reverse("portal:start")).status_code == 200
