"""Issue 9: knowing an e-mail address is not enough to lock its owner out.

Failed passwords lock one account *from one source*; failures from all sources together only slow the
account down. TOTP codes keep allauth's limit per account and have a daily budget on top.
"""

import time
from typing import Any

from django.test import Client
from django.urls import reverse

import pyotp
import pytest
import time_machine

from tests.factories import TEST_PASSWORD, TEST_TOTP_SECRET, user_with_role
from wio.accounts.constants import Role
from wio.accounts.models import User
from wio.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

ATTACKER = "203.0.113.5"
OWNER = "198.51.100.7"
WRONG_PASSWORD = "not the password at all"
LOCKED = "Te veel inlogpogingen"
HOUR = 3600


def _password_step(client: Client, user: User, password: str, ip: str) -> Any:
    return client.post(reverse("account_login"), {"login": user.email, "password": password}, REMOTE_ADDR=ip)


def _totp_step(client: Client, code: str, ip: str = OWNER) -> Any:
    return client.post(reverse("mfa_authenticate"), {"code": code}, REMOTE_ADDR=ip)


def _signs_in(client: Client, user: User, ip: str = OWNER) -> bool:
    """Password and a fresh TOTP code from `ip`; True when the start page opens afterwards."""
    response = _password_step(client, user, TEST_PASSWORD, ip)
    if response.status_code != 302 or response["Location"] != reverse("mfa_authenticate"):
        return False
    _totp_step(client, pyotp.TOTP(TEST_TOTP_SECRET).now(), ip)
    return client.get(reverse("portal:start"), REMOTE_ADDR=ip).status_code == 200


def _wrong_code() -> str:
    """A code that no step within the tolerance window (previous, current, next) accepts."""
    totp = pyotp.TOTP(TEST_TOTP_SECRET)
    now = time.time()
    valid = {totp.at(now + offset) for offset in (-30, 0, 30)}
    return next(code for code in ("000000", "111111", "222222", "333333") if code not in valid)


