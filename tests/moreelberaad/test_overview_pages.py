"""The beraad overview shows a page at a time (issue 13): 25 upcoming and 25 past beraden at most,
with plain links to the next page, and an audit read for each row shown, not for each beraad held."""

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest
from bs4 import BeautifulSoup

from moreelberaad.models import Beraad
from tests.cases.factories import CaseFactory
from tests.factories import user_with_role
from tests.moreelberaad.factories import BeraadFactory, ParticipantFactory
from wio.accounts.constants import Role
from wio.accounts.models import User
from wio.audit.models import AuditEvent

pytestmark = pytest.mark.django_db
LIST = reverse("moreelberaad:list")


@pytest.fixture
def coordinator() -> User:
    return user_with_role(Role.SWV_COORDINATOR)


def _past(coordinator: User, count: int) -> list[Beraad]:
    swv = coordinator.memberships.get().organisation
    now = timezone.now()
    return [
        BeraadFactory(case=CaseFactory(swv=swv), starts_at=now - timedelta(days=day + 1))
        for day in range(count)
    ]


def _references(html: bytes, section: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    table = soup.find("section", attrs={"aria-labelledby": section})
    return [cell.get_text(strip=True) for cell in table.select("tbody th[scope=row]")] if table else []


def test_the_past_beraden_come_25_at_a_time_newest_first_with_a_link_to_the_next_page(
    coordinator: User, signed_in: Callable[[User], Client]
) -> None:
    beraden = _past(coordinator, 30)  # newest first: day 1, 2, ...
    client = signed_in(coordinator)

    first = client.get(LIST)

    assert _references(first.content, "past-title") == [b.case.reference for b in beraden[:25]]
    soup = BeautifulSoup(first.content, "html.parser")
    nav = soup.find("nav", attrs={"aria-label": "Paginering"})
    assert nav is not None
    assert "Pagina 1 van 2" in nav.get_text()
    assert _page_link(first.content, "Volgende") == f"{LIST}?afgelopen=2"

    second = client.get(LIST, {"afgelopen": 2})

    assert _references(second.content, "past-title") == [b.case.reference for b in beraden[25:]]
    assert "Pagina 2 van 2" in second.content.decode()
    assert _page_link(second.content, "Vorige") == f"{LIST}?afgelopen=1"


def test_paging_one_list_keeps_the_page_of_the_other(
    coordinator: User, signed_in: Callable[[User], Client]
) -> None:
    swv = coordinator.memberships.get().organisation
    soon = timezone.now() + timedelta(days=1)
    upcoming = [
        BeraadFactory(case=CaseFactory(swv=swv), starts_at=soon + timedelta(days=d)) for d in range(27)
    ]
    _past(coordinator, 27)

    response = signed_in(coordinator).get(LIST, {"komend": 2, "afgelopen": 2})

    assert _references(response.content, "upcoming-title") == [b.case.reference for b in upcoming[25:]]
    assert len(_references(response.content, "past-title")) == 2
    assert "komend=2&amp;afgelopen=1" in response.content.decode()


def test_a_read_is_recorded_for_each_row_shown_and_no_other(
    coordinator: User, signed_in: Callable[[User], Client]
) -> None:
    beraden = _past(coordinator, 30)

    signed_in(coordinator).get(LIST, {"afgelopen": 2})

    reads = AuditEvent.objects.filter(event_type="beraad.list")
    assert reads.count() == 5
    assert set(reads.values_list("youth_ref", flat=True)) == {b.case.reference for b in beraden[25:]}


def test_the_overview_runs_as_many_queries_for_3_beraden_as_for_60(
    coordinator: User, signed_in: Callable[[User], Client]
) -> None:
    client = signed_in(coordinator)
    _past(coordinator, 3)
    client.get(LIST)  # the first view of a session may set things up once
    with CaptureQueriesContext(connection) as small:
        assert client.get(LIST).status_code == 200
    for beraad in _past(coordinator, 57):
        ParticipantFactory.create_batch(2, beraad=beraad)
    with CaptureQueriesContext(connection) as large:
        assert client.get(LIST).status_code == 200
    assert len(large) == len(small) <= 20, _sql(large)


def test_the_overview_reads_the_beraden_a_user_leads_once_for_both_lists(
    coordinator: User, signed_in: Callable[[User], Client]
) -> None:
    client = signed_in(coordinator)
    _past(coordinator, 3)
    client.get(LIST)
    with CaptureQueriesContext(connection) as context:
        assert client.get(LIST).status_code == 200
    scope_reads = [
        q for q in context.captured_queries if q["sql"].startswith('SELECT "moreelberaad_participant"')
    ]
    assert len(scope_reads) == 1, _sql(context)


def _page_link(html: bytes, text: str) -> str:
    nav = BeautifulSoup(html, "html.parser").find("nav", attrs={"aria-label": "Paginering"})
    link = nav.find("a", string=text) if nav else None
    return str(link["href"]) if link else ""


def _sql(context: Any) -> str:
    return "\n".join(query["sql"][:160] for query in context.captured_queries)
