from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest
import time_machine

from tests.confirming import post_confirmation
from tests.conftest import sign_in
from tests.factories import user_with_role
from wio.accounts.constants import Role
from wio.accounts.models import User
from wio.accounts.services import user_deactivate, user_end_sessions
from wio.audit.models import AuditEvent
from wio.audit.services import actor_from

pytestmark = pytest.mark.django_db


def _redirects_to_login(client: Client) -> bool:
    response = client.get(reverse("portal:start"))
    return response.status_code == 302 and response["Location"].startswith(reverse("account_login"))


def test_idle_session_expires_after_the_idle_timeout(signed_in: Callable[[User], Client]) -> None:
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        client = signed_in(user_with_role(Role.LPA))
        assert client.get(reverse("portal:start")).status_code == 200
        traveller.shift(timedelta(seconds=settings.SESSION_COOKIE_AGE - 60))
        assert client.get(reverse("portal:start")).status_code == 200  # activity slides the window
        traveller.shift(timedelta(seconds=settings.SESSION_COOKIE_AGE + 60))
        assert _redirects_to_login(client)


def test_active_session_ends_at_its_absolute_lifetime(signed_in: Callable[[User], Client]) -> None:
    step = timedelta(seconds=settings.SESSION_COOKIE_AGE // 2)
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        client = signed_in(user_with_role(Role.LPA))
        elapsed = timedelta()
        while elapsed < timedelta(seconds=settings.WIO_SESSION_ABSOLUTE_LIFETIME_SECONDS):
            assert client.get(reverse("portal:start")).status_code == 200
            traveller.shift(step)
            elapsed += step
        traveller.shift(step)
        assert _redirects_to_login(client)


def test_deactivating_a_user_ends_their_sessions(signed_in: Callable[[User], Client]) -> None:
    user = user_with_role(Role.LPA)
    client = signed_in(user)
    admin = user_with_role(Role.FUNCTIONAL_ADMIN)

    user_deactivate(user=user, actor=actor_from(user=admin))

    assert _redirects_to_login(client)
    assert AuditEvent.objects.filter(event_type="account.deactivated", object_id=str(user.pk)).exists()


def test_ending_sessions_logs_the_user_out_everywhere(signed_in: Callable[[User], Client]) -> None:
    user = user_with_role(Role.LPA)
    first = signed_in(user)
    second = Client()
    sign_in(second, user)

    user_end_sessions(user=user, actor=actor_from(user=user_with_role(Role.FUNCTIONAL_ADMIN)))

    assert _redirects_to_login(first)
    assert _redirects_to_login(second)


def test_deactivation_through_the_admin_ends_sessions(signed_in: Callable[[User], Client]) -> None:
    target = user_with_role(Role.LPA)
    target_client = signed_in(target)
    admin_client = Client()
    sign_in(admin_client, user_with_role(Role.FUNCTIONAL_ADMIN))

    users = reverse("admin:accounts_user_changelist")
    asked = admin_client.post(users, {"action": "deactivate", "_selected_action": [target.pk]})
    response = post_confirmation(admin_client, asked, users)

    assert response.status_code == 302
    target.refresh_from_db()
    assert not target.is_active
    assert _redirects_to_login(target_client)


def _session_writes(client: Client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("portal:start")).status_code == 200
    return sum('UPDATE "django_session"' in q["sql"] for q in queries.captured_queries)


def test_views_within_a_minute_write_no_session_row_and_a_later_view_moves_the_window(
    signed_in: Callable[[User], Client],
) -> None:
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        client = signed_in(user_with_role(Role.LPA))
        client.get(reverse("portal:start"))
        traveller.shift(timedelta(seconds=30))

        assert _session_writes(client) == 0

        traveller.shift(timedelta(seconds=31))
        assert _session_writes(client) == 1
        moved_at = Session.objects.get().expire_date
        assert moved_at == timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE)
