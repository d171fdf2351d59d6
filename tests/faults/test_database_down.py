"""PostgreSQL gone (restarted under load): the user sees WIO's Dutch error page, never a server's."""

import socket
from collections.abc import Iterator

from django.db import connection
from django.test import Client
from django.urls import reverse

import pytest

from tests.conftest import sign_in
from tests.factories import user_with_role
from wio.accounts.constants import Role

pytestmark = pytest.mark.django_db(transaction=True)


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def database_down() -> Iterator[None]:
    """Every new connection is refused, as while PostgreSQL restarts; restored afterwards."""
    if connection.vendor != "postgresql":
        pytest.skip("the fault is PostgreSQL's")
    real_port = connection.settings_dict["PORT"]
    connection.close()
    connection.settings_dict["PORT"] = str(_closed_port())
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict["PORT"] = real_port


@pytest.mark.parametrize("page", ["portal:start", "cases:list"])
def test_a_signed_in_user_gets_the_dutch_error_page_while_the_database_is_down(
    page: str, request: pytest.FixtureRequest
) -> None:
    # given a signed-in case worker
    client = sign_in(Client(raise_request_exception=False), user_with_role(Role.LPA))
    # when the database goes away and they open a page
    request.getfixturevalue("database_down")
    response = client.get(reverse(page))
    # then WIO's own 500 page answers, in Dutch, with the way back
    html = response.content.decode()
    assert response.status_code == 500
    assert '<html lang="nl">' in html
    assert "Er ging iets mis" in html
    assert "Probeer het zo nog eens" in html
    assert "Server Error" not in html
