from collections.abc import Callable
from datetime import date

from django.test import Client
from django.urls import reverse

import pytest

from tests.factories import PhaseFactory, RegionFactory, UserFactory, user_with_role
from tests.monitor.factories import ReportFactory
from wio.accounts.constants import Role
from wio.accounts.models import User

pytestmark = pytest.mark.django_db

# The id of the panel each role's start page shows.
START_SECTION: dict[str, str] = {
    Role.LPA: 'id="start-cases"',
    Role.ONDERSTEUNER: 'id="start-cases"',
    Role.SWV_COORDINATOR: 'id="start-cases"',
    Role.PROJECT_STAFF: 'id="start-rollout"',
    Role.MINISTRY: 'id="start-ministry"',
    Role.PRIVACY_OFFICER: 'id="start-privacy"',
    Role.FUNCTIONAL_ADMIN: 'id="start-admin"',
}

# The navigation entries a role sees besides "Start" and "Beveiliging".
ROLE_NAVIGATION: dict[str, set[str]] = {
    Role.LPA: {
        "cases:list",
        "cases:my_work",
        "cases:hours_overview",
        "cases:handover_list",
        "moreelberaad:list",
    },
    Role.ONDERSTEUNER: {"cases:list", "cases:my_work", "cases:hours_overview", "moreelberaad:list"},
    Role.SWV_COORDINATOR: {"cases:list", "cases:my_work", "moreelberaad:list"},
    Role.PROJECT_STAFF: {"moreelberaad:list", "monitor:dashboard", "monitor:report_list"},
    Role.MINISTRY: {"monitor:report_list"},
    Role.PRIVACY_OFFICER: {"audit:event_list", "cases:access_list", "cases:destruction_list_index"},
    Role.FUNCTIONAL_ADMIN: {"admin:index", "cases:destruction_list_index"},
}


@pytest.mark.parametrize("role", Role.values)
def test_each_role_gets_its_own_start_page_and_navigation(
    role: str, signed_in: Callable[[User], Client]
) -> None:
    PhaseFactory()
    client = signed_in(user_with_role(role))

    response = client.get(reverse("portal:start"))

    assert response.status_code == 200
    html = response.content.decode()
    assert START_SECTION[role] in html
    for other_role, text in START_SECTION.items():
        if text != START_SECTION[role]:
            assert text not in html, f"{role} sees the section of {other_role}"
    offered = {item.url_name for item in response.context["nav_items"]}
    assert offered == {"portal:start", "mfa_index"} | ROLE_NAVIGATION.get(role, set())
    assert 'action="/account/logout/"' in html  # AUTH-6: logout on every signed-in page


def test_user_without_membership_is_told_to_ask_for_a_role(
    signed_in: Callable[[User], Client],
) -> None:
    client = signed_in(UserFactory())

    response = client.get(reverse("portal:start"))

    assert "nog niet gekoppeld aan een organisatie" in response.content.decode()


def test_start_page_query_count_does_not_grow_with_regions(
    signed_in: Callable[[User], Client], django_assert_max_num_queries: Callable[..., object]
) -> None:
    client = signed_in(user_with_role(Role.FUNCTIONAL_ADMIN))
    RegionFactory.create_batch(3)
    with django_assert_max_num_queries(20) as few:
        client.get(reverse("portal:start"))
    RegionFactory.create_batch(30)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("portal:start"))


@pytest.mark.django_db
def test_the_ministry_start_page_names_a_report_by_its_period_in_dutch_words(
    signed_in: Callable[[User], Client],
) -> None:
    # given a published national report over a period
    ReportFactory(published=True, period_start=date(2021, 7, 1), period_end=date(2026, 11, 30))

    # when a ministry user opens the start page
    html = signed_in(user_with_role(Role.MINISTRY)).get(reverse("portal:start")).content.decode()

    # then the report is named with its period in words, not in ISO form
    assert "Landelijk, 1 juli 2021 – 30 november 2026" in html
    assert "2021-07-01" not in html
    assert "2026-11-30" not in html
