"""A long dossier shows each section a page at a time (issue 13): the 20 newest timeline entries,
then "Toon de volgende 20" — in place with htmx, or as a page of that section without JavaScript.
The printed dossier stays complete. The case page's queries do not grow with the case."""

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

from cases.constants import ConversationKind
from cases.models import Case, Conversation
from cases.section_pages import READ_IN_FULL, SECTION_READS_PER_PAGE
from cases.sections import SECTIONS
from tests.cases.dossier_support import deferred_links, fill_every_list
from tests.cases.factories import CaseFactory, InvolvedFactory, TimelineEntryFactory
from tests.factories import user_with_role
from wio.accounts.constants import Role
from wio.accounts.models import User
from wio.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def lpa() -> User:
    return user_with_role(Role.LPA)


def _case(lpa: User) -> Case:
    return CaseFactory(gemeente=lpa.memberships.get().organisation)


def _timeline(case: Case, count: int) -> None:
    """Entry 0 is today's, entry 1 yesterday's, ...: the screen shows entry 0 first."""
    today = timezone.localdate()
    for number in range(count):
        TimelineEntryFactory(
            case=case, occurred_on=today - timedelta(days=number), description=f"Regel-{number}."
        )


def _numbers(html: bytes) -> list[int]:
    soup = BeautifulSoup(html, "html.parser")
    texts = [div.get_text(strip=True) for div in soup.select("li > div")]
    return [int(text[6:-1]) for text in texts if text.startswith("Regel-")]


def _rows_url(case: Case, start: int) -> str:
    return f"{reverse('cases:section_rows', args=[case.pk, 'tijdlijn'])}?vanaf={start}"


def test_the_dossier_shows_the_20_newest_entries_and_a_link_to_the_next_20(
    lpa: User, signed_in: Callable[[User], Client]
) -> None:
    case = _case(lpa)
    _timeline(case, 45)

    response = signed_in(lpa).get(reverse("cases:detail", args=[case.pk]))

    assert _numbers(response.content) == list(range(20))
    link = BeautifulSoup(response.content, "html.parser").find("a", href=_rows_url(case, 20))
    assert link is not None
    assert link["hx-get"] == _rows_url(case, 20)
    assert "Toon de volgende 20" in link.get_text()


def test_the_load_more_link_without_javascript_opens_a_page_of_the_section(
    lpa: User, signed_in: Callable[[User], Client]
) -> None:
    case = _case(lpa)
    _timeline(case, 45)
    client = signed_in(lpa)

    response = client.get(_rows_url(case, 20))

    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" in html
    assert "<h1" in html
    assert _numbers(response.content) == list(range(20, 40))
    assert f'href="{_rows_url(case, 40)}"' in html
    last = client.get(_rows_url(case, 40))
    assert _numbers(last.content) == list(range(40, 45))
    assert "vanaf=" not in last.content.decode()


def test_the_load_more_link_with_htmx_returns_only_the_rows_and_the_next_link(
    lpa: User, signed_in: Callable[[User], Client]
) -> None:
    case = _case(lpa)
    _timeline(case, 45)

    response = signed_in(lpa).get(_rows_url(case, 20), headers={"HX-Request": "true"})

    html = response.content.decode()
    assert "<html" not in html
    assert "<h1" not in html
    assert _numbers(response.content) == list(range(20, 40))
    assert f'hx-get="{_rows_url(case, 40)}"' in html


def test_each_view_records_one_read_of_the_case_not_one_per_entry(
    lpa: User, signed_in: Callable[[User], Client]
) -> None:
    case = _case(lpa)
    _timeline(case, 45)
    client = signed_in(lpa)

    client.get(reverse("cases:detail", args=[case.pk]))
    client.get(_rows_url(case, 20), headers={"HX-Request": "true"})

    reads = AuditEvent.objects.filter(youth_ref=case.reference, action="R")
    assert sorted(reads.values_list("event_type", flat=True)) == ["case.detail", "case.section"]


def test_a_case_of_another_municipality_answers_404(lpa: User, signed_in: Callable[[User], Client]) -> None:
    other = CaseFactory()

    response = signed_in(lpa).get(_rows_url(other, 20))

    assert response.status_code == 404


def test_the_printed_dossier_stays_complete(lpa: User, signed_in: Callable[[User], Client]) -> None:
    case = _case(lpa)
    _timeline(case, 45)

    response = signed_in(lpa).get(reverse("cases:print", args=[case.pk]))

    assert sorted(_numbers(response.content)) == list(range(45))


def _grow(case: Case, count: int) -> None:
    people = InvolvedFactory.create_batch(count, case=case)
    today = timezone.localdate()
    for number in range(count):
        entry = TimelineEntryFactory(case=case, occurred_on=today - timedelta(days=number))
        entry.involved.set(people[:3])


def _page_queries(client: Client, case: Case) -> CaptureQueriesContext:
    with CaptureQueriesContext(connection) as context:
        assert client.get(reverse("cases:detail", args=[case.pk])).status_code == 200
    return context


