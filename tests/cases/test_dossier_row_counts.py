"""The dossier page reads each list's row count with the case and skips every empty list (issue 13):
a typical case has 9 of its 13 sections empty, and each read of nothing cost a query."""

from collections.abc import Callable

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.formats import date_format

import pytest

from cases.models import Case
from cases.row_counts import row_count, row_count_annotations
from cases.sections import SECTIONS
from cases.selectors_dossier import _counted_relations
from tests.cases.dossier_support import dossier_as_seen, fill_every_list
from tests.cases.factories import CaseFactory, TimelineEntryFactory
from tests.factories import user_with_role
from tests.forms.page_language import visible_text
from wio.accounts.constants import Role
from wio.accounts.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def lpa() -> User:
    return user_with_role(Role.LPA)


def test_each_count_read_with_the_case_is_the_number_of_its_own_rows() -> None:
    # given two filled cases, so a count that ignored its case would show double
    first, second = CaseFactory(), CaseFactory()
    fill_every_list(first, rows=3)
    fill_every_list(second, rows=2)
    relations = _counted_relations()

    cases = Case.objects.annotate(**row_count_annotations(relations)).filter(pk__in=[first.pk, second.pk])

    for case in cases:
        counted = {name: row_count(case, name) for name in relations}
        assert counted == {name: getattr(case, name).count() for name in relations}
    assert {row_count(case, "knelpunten") for case in cases} == {3, 2}  # many-to-many: its link table


def test_the_case_page_reads_no_section_the_case_has_no_rows_in(
    lpa: User, signed_in: Callable[[User], Client]
) -> None:
    case = CaseFactory(gemeente=lpa.memberships.get().organisation)
    TimelineEntryFactory(case=case, description="Huisbezoek gedaan.")
    client = signed_in(lpa)

    with CaptureQueriesContext(connection) as context:
        response = client.get(reverse("cases:detail", args=[case.pk]))

    def read(table: str) -> bool:
        """Whether a query read rows of `table` for this case (not, say, people through a link)."""
        return any(
            query["sql"].startswith(f'SELECT "{table}"."id"')
            and f'WHERE "{table}"."case_id" = ' in query["sql"]
            for query in context.captured_queries
        )

    empty = [s for s in SECTIONS if s.slug not in ("tijdlijn", "toestemming")]
    assert [section.slug for section in empty if read(section.model._meta.db_table)] == []
    assert not read("cases_attachment")
    assert read("cases_timelineentry")
    text = visible_text(response.content)
    assert "Huisbezoek gedaan." in text
    for section in empty:
        assert str(section.empty_text) in text


def test_every_row_links_to_its_own_edit_and_remove_pages_named_for_a_screen_reader(
    lpa: User, signed_in: Callable[[User], Client]
) -> None:
    case = CaseFactory(gemeente=lpa.memberships.get().organisation)
    fill_every_list(case, rows=2)
    entry = case.timelineentrys.first()
    assert entry is not None

    page = dossier_as_seen(signed_in(lpa), case)

    for section in SECTIONS:
        for row in getattr(case, section.related_name).all():
            edit = reverse("cases:entry_edit", args=[case.pk, section.slug, row.pk])
            remove = reverse("cases:entry_delete", args=[case.pk, section.slug, row.pk])
            link = page.select_one(f'#{section.slug} a[href="{edit}"]')
            assert link is not None, (section.slug, edit)
            assert (link["hx-get"], link["hx-target"]) == (edit, f"#{section.slug}-form")
            assert page.select_one(f'#{section.slug} a[href="{remove}"]') is not None
    timeline_edit = page.select_one(
        f'a[href="{reverse("cases:entry_edit", args=[case.pk, "tijdlijn", entry.pk])}"]'
    )
    assert timeline_edit is not None
    assert timeline_edit.get_text(" ", strip=True) == f"Bewerken {date_format(entry.occurred_on)}"


def test_the_panels_of_other_apps_read_nothing_for_a_case_without_beraden_or_stories(
    lpa: User, signed_in: Callable[[User], Client]
) -> None:
    empty, filled = (CaseFactory(gemeente=lpa.memberships.get().organisation) for _ in range(2))
    fill_every_list(filled, rows=1)
    client = signed_in(lpa)

    with CaptureQueriesContext(connection) as context:
        client.get(reverse("cases:detail", args=[empty.pk]))
    page = client.get(reverse("cases:detail", args=[filled.pk]))

    read = " ".join(query["sql"] for query in context.captured_queries)
    assert 'SELECT "moreelberaad_beraad"."id"' not in read
    assert 'SELECT "monitor_story"."id"' not in read
    beraad, story = filled.beraden.get(), filled.stories.get()
    assert [b.pk for b in page.context["panels"][0].context["beraden"]] == [beraad.pk]
    assert [s.pk for s, _editable in page.context["panels"][1].context["stories"]] == [story.pk]
