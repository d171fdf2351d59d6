from collections.abc import Callable

from django.core.cache import cache
from django.test import Client

import pytest

from wio.accounts.mfa_session import mark_mfa_verified, mark_session_started
from wio.accounts.models import User

from .factories import user_with_role


class _SessionRequest:
    """Just enough of a request for the session helpers."""

    def __init__(self, session: object) -> None:
        self.session = session


def sign_in(client: Client, user: User) -> Client:
    """A session that passed password and TOTP, as after the real login flow."""
    client.force_login(user)
    session = client.session
    request = _SessionRequest(session)
    mark_mfa_verified(request)
    mark_session_started(request)
    session.save()
    return client


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    """Rate limits and used TOTP codes live in the cache; no test may inherit another's."""
    cache.clear()


@pytest.fixture
def role_user(db: None) -> Callable[[str], User]:
    return user_with_role


@pytest.fixture
def signed_in(client: Client) -> Callable[[User], Client]:
    def _sign_in(user: User) -> Client:
        return sign_in(client, user)

    return _sign_in


from .sign_on_provider import live_oidc_provider, oidc_provider  # noqa: E402, F401  (the local OpenID provider)
