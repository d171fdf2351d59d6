"""Redis as the cache down: signing in fails closed with a Dutch 503 (the rate limits cannot be
checked without it), never a 500; whoever is signed in keeps working (sessions are in the database)."""

from pathlib import Path
from typing import Any

from django.test import Client
from django.urls import reverse

import pytest

from tests.conftest import sign_in
from tests.factories import TEST_PASSWORD, user_with_role
from wio.accounts.constants import Role

from .browser import submit
from .services import RedisServer

pytestmark = pytest.mark.django_db


@pytest.fixture
def cache_down(tmp_path: Path, settings: Any) -> None:
    """The default cache is a Redis of this test's own, which is then stopped."""
    server = RedisServer(tmp_path)
    server.start()
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{server.port}/1",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    server.stop()


@pytest.mark.usefixtures("cache_down")
def test_signing_in_without_the_cache_says_so_in_dutch_and_lets_nobody_in() -> None:
    # given an account, and the cache down
    user = user_with_role(Role.LPA)
    client = Client(raise_request_exception=False)
    login = reverse("account_login")
    # when its owner signs in with the right password, through the rendered form
    response = submit(client, login, login, follow=False, login=user.email, password=TEST_PASSWORD)
    # then WIO answers 503 in Dutch, asks to try again later, and did not sign anyone in
    html = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] == "120"
    assert "Inloggen kan even niet" in html
    assert "Probeer het over een paar minuten opnieuw" in html
    assert "_auth_user_id" not in client.session


@pytest.mark.usefixtures("cache_down")
def test_a_signed_in_user_keeps_working_without_the_cache() -> None:
    # given a case worker who signed in before the cache went down
    client = sign_in(Client(raise_request_exception=False), user_with_role(Role.LPA))
    # when they open their case list, then it is there
    response = client.get(reverse("cases:list"))
    assert response.status_code == 200
