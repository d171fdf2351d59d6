"""Error pages are Dutch, in the site's layout, with a way back; the 500 page needs no database."""

import re
from collections.abc import Callable

from django.conf import LazySettings
from django.test import Client
from django.urls import reverse

import pytest
from pytest_django import DjangoDbBlocker

from tests.factories import user_with_role
from wio.accounts.constants import Role
from wio.accounts.models import User
from wio.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

DJANGO_DEFAULTS = ("Bad Request", "Forbidden", "Not Found", "Server Error", "CSRF verification failed")


@pytest.fixture(autouse=True)
def _production(settings: LazySettings) -> None:
    settings.DEBUG = False


def _assert_dutch_error_page(body: str, heading: str) -> None:
    assert '<html lang="nl">' in body
    assert re.search(rf"<h1[^>]*>\s*{heading}\s*</h1>", body)
    assert 'href="/"' in body  # the way back to the start page
    assert 'class="navbar' in body  # the site's header, not a bare page
    for english in DJANGO_DEFAULTS:
        assert english not in body


def test_an_unknown_address_gets_the_dutch_not_found_page(client: Client) -> None:
    # when
    response = client.get("/bestaat-niet/")
    # then
    assert response.status_code == 404
    _assert_dutch_error_page(response.content.decode(), "Pagina niet gevonden")


def test_the_not_found_page_keeps_the_navigation_of_a_signed_in_user(
    signed_in: Callable[[User], Client],
) -> None:
    # given
    client = signed_in(user_with_role(Role.LPA))
    # when
    response = client.get("/bestaat-niet/")
    # then
    body = response.content.decode()
    assert response.status_code == 404
    _assert_dutch_error_page(body, "Pagina niet gevonden")
    assert reverse("account_logout") in body
    assert reverse("cases:list") in body


def test_a_refused_page_gets_the_dutch_forbidden_page_and_the_refusal_is_still_recorded(
    signed_in: Callable[[User], Client],
) -> None:
    # given: a coordinator may not import cases
    client = signed_in(user_with_role(Role.SWV_COORDINATOR))
    # when
    response = client.get(reverse("cases:import_upload"))
    # then
    assert response.status_code == 403
    _assert_dutch_error_page(response.content.decode(), "Geen toegang")
    assert AuditEvent.objects.filter(event_type="http.forbidden").count() == 1


def test_a_form_sent_without_its_csrf_token_gets_a_dutch_explanation() -> None:
    # given: a browser whose form lost its token (an expired or second tab, say)
    client = Client(enforce_csrf_checks=True)
    # when
    response = client.post(reverse("account_login"), {"login": "a@example.nl", "password": "x"})
    # then
    body = response.content.decode()
    assert response.status_code == 403
    _assert_dutch_error_page(body, "Formulier verlopen")
    assert "CSRF" not in body
    assert AuditEvent.objects.filter(event_type="http.forbidden").count() == 1


def test_a_bad_request_gets_the_dutch_bad_request_page(client: Client) -> None:
    # when: a host name WIO does not serve (a SuspiciousOperation)
    response = client.get("/", HTTP_HOST="aanvaller.example")
    # then
    assert response.status_code == 400
    _assert_dutch_error_page(response.content.decode(), "Ongeldig verzoek")


@pytest.mark.urls("tests.platform.error_urls")
def test_a_server_error_gets_the_dutch_page_even_without_a_database(
    django_db_blocker: DjangoDbBlocker,
) -> None:
    # given
    client = Client(raise_request_exception=False)
    # when: the view fails while the database cannot be reached at all
    with django_db_blocker.block():
        response = client.get("/kapot/")
    # then
    assert response.status_code == 500
    _assert_dutch_error_page(response.content.decode(), "Er ging iets mis")
