"""Issue 9: an account that never set up its authenticator expires 72 hours after it was created.

Until then it is protected by its password alone, and whoever signs in first enrols the authenticator.
"""

from datetime import UTC, datetime, timedelta
from typing import Any, cast

from django.conf import settings
from django.test import Client
from django.urls import reverse

import pyotp
import pytest
import time_machine

from tests.factories import TEST_PASSWORD, TEST_TOTP_SECRET, UserFactory, user_with_role
from wio.accounts import services, tasks
from wio.accounts.constants import Role
from wio.accounts.models import User
from wio.audit import services as audit
from wio.audit.constants import Action
from wio.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
EXPIRED = "Dit account is verlopen omdat de tweestapsverificatie niet binnen 72 uur is ingesteld."
ASK_ADMIN = "Vraag de functioneel beheerder om een nieuwe uitnodiging."
ADMIN = audit.Actor(user=None, label="admin", role="", organisation_id=None, source_ip=None)


def _password_step(client: Client, user: User) -> Any:
    return client.post(reverse("account_login"), {"login": user.email, "password": TEST_PASSWORD})


def _created_at(moment: datetime, **kwargs: Any) -> User:
    with time_machine.travel(moment, tick=False):
        return cast(User, UserFactory(**kwargs))


def test_an_account_without_totp_created_73_hours_ago_cannot_sign_in(client: Client) -> None:
    # given
    user = _created_at(T0, totp=False)
    # when: the right password, 73 hours later, before the hourly task has run
    with time_machine.travel(T0 + timedelta(hours=73), tick=False):
        response = _password_step(client, user)
    # then
    assert response.status_code == 200
    page = response.content.decode()
    assert EXPIRED in page
    assert ASK_ADMIN in page
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(event_type="auth.login_expired", actor=user, result="denied").exists()


def test_a_wrong_password_does_not_reveal_that_the_account_expired(client: Client) -> None:
    user = _created_at(T0, totp=False)
    with time_machine.travel(T0 + timedelta(hours=73), tick=False):
        response = client.post(
            reverse("account_login"), {"login": user.email, "password": "wrong wrong wrong"}
        )
    assert EXPIRED not in response.content.decode()


@pytest.mark.django_db(transaction=True)  # allauth announces a new authenticator on commit
def test_an_account_created_71_hours_ago_can_still_sign_in_and_enrol(client: Client) -> None:
    user = _created_at(T0, totp=False, is_superuser=False)
    with time_machine.travel(T0 + timedelta(hours=71), tick=False):
        response = _password_step(client, user)
        assert response.status_code == 302
        assert client.get(reverse("portal:start"))["Location"] == reverse("mfa_activate_totp")
        client.post(reverse("account_reauthenticate"), {"password": TEST_PASSWORD})
        secret = client.get(reverse("mfa_activate_totp")).context["form"].secret
        client.post(reverse("mfa_activate_totp"), {"code": pyotp.TOTP(secret).now()})
        assert client.get(reverse("portal:start")).status_code == 200
    # and: enrolled, the account does not expire
    with time_machine.travel(T0 + timedelta(hours=100), tick=False):
        client.post(reverse("account_logout"))
        assert _password_step(client, user)["Location"] == reverse("mfa_authenticate")
        client.post(reverse("mfa_authenticate"), {"code": pyotp.TOTP(secret).now()})
        assert client.get(reverse("portal:start")).status_code == 200
        assert tasks.expire_unenrolled_accounts() == 0


def test_a_session_that_crosses_the_deadline_without_enrolling_ends(client: Client) -> None:
    user = _created_at(T0, totp=False)
    with time_machine.travel(T0 + timedelta(hours=72) - timedelta(minutes=2), tick=False) as traveller:
        assert _password_step(client, user).status_code == 302
        assert client.get(reverse("portal:start"))["Location"] == reverse("mfa_activate_totp")
        traveller.shift(3 * 60)
        response = client.get(reverse("mfa_activate_totp"), follow=True)
    assert "_auth_user_id" not in client.session
    assert EXPIRED in response.content.decode()