def _start() -> float:
    """The start of a TOTP period, so codes generated in a test do not roll over by accident."""
    return float(int(time.time()) // 30 * 30)


def test_five_failures_lock_the_attackers_source_but_not_the_owner(client: Client) -> None:
    # given: five wrong passwords for the account from the attacker's address
    user = user_with_role(Role.LPA)
    attacker = Client()
    for _ in range(5):
        response = _password_step(attacker, user, WRONG_PASSWORD, ATTACKER)
        assert response.status_code == 200
    # when: the attacker tries again, even with the right password
    response = _password_step(attacker, user, TEST_PASSWORD, ATTACKER)
    # then: that source is locked, in Dutch, and the refusal is audited as before
    assert response.status_code == 200
    assert LOCKED in response.content.decode()
    assert AuditEvent.objects.filter(event_type="auth.login_locked", actor=user, result="denied").exists()
    # and the owner, from an address that has not failed, signs in with password and TOTP
    assert _signs_in(client, user, OWNER)


def test_the_locked_pair_opens_again_after_five_minutes() -> None:
    user = user_with_role(Role.LPA)
    attacker = Client()
    with time_machine.travel(_start(), tick=False) as traveller:
        for _ in range(5):
            _password_step(attacker, user, WRONG_PASSWORD, ATTACKER)
        traveller.shift(4 * 60)
        assert LOCKED in _password_step(attacker, user, TEST_PASSWORD, ATTACKER).content.decode()
        traveller.shift(61)
        assert _signs_in(attacker, user, ATTACKER)


def test_failures_from_many_sources_delay_the_account_instead_of_locking_it() -> None:
    # given: ten wrong passwords in an hour, each from another address (none of them locked)
    user = user_with_role(Role.LPA)
    attacker, owner = Client(), Client()
    with time_machine.travel(_start(), tick=False) as traveller:
        for n in range(10):
            response = _password_step(attacker, user, WRONG_PASSWORD, f"203.0.113.{10 + n}")
            assert LOCKED not in response.content.decode()
        # when: the owner tries from a clean address right after the tenth failure
        response = _password_step(owner, user, TEST_PASSWORD, OWNER)
        # then: asked to wait, not locked, and not signed in
        assert response.status_code == 200
        page = response.content.decode()
        assert "Probeer het over 1 seconde opnieuw" in page
        assert LOCKED not in page
        assert "_auth_user_id" not in owner.session
        assert AuditEvent.objects.filter(
            event_type="auth.login_delayed", actor=user, result="denied"
        ).exists()

        # when: the attacker keeps failing from fresh addresses as soon as each delay is over
        waits = []
        for n in range(10):
            delayed = _password_step(owner, user, TEST_PASSWORD, OWNER).content.decode()
            seconds = next(s for s in range(1, 3600) if f"Probeer het over {s} second" in delayed)
            waits.append(seconds)
            traveller.shift(seconds)
            _password_step(attacker, user, WRONG_PASSWORD, f"203.0.113.{100 + n}")
        # then: every failure doubles the wait, up to a minute
        assert waits == [1, 2, 4, 8, 16, 32, 60, 60, 60, 60]

        # and: the owner's clean source is delayed by at most a minute, never locked
        traveller.shift(59)
        assert (
            "Probeer het over 1 seconde opnieuw"
            in _password_step(owner, user, TEST_PASSWORD, OWNER).content.decode()
        )
        traveller.shift(1)
        assert _signs_in(owner, user, OWNER)


def test_an_attempt_during_the_delay_does_not_test_the_password() -> None:
    """A refused attempt must not tell right from wrong, nor count as another failure."""
    user = user_with_role(Role.LPA)
    attacker = Client()
    with time_machine.travel(_start(), tick=False) as traveller:
        for n in range(10):
            _password_step(attacker, user, WRONG_PASSWORD, f"203.0.113.{10 + n}")
        wrong = _password_step(attacker, user, WRONG_PASSWORD, "203.0.113.50").content.decode()
        right = _password_step(attacker, user, TEST_PASSWORD, "203.0.113.51").content.decode()
        assert "Probeer het over 1 seconde opnieuw" in wrong
        assert "Probeer het over 1 seconde opnieuw" in right
        # the delay still follows from ten failures, not twelve
        traveller.shift(1)
        assert _signs_in(Client(), user, OWNER)


def test_the_delay_ends_an_hour_after_the_failures() -> None:
    user = user_with_role(Role.LPA)
    attacker = Client()
    with time_machine.travel(_start(), tick=False) as traveller:
        for n in range(16):
            traveller.shift(60)
            _password_step(attacker, user, WRONG_PASSWORD, f"203.0.113.{10 + n}")
        assert "Probeer het over" in _password_step(Client(), user, TEST_PASSWORD, OWNER).content.decode()
        traveller.shift(HOUR)
        assert _signs_in(Client(), user, OWNER)


def test_totp_keeps_allauths_limit_per_account() -> None:
    user = user_with_role(Role.LPA)
    client = Client()
    with time_machine.travel(_start(), tick=False):
        _password_step(client, user, TEST_PASSWORD, OWNER)
        for _ in range(5):
            _totp_step(client, _wrong_code())
        response = _totp_step(client, pyotp.TOTP(TEST_TOTP_SECRET).now())
        assert response.status_code == 200
        assert "_auth_user_id" not in client.session


def test_twenty_wrong_codes_in_a_day_close_the_second_step_until_the_next_day() -> None:
    # given: four rounds of five wrong codes, each in a new five-minute window (allauth's limit)
    user = user_with_role(Role.LPA)
    start = _start()
    with time_machine.travel(start, tick=False) as traveller:
        for _ in range(4):
            client = Client()
            assert _password_step(client, user, TEST_PASSWORD, OWNER)["Location"] == reverse(
                "mfa_authenticate"
            )
            for _ in range(5):
                page = _totp_step(client, _wrong_code()).content.decode()
                assert "Onjuiste" in page
            traveller.shift(5 * 60 + 30)
        # when: the right code is given
        client = Client()
        assert _password_step(client, user, TEST_PASSWORD, OWNER)["Location"] == reverse("mfa_authenticate")
        response = _totp_step(client, pyotp.TOTP(TEST_TOTP_SECRET).now())
        # then: refused all the same, in Dutch, and audited
        assert response.status_code == 200
        assert "tot morgen geblokkeerd" in response.content.decode()
        assert client.get(reverse("portal:start")).status_code == 302
        assert AuditEvent.objects.filter(
            event_type="account.mfa_daily_limit", actor=user, result="denied"
        ).exists()
        # and: later that day still refused
        traveller.move_to(start + 20 * HOUR)
        assert not _signs_in(Client(), user, OWNER)
        # and: the next day the owner signs in
        traveller.move_to(start + 25 * HOUR)
        assert _signs_in(Client(), user, OWNER)


def test_the_daily_limit_counts_only_wrong_codes() -> None:
    """Sign-ins with the right code in between do not reset the count, nor add to it."""
    user = user_with_role(Role.LPA)
    start = _start()
    with time_machine.travel(start, tick=False) as traveller:
        for _ in range(3):
            client = Client()
            _password_step(client, user, TEST_PASSWORD, OWNER)
            for _ in range(5):
                _totp_step(client, _wrong_code())
            traveller.shift(5 * 60 + 30)
            assert _signs_in(Client(), user, OWNER)  # the right code: allowed, and not counted
            traveller.shift(60)
        client = Client()
        _password_step(client, user, TEST_PASSWORD, OWNER)
        for _ in range(4):
            _totp_step(client, _wrong_code())
        traveller.shift(30)
        assert _signs_in(Client(), user, OWNER)  # 19 wrong codes so far
        client = Client()
        _password_step(client, user, TEST_PASSWORD, OWNER)
        _totp_step(client, _wrong_code())  # the 20th
        traveller.shift(30)
        assert not _signs_in(Client(), user, OWNER)


def test_the_daily_limit_is_per_account() -> None:
    victim, other = user_with_role(Role.LPA), user_with_role(Role.LPA)
    start = _start()
    with time_machine.travel(start, tick=False) as traveller:
        for _ in range(4):
            client = Client()
            _password_step(client, victim, TEST_PASSWORD, OWNER)
            for _ in range(5):
                _totp_step(client, _wrong_code())
            traveller.shift(5 * 60 + 30)
        assert not _signs_in(Client(), victim, OWNER)
        assert _signs_in(Client(), other, OWNER)
