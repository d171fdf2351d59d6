import re
from collections.abc import Callable
from datetime import datetime, time, timedelta
from typing import Any

from django.test import Client
from django.urls import reverse
from django.utils import timezone

import pytest

from monitor.dashboard import LATEST_STORIES
from monitor.publications.reporting_dates import reporting_dates
from monitor.services.publications import publish_correction
from tests.cases.factories import CaseFactory
from tests.factories import OrganisationFactory, RegionFactory, user_with_role
from tests.monitor.factories import StoryFactory
from wio.accounts.constants import Role
from wio.accounts.models import User
from wio.audit import services as audit

pytestmark = pytest.mark.django_db


def _cases_in_new_regions(count: int) -> None:
    for _ in range(count):
        region = RegionFactory()
        CaseFactory(
            gemeente=OrganisationFactory(region=region),
            swv=OrganisationFactory(swv=True, region=region),
            last_name="Onzichtbaar",
        )


def test_project_staff_see_counts_but_never_a_youth(signed_in: Callable[[User], Client]) -> None:
    _cases_in_new_regions(3)
    client = signed_in(user_with_role(Role.PROJECT_STAFF))

    response = client.get(reverse("monitor:dashboard"))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Onzichtbaar" not in html
    assert "WIO-T" not in html  # no case references
    assert "<svg" in html


def test_dashboard_query_count_does_not_grow_with_regions_or_cases(
    signed_in: Callable[[User], Client], django_assert_max_num_queries: Any
) -> None:
    client = signed_in(user_with_role(Role.PROJECT_STAFF))
    _cases_in_new_regions(2)
    with django_assert_max_num_queries(60) as few:
        assert client.get(reverse("monitor:dashboard")).status_code == 200
    _cases_in_new_regions(20)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(reverse("monitor:dashboard")).status_code == 200


def test_a_ministry_user_gets_404_on_the_dashboard(signed_in: Callable[[User], Client]) -> None:
    client = signed_in(user_with_role(Role.MINISTRY))

    assert client.get(reverse("monitor:dashboard")).status_code == 404


def test_the_dashboard_offers_only_reporting_dates_and_shows_the_stored_edition(
    signed_in: Callable[[User], Client],
) -> None:
    # Given project staff and a published latest reporting date
    _cases_in_new_regions(2)
    client = signed_in(user_with_role(Role.PROJECT_STAFF))
    first = client.get(reverse("monitor:dashboard"))

    # When cases are added and the same date is shown again
    _cases_in_new_regions(3)
    again = client.get(reverse("monitor:dashboard"))

    # Then the choice holds the reporting dates only, and the page shows the same stored edition
    dates = reporting_dates()
    options = re.findall(r'<option value="([0-9-]+)"', first.content.decode())
    assert options == [d.isoformat() for d in dates]
    assert again.context["board"].publication == first.context["board"].publication
    assert again.context["board"].national == first.context["board"].national
    assert "Hoe deze cijfers worden gepubliceerd" in first.content.decode()


def test_the_core_counts_definition_is_printed_once(signed_in: Callable[[User], Client]) -> None:
    # given counts for a few regions
    _cases_in_new_regions(3)
    client = signed_in(user_with_role(Role.PROJECT_STAFF))

    # when the dashboard shows the core counts nationally, by phase and by region
    html = client.get(reverse("monitor:dashboard")).content.decode()

    # then what each core count means is said once, not under each of the three tables
    assert html.count("Het aantal verschillende ouders") == 1


def _before_the_latest_reporting_date() -> datetime:
    return timezone.make_aware(datetime.combine(max(reporting_dates()) - timedelta(days=1), time(12)))


def test_the_dashboard_checks_its_stories_in_the_same_queries_for_2_stories_as_for_8(
    signed_in: Callable[[User], Client], django_assert_max_num_queries: Any
) -> None:
    # Given project staff, and approved stories of different cases
    client = signed_in(user_with_role(Role.PROJECT_STAFF))
    StoryFactory.create_batch(2, approved=True, approved_at=_before_the_latest_reporting_date())
    client.get(reverse("monitor:dashboard"))  # publishes the reporting date's edition
    with django_assert_max_num_queries(60) as few:
        assert client.get(reverse("monitor:dashboard")).status_code == 200

    # When six more cases have approved stories
    StoryFactory.create_batch(6, approved=True, approved_at=_before_the_latest_reporting_date())

    # Then the page reads them, and checks each against its own case, in as many queries
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("monitor:dashboard"))
    assert len(response.context["board"].stories) == LATEST_STORIES < 8


def test_a_correction_is_shown_as_soon_as_it_is_published(signed_in: Callable[[User], Client]) -> None:
    # Given the dashboard showing a reporting date's first edition
    client = signed_in(user_with_role(Role.PROJECT_STAFF))
    first = client.get(reverse("monitor:dashboard")).context["board"].publication

    # When a correction of that date is published
    correction = publish_correction(
        reporting_date=first.reporting_date, reason="Late registratie verwerkt", actor=audit.actor_from()
    )

    # Then the next view shows the correction, not the edition the process read before
    shown = client.get(reverse("monitor:dashboard")).context["board"].publication
    assert (shown.pk, shown.edition) == (correction.pk, 2)
