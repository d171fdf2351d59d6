"""The project staff's start page shows the latest published numbers once cases exist (issue 14
item 7), read from the stored publication, and before that says when the first numbers come."""

from collections.abc import Callable
from datetime import date, timedelta

from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

import pytest

from monitor.models import Publication
from monitor.publications.editions import tables_for
from monitor.publications.reporting_dates import latest_reporting_date, next_reporting_date
from monitor.statistics.definitions import CORE_COUNTS
from tests.cases.factories import CaseFactory
from tests.factories import OrganisationFactory, PhaseFactory, RegionFactory, user_with_role
from wio.accounts.constants import Role
from wio.accounts.models import User

pytestmark = pytest.mark.django_db

FIRST_NUMBERS = "De eerste cijfers verschijnen hier na de peildatum van"
NUMBER = '<dd class="col-sm-4 fs-4 fw-bold mb-2"> {} </dd>'


def _cases(count: int, registered_on: date) -> None:
    region = RegionFactory()
    for _ in range(count):
        CaseFactory(
            gemeente=OrganisationFactory(region=region),
            swv=OrganisationFactory(swv=True, region=region),
            registered_on=registered_on,
            development_present=True,
            movement_since=registered_on,
        )


def _dutch(day: date) -> str:
    with translation.override("nl"):
        return date_format(day, "j F Y")


def _start_page(signed_in: Callable[[User], Client]) -> str:
    client = signed_in(user_with_role(Role.PROJECT_STAFF))
    response = client.get(reverse("portal:start"))
    assert response.status_code == 200
    return " ".join(response.content.decode().split())


def test_with_cases_the_start_page_shows_the_published_core_counts_and_links_to_the_dashboard(
    signed_in: Callable[[User], Client],
) -> None:
    # given six cases registered well before the latest reporting date
    _cases(6, date(2022, 1, 10))
    latest = latest_reporting_date()
    assert latest is not None

    # when a project staff member opens the start page
    html = _start_page(signed_in)

    # then it shows each core count nationally, as published for the latest reporting date
    publication = Publication.objects.get(reporting_date=latest)
    national = tables_for(publication)["core-national"]
    _label, cells = national.rows[0]
    with translation.override("nl"):
        names = [str(count.name) for count in CORE_COUNTS]
    assert list(national.columns) == names
    for name, cell in zip(names, cells, strict=True):
        assert f'<dt class="col-sm-8 fw-normal">{name}</dt> {NUMBER.format(cell.text)}' in html
    assert cells[2].text == "6"  # new movement in all six
    assert f"Landelijk gepubliceerd voor peildatum {_dutch(latest)} (editie 1)." in html
    assert f'href="{reverse("monitor:dashboard")}"' in html
    assert "Naar de monitor" in html
    assert FIRST_NUMBERS not in html
    assert 'id="start-rollout"' in html


def test_the_start_page_reads_the_stored_publication_and_never_recounts(
    signed_in: Callable[[User], Client],
) -> None:
    # given numbers already published for the latest reporting date
    _cases(6, date(2022, 1, 10))
    _start_page(signed_in)

    # when more cases of that period are registered afterwards and the page is opened again
    _cases(7, date(2022, 1, 11))
    html = _start_page(signed_in)

    # then it still shows the published edition, not a fresh count
    assert Publication.objects.count() == 1
    assert NUMBER.format(6) in html
    assert NUMBER.format(13) not in html


def test_before_the_first_reporting_date_the_start_page_says_when_the_first_numbers_come(
    signed_in: Callable[[User], Client],
) -> None:
    # given a project whose first phase starts next month, with a case already registered
    today = timezone.localdate()
    starts = (today.replace(day=1) + timedelta(days=32)).replace(day=1)
    PhaseFactory(starts_on=starts, ends_on=starts + timedelta(days=120))
    _cases(1, today)
    assert latest_reporting_date() is None

    # when a project staff member opens the start page
    html = _start_page(signed_in)

    # then a Dutch sentence says after which reporting date the first numbers appear
    first = next_reporting_date()
    assert first >= starts
    assert f"{FIRST_NUMBERS} {_dutch(first)}." in html
    assert "Naar de monitor" not in html
    assert not Publication.objects.exists()


def test_with_cases_registered_after_the_latest_reporting_date_only_the_next_date_is_named(
    signed_in: Callable[[User], Client],
) -> None:
    # given cases registered today only, after the latest reporting date
    _cases(6, timezone.localdate())

    # when the start page is opened, then it names the coming reporting date and publishes nothing
    html = _start_page(signed_in)

    assert f"{FIRST_NUMBERS} {_dutch(next_reporting_date())}." in html
    assert not Publication.objects.exists()