def test_the_task_deactivates_expired_accounts_and_leaves_the_rest(client: Client) -> None:
    # given
    now = T0 + timedelta(days=30)
    expired = _created_at(now - timedelta(hours=73), totp=False)
    signed_in_once = _created_at(now - timedelta(hours=80), totp=False)
    signed_in_once.last_login = now - timedelta(hours=79)
    signed_in_once.save(update_fields=["last_login"])
    recent = _created_at(now - timedelta(hours=71), totp=False)
    enrolled = _created_at(now - timedelta(days=29))
    stamp = expired.session_stamp
    # when
    with time_machine.travel(now, tick=False):
        deactivated = tasks.expire_unenrolled_accounts()
    # then
    assert deactivated == 2
    for user in (expired, signed_in_once):
        user.refresh_from_db()
        assert not user.is_active
        event = AuditEvent.objects.get(event_type="account.expired_unenrolled", object_id=str(user.pk))
        assert event.actor is None
        assert event.actor_label == "system"
    assert expired.session_stamp != stamp  # every session of it has ended
    for user in (recent, enrolled):
        user.refresh_from_db()
        assert user.is_active
    # and: run again, nothing more happens
    with time_machine.travel(now + timedelta(minutes=30), tick=False):
        assert tasks.expire_unenrolled_accounts() == 0
    assert AuditEvent.objects.filter(event_type="account.expired_unenrolled").count() == 2
    # and: the deactivated account is still told why, with the right password
    with time_machine.travel(now + timedelta(hours=1), tick=False):
        assert EXPIRED in _password_step(client, expired).content.decode()


def test_a_reset_of_two_step_verification_gives_72_hours_again(client: Client) -> None:
    # given: an enrolled account, months old, whose authenticator an administrator resets
    user = user_with_role(Role.LPA)
    User.objects.filter(pk=user.pk).update(date_joined=T0 - timedelta(days=100))
    with time_machine.travel(T0, tick=False):
        services.user_reset_mfa(user=user, actor=ADMIN)
    # then: a day later the owner signs in and is sent to enrolment
    with time_machine.travel(T0 + timedelta(hours=24), tick=False):
        assert tasks.expire_unenrolled_accounts() == 0
        assert _password_step(client, user).status_code == 302
        assert client.get(reverse("portal:start"))["Location"] == reverse("mfa_activate_totp")
        client.post(reverse("account_logout"))
    # but: 73 hours after the reset, without a new authenticator, the account has expired
    with time_machine.travel(T0 + timedelta(hours=73), tick=False):
        assert EXPIRED in _password_step(client, user).content.decode()
        assert tasks.expire_unenrolled_accounts() == 1


def test_reactivating_an_expired_account_is_a_new_invitation(client: Client) -> None:
    user = _created_at(T0, totp=False)
    with time_machine.travel(T0 + timedelta(hours=73), tick=False):
        assert tasks.expire_unenrolled_accounts() == 1
    # when: an administrator activates the account again (the admin's change form records this)
    with time_machine.travel(T0 + timedelta(hours=100), tick=False):
        user.refresh_from_db()
        user.is_active = True
        user.save(update_fields=["is_active"])
        services.record_account_change(obj=user, actor=ADMIN, action=Action.UPDATE, changed=["is_active"])
        assert AuditEvent.objects.filter(
            event_type="account.enrolment_reopened", object_id=str(user.pk)
        ).exists()
    # then: the user has 72 hours from then
    with time_machine.travel(T0 + timedelta(hours=170), tick=False):
        assert _password_step(client, user).status_code == 302
        assert tasks.expire_unenrolled_accounts() == 0
    with time_machine.travel(T0 + timedelta(hours=173), tick=False):
        assert tasks.expire_unenrolled_accounts() == 1


def test_the_task_runs_hourly_from_celery_beat() -> None:
    entry = next(
        entry
        for entry in settings.CELERY_BEAT_SCHEDULE.values()
        if entry["task"] == tasks.expire_unenrolled_accounts.name
    )
    assert entry["schedule"] == 3600
    assert settings.WIO_UNENROLLED_ACCOUNT_HOURS == 72


def test_an_enrolled_account_never_expires() -> None:
    """An account with an authenticator never expires, however old."""
    user = _created_at(T0 - timedelta(days=400))
    with time_machine.travel(T0, tick=False):
        assert tasks.expire_unenrolled_accounts() == 0
        client = Client()
        assert _password_step(client, user)["Location"] == reverse("mfa_authenticate")
        client.post(reverse("mfa_authenticate"), {"code": pyotp.TOTP(TEST_TOTP_SECRET).now()})
        assert client.get(reverse("portal:start")).status_code == 200
