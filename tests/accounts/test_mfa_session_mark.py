"""The MFA gate trusts the session's mark without a query on every page; removing a TOTP, by any
route, ends every session of its user so that mark can never outlive the authenticator."""

from collections.abc import Callable

from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest
from allauth.mfa.models import Authenticator

from tests.conftest import sign_in
from tests.factories import user_with_role
from wio.accounts.constants import Role
from wio.accounts.models import User

pytestmark = pytest.mark.django_db
PASSWORD = "een-lang-en-sterk-wachtwoord-42"


@pytest.fixture
def lpa() -> User:
    user = user_with_role(Role.LPA)
    user.set_password(PASSWORD)
    user.save()
    return user


def test_a_verified_session_opens_a_page_without_asking_for_its_authenticators(
    lpa: User, signed_in: Callable[[User], Client]
) -> None:
    client = signed_in(lpa)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("cases:list")).status_code == 200

    assert not [q for q in queries if "mfa_authenticator" in q["sql"]]


def test_deleting_a_totp_ends_every_session_of_its_user(
    lpa: User, signed_in: Callable[[User], Client]
) -> None:
    client = signed_in(lpa)
    other_device = sign_in(Client(), lpa)
    assert client.get(reverse("cases:list")).status_code == 200

    Authenticator.objects.filter(user=lpa, type=Authenticator.Type.TOTP).delete()

    for session in (client, other_device):
        response = session.get(reverse("cases:list"))
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))


def test_deactivating_ones_own_totp_signs_out_and_the_next_sign_in_asks_for_a_new_one(
    lpa: User, signed_in: Callable[[User], Client]
) -> None:
    client = signed_in(lpa)
    reauthenticated = client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    assert reauthenticated.status_code == 302, reauthenticated.content.decode()[:2000]

    deactivated = client.post(reverse("mfa_deactivate_totp"))
    assert deactivated.status_code == 302, deactivated.content.decode()[:2000]
    assert not Authenticator.objects.filter(user=lpa, type=Authenticator.Type.TOTP).exists()

    after = client.get(reverse("cases:list"))
    assert after.status_code == 302
    assert after.url.startswith(reverse("account_login"))
    client.post(reverse("account_login"), {"login": lpa.email, "password": PASSWORD})
    assert client.get(reverse("cases:list")).url == reverse("mfa_activate_totp")


@pytest.mark.django_db(transaction=True)
def test_the_upgrade_ends_the_sessions_of_users_who_removed_their_totp_before_it() -> None:
    """Sessions marked before the rule existed may belong to a user without a TOTP: the migration
    that brings the rule ends theirs, and only theirs."""
    executor = MigrationExecutor(connection)
    before, after = (
        [("accounts", "0003_membership_request")],
        [("accounts", "0004_end_sessions_without_totp")],
    )
    executor.migrate(before)
    try:
        _ends_only_the_sessions_without_totp(after)
    finally:
        # Back to the latest schema: later migrations' tables are gone at 0004 (issue 15 added one).
        latest = MigrationExecutor(connection)
        latest.migrate(latest.loader.graph.leaf_nodes())


def _ends_only_the_sessions_without_totp(after: list[tuple[str, str]]) -> None:
    with_totp, without = user_with_role(Role.LPA), user_with_role(Role.LPA)
    Authenticator.objects.filter(user=without).delete()
    User.objects.filter(pk=without.pk).update(session_stamp=without.session_stamp)  # as before the rule
    stamps = dict(User.objects.values_list("pk", "session_stamp"))

    MigrationExecutor(connection).migrate(after)

    now = dict(User.objects.values_list("pk", "session_stamp"))
    assert now[with_totp.pk] == stamps[with_totp.pk]
    assert now[without.pk] != stamps[without.pk]
