"""ADR 0032: who has not signed in through their organisation's provider for a week loses their sessions
(the provider, not a WIO session or password, decides who may still work)."""

from datetime import timedelta
from typing import cast

from django.test import override_settings
from django.utils import timezone

import pytest
import time_machine
from allauth.socialaccount.models import SocialAccount

from tests.factories import UserFactory
from wio.accounts import tasks
from wio.accounts.models import User
from wio.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

ENDED = "account.sign_on_idle_sessions_ended"


def _signed_on(days_ago: float) -> User:
    user = cast(User, UserFactory())
    account = SocialAccount.objects.create(user=user, provider="gemeente-1", uid=f"sub-{user.pk}")
    SocialAccount.objects.filter(pk=account.pk).update(last_login=timezone.now() - timedelta(days=days_ago))
    return user


def test_sessions_end_after_seven_days_without_a_sign_in_through_the_provider() -> None:
    idle, recent, password_only = _signed_on(8), _signed_on(6), cast(User, UserFactory())
    stamps = {user.pk: user.session_stamp for user in (idle, recent, password_only)}

    assert tasks.end_idle_sign_on_sessions() == 1

    for user in (idle, recent, password_only):
        user.refresh_from_db()
    assert idle.session_stamp != stamps[idle.pk]
    assert recent.session_stamp == stamps[recent.pk]
    assert password_only.session_stamp == stamps[password_only.pk]
    assert AuditEvent.objects.filter(event_type=ENDED, object_id=str(idle.pk)).count() == 1


def test_the_task_ends_them_once_per_idle_spell() -> None:
    idle = _signed_on(8)
    assert tasks.end_idle_sign_on_sessions() == 1
    assert tasks.end_idle_sign_on_sessions() == 0
    # a sign-in through the provider in an hour, then again more than a week without one
    an_hour_on = timezone.now() + timedelta(hours=1)
    SocialAccount.objects.filter(user=idle).update(last_login=an_hour_on)
    with time_machine.travel(an_hour_on + timedelta(days=6), tick=False):
        assert tasks.end_idle_sign_on_sessions() == 0
    with time_machine.travel(an_hour_on + timedelta(days=8), tick=False):
        assert tasks.end_idle_sign_on_sessions() == 1
        assert tasks.end_idle_sign_on_sessions() == 0


@override_settings(WIO_SSO_MAX_DAYS_WITHOUT_SIGN_IN=2)
def test_the_number_of_days_is_a_setting() -> None:
    _signed_on(3)
    assert tasks.end_idle_sign_on_sessions() == 1


def test_deactivated_users_are_left_alone() -> None:
    user = _signed_on(30)
    User.objects.filter(pk=user.pk).update(is_active=False)
    assert tasks.end_idle_sign_on_sessions() == 0