def _small_and_large(lpa: User, client: Client) -> tuple[CaptureQueriesContext, CaptureQueriesContext]:
    """The page of a case with 5 rows in every list and of one with 200 timeline entries and people:
    both read every list, so what they cost differs only in the size of the lists."""
    small, large = _case(lpa), _case(lpa)
    fill_every_list(small, rows=5)
    fill_every_list(large, rows=5)
    _grow(large, 200)
    client.get(reverse("cases:detail", args=[small.pk]))  # the session's first view may set up once
    return _page_queries(client, small), _page_queries(client, large)


def test_the_case_page_runs_as_many_queries_for_5_entries_as_for_200(
    lpa: User, signed_in: Callable[[User], Client]
) -> None:
    small_queries, large_queries = _small_and_large(lpa, signed_in(lpa))

    assert len(large_queries) == len(small_queries), _sql(large_queries)


def test_the_case_page_runs_at_most_20_queries(lpa: User, signed_in: Callable[[User], Client]) -> None:
    small_queries, _large = _small_and_large(lpa, signed_in(lpa))

    assert len(small_queries) <= 20, _sql(small_queries)


def test_sections_beyond_the_pages_reads_load_their_rows_in_place_when_seen(
    lpa: User, signed_in: Callable[[User], Client]
) -> None:
    """A case with rows in every section: the page reads the first SECTION_READS_PER_PAGE of them; each
    later one has a link that loads its first rows in place (htmx, also when scrolled into view), or
    opens that section's page without JavaScript. Every load is an audited read of the case."""
    client = signed_in(lpa)
    case = _case(lpa)
    fill_every_list(case, rows=3)
    html = client.get(reverse("cases:detail", args=[case.pk])).content.decode()

    deferred = deferred_links(BeautifulSoup(html, "html.parser"))
    read = [s.slug for s in SECTIONS if s.slug not in deferred and s.slug not in READ_IN_FULL]
    assert len(read) == SECTION_READS_PER_PAGE
    assert list(deferred) == [s.slug for s in SECTIONS][-len(deferred) :]
    assert "Rust" not in html  # the outcomes' rows are not on the page itself
    narrative = BeautifulSoup(html, "html.parser").select_one("#leerverhaal")
    assert narrative is not None
    assert "leerverhaal" in deferred
    assert (
        narrative.select_one(f'a[href="{reverse("cases:entry_add", args=[case.pk, "leerverhaal"])}"]') is None
    )
    link = deferred["uitkomsten"]
    assert link.get_text(" ", strip=True) == "Toon de regels : Uitkomst per perspectief"
    assert link["hx-get"] == link["href"]

    before = AuditEvent.objects.filter(event_type="case.section").count()
    rows = client.get(link["hx-get"], headers={"HX-Request": "true"}).content.decode()
    assert rows.count("Rust") == 3
    assert "<html" not in rows
    assert AuditEvent.objects.filter(event_type="case.section").count() == before + 1
    page = client.get(link["href"]).content.decode()
    assert "<html" in page
    assert page.count("Rust") == 3


def test_more_rows_take_the_same_queries_for_5_and_200_entries(
    lpa: User, signed_in: Callable[[User], Client]
) -> None:
    client = signed_in(lpa)
    small, large = _case(lpa), _case(lpa)
    _grow(small, 25)
    _grow(large, 200)
    client.get(
        _rows_url(small, 20), headers={"HX-Request": "true"}
    )  # the session's first view may set up once
    counts = []
    for case in (small, large):
        with CaptureQueriesContext(connection) as context:
            client.get(_rows_url(case, 20), headers={"HX-Request": "true"})
        counts.append(len(context))
    assert counts[0] == counts[1] <= 20


def _sql(context: Any) -> str:
    return "\n".join(query["sql"][:200] for query in context.captured_queries)


def test_the_case_page_reads_only_the_rows_it_shows_and_still_counts_every_held_conversation(
    lpa: User, signed_in: Callable[[User], Client]
) -> None:
    # given a case with 45 conversations, 30 of them held
    case = _case(lpa)
    today = timezone.localdate()
    Conversation.objects.bulk_create(
        Conversation(
            case=case,
            kind=ConversationKind.OUDERGESPREK,
            held_on=today - timedelta(days=number),
            is_held=number % 3 != 0,
        )
        for number in range(45)
    )
    # when the officer opens the case page
    with CaptureQueriesContext(connection) as context:
        html = signed_in(lpa).get(reverse("cases:detail", args=[case.pk])).content.decode()
    # then the header counts all 30 held conversations
    assert f"30/{case.planned_conversations} gesprekken gehouden" in html
    # while the section shows the 20 newest and reads no more than those and one to tell more follow
    section = BeautifulSoup(html, "html.parser").find("section", id="gesprekken")
    assert section is not None
    assert "Toon de volgende 20" in section.get_text()
    conversation_rows = [
        q["sql"] for q in context.captured_queries if '"cases_conversation"."held_on"' in q["sql"]
    ]
    assert len(conversation_rows) == 1, conversation_rows
    assert conversation_rows[0].endswith("LIMIT 21")
