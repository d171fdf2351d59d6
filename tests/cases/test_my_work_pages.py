"""“My work” shows each list a page at a time (issue 13): 20 rows, plain links to the next page,
and an audit read for the cases on the rows shown, not for all of the user's work."""

from collections.abc import Callable

from django.test import Client
from django.urls import reverse

import pytest
from bs4 import BeautifulSoup

from cases.models import Case
from tests.cases.factories import ActionItemFactory, CaseFactory
from tests.factories import user_with_role
from wio.accounts.constants import Role
from wio.accounts.models import User
from wio.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

MY_WORK = reverse("cases:my_work")


def _officer_with_late_cases(count: int) -> tuple[User, list[Case]]:
    """Each case registered six weeks ago: one milestone (casusregie) two weeks late."""
    officer = user_with_role(Role.LPA)
    gemeente = officer.memberships.get().organisation
    cases = [CaseFactory(gemeente=gemeente, overdue=True) for _ in range(count)]
    return officer, sorted(cases, key=lambda case: case.reference)


def _references(html: bytes, section: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    found = soup.find("section", attrs={"aria-labelledby": section})
    return [cell.get_text(strip=True) for cell in found.select("tbody th[scope=row]")] if found else []


def test_the_milestones_come_20_at_a_time_with_a_plain_link_to_the_next_page(
    signed_in: Callable[[User], Client],
) -> None:
    officer, cases = _officer_with_late_cases(23)
    client = signed_in(officer)

    first = client.get(MY_WORK)

    assert _references(first.content, "milestones-title") == [case.reference for case in cases[:20]]
    html = first.content.decode()
    assert 'aria-label="Paginering"' in html
    assert "Pagina 1 van 2" in html
    assert f'href="{MY_WORK}?mijlpalen=2"' in html
    assert "23 items zijn te laat" in html  # the count covers all the work, not the page

    second = client.get(MY_WORK, {"mijlpalen": 2})

    assert _references(second.content, "milestones-title") == [case.reference for case in cases[20:]]
    assert "Pagina 2 van 2" in second.content.decode()


def test_the_lists_of_actions_have_pages_of_their_own(signed_in: Callable[[User], Client]) -> None:
    officer = user_with_role(Role.LPA)
    gemeente = officer.memberships.get().organisation
    for _ in range(21):
        case = CaseFactory(gemeente=gemeente)
        ActionItemFactory(case=case, owner=officer)
        ActionItemFactory(case=case, owner=None)

    response = signed_in(officer).get(MY_WORK, {"acties": 2})

    assert len(response.context["my_actions"].rows) == 1
    assert len(response.context["unowned_actions"].rows) == 20
    assert f'href="{MY_WORK}?acties=1"' in response.content.decode()
    assert f'href="{MY_WORK}?acties=2&amp;zonder_houder=2"' in response.content.decode()


def test_a_read_is_recorded_for_the_cases_shown_and_no_other(signed_in: Callable[[User], Client]) -> None:
    officer, cases = _officer_with_late_cases(23)

    signed_in(officer).get(MY_WORK, {"mijlpalen": 2})

    reads = AuditEvent.objects.filter(event_type="case.my_work")
    assert set(reads.values_list("youth_ref", flat=True)) == {case.reference for case in cases[20:]}
    assert reads.count() == 3
