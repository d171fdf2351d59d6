"""The people dossier rows name, read for all rows in one query, are the people Django's own
prefetching finds for each row (row_people.attach_row_people)."""

import random
from collections.abc import Callable
from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from cases.models import Case, Involved, TimelineEntry
from cases.row_people import PEOPLE_OF_ROWS, attach_row_people
from tests.cases.dossier_support import fill_every_list
from tests.cases.factories import CaseFactory, InvolvedFactory, TimelineEntryFactory
from wio.accounts.constants import Role
from wio.accounts.models import User

pytestmark = pytest.mark.django_db
RowKey = tuple[str, int]


def _rows_of(cases: list[Case], *, prefetched: bool) -> list[Any]:
    rows: list[Any] = []
    for model, relation in PEOPLE_OF_ROWS.items():
        queryset = model._default_manager.filter(case__in=cases)
        rows += queryset.prefetch_related(relation) if prefetched else queryset
    return rows


def _named(rows: list[Any]) -> dict[RowKey, list[str]]:
    return {
        (type(row).__name__, row.pk): [
            person.name for person in getattr(row, PEOPLE_OF_ROWS[type(row)]).all()
        ]
        for row in rows
    }


# Names whose order depends on the database's collation (a Dutch or English one puts "de Boer" before
# "Zeger Zwart", code-point order after it): the rows must show them as `prefetch_related` does.
NAMES = ("Aaron Eerst", "de Boer", "van Dijk", "Émile Dubois", "Zeger Zwart", "ter Horst", "Ömer Kaya")


def _name_different_people_on_every_row(case: Case, rng: random.Random) -> None:
    people = [*Involved.objects.filter(case=case), *(InvolvedFactory(case=case, name=name) for name in NAMES)]
    for model, relation in PEOPLE_OF_ROWS.items():
        for row in model._default_manager.filter(case=case):
            getattr(row, relation).set(rng.sample(people, rng.randint(0, len(people))))


def test_every_row_gets_the_people_it_names_in_name_order_with_one_query() -> None:
    rng = random.Random(13)
    cases = [CaseFactory(), CaseFactory()]
    for case in cases:
        fill_every_list(case, rows=4)
        _name_different_people_on_every_row(case, rng)
    expected = _named(_rows_of(cases, prefetched=True))  # in the order the database sorts names
    rows = _rows_of(cases, prefetched=False)

    with CaptureQueriesContext(connection) as queries:
        attach_row_people(rows)
        named = _named(rows)

    assert len(queries) == 1
    assert "ORDER BY" in queries[0]["sql"].rsplit(")", 1)[-1]  # the database sorts the whole union
    assert named == expected
    assert {type(row).__name__ for row in rows} == {"TimelineEntry", "Conversation", "Consent"}
    assert [] in named.values()
    assert any(len(names) > 1 for names in named.values())


def test_a_row_read_twice_gets_its_people_on_both_copies() -> None:
    case = CaseFactory()
    fill_every_list(case, rows=2)
    entry = case.timelineentrys.first()
    assert entry is not None
    copies = [TimelineEntry.objects.get(pk=entry.pk), TimelineEntry.objects.get(pk=entry.pk)]

    attach_row_people(copies)

    with CaptureQueriesContext(connection) as queries:
        assert [len(copy.involved.all()) for copy in copies] == [2, 2]
    assert len(queries) == 0


def test_rows_that_cannot_name_anyone_cost_no_query() -> None:
    case = CaseFactory()
    with CaptureQueriesContext(connection) as queries:
        attach_row_people([case])

    assert len(queries) == 0


def _row_holding(html: str, text: str) -> str:
    """The list item of a dossier row, found by its description."""
    at = html.index(text)
    return html[html.rindex("<li", 0, at) : html.index("</li>", at)]


def test_the_rendered_dossier_shows_each_row_its_own_people(
    signed_in: Callable[[User], Client], role_user: Callable[[str], User]
) -> None:
    """Read back through the page: a name planted on one timeline row appears on that row only."""
    lpa = role_user(Role.LPA)
    case = CaseFactory(gemeente=lpa.memberships.get().organisation)
    planted = InvolvedFactory(case=case, name="Sentinel Zwaluwstaart")
    other = InvolvedFactory(case=case, name="Bram Anders")
    TimelineEntryFactory(case=case, description="Met de sentinel").involved.set([planted, other])
    TimelineEntryFactory(case=case, description="Zonder de sentinel").involved.set([other])

    html = signed_in(lpa).get(reverse("cases:detail", args=[case.pk])).content.decode()

    assert "Bram Anders, Sentinel Zwaluwstaart" in _row_holding(html, "Met de sentinel")
    without = _row_holding(html, "Zonder de sentinel")
    assert "Bram Anders" in without
    assert "Sentinel" not in without
