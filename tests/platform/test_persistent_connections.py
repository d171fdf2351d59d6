"""A web process keeps its PostgreSQL connection between requests and replaces one that died (ADR 0029).

The requests go through Django's WSGI handler, as under gunicorn: the test client would hide what is
tested here, as it switches off the connection handling at the start and end of a request.
"""

from wsgiref.util import setup_testing_defaults

from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

import pytest

from tests.conftest import sign_in
from tests.factories import user_with_role
from wio.accounts.constants import Role

pytestmark = pytest.mark.django_db(transaction=True)


def _status_of(path: str, session_cookie: str) -> int:
    environ: dict[str, object] = {}
    setup_testing_defaults(environ)
    environ.update(PATH_INFO=path, HTTP_HOST="testserver", HTTP_COOKIE=session_cookie)
    statuses: list[str] = []
    response = WSGIHandler()(environ, lambda status, headers, *exc_info: statuses.append(status))
    b"".join(response)
    response.close()  # sends request_finished, as a WSGI server does
    return int(statuses[0].split()[0])


def _backend_pid() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid: int = cursor.fetchone()[0]
    return pid


def _terminate(pid: int) -> None:
    """What a PostgreSQL restart or an idle timeout does to the web process's connection."""
    other = connections.create_connection("default")
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    finally:
        other.close()


@pytest.fixture
def session_cookie() -> str:
    if connection.vendor != "postgresql":
        pytest.skip("the connection handling is PostgreSQL's")
    client = sign_in(Client(), user_with_role(Role.LPA))
    name = settings.SESSION_COOKIE_NAME
    return f"{name}={client.cookies[name].value}"


def test_consecutive_requests_use_the_same_database_connection(session_cookie: str) -> None:
    assert _status_of(reverse("cases:list"), session_cookie) == 200
    first = _backend_pid()
    assert _status_of(reverse("cases:list"), session_cookie) == 200
    assert _backend_pid() == first


def test_a_request_after_the_connection_died_gets_a_new_one(session_cookie: str) -> None:
    assert _status_of(reverse("cases:list"), session_cookie) == 200
    dead = _backend_pid()
    _terminate(dead)

    assert _status_of(reverse("cases:list"), session_cookie) == 200
    assert _backend_pid() != dead
