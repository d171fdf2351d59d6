"""Issue 14 item 4: the case list shows what is late, sorts on it, and shows an active search."""

from collections.abc import Callable
from datetime import date, timedelta

from django.test import Client
from django.urls import reverse
from django.utils import timezone

import pytest

from cases.constants import Status
from cases.models import Case
from tests.cases.factories import CaseFactory, TimelineEntryFactory
from tests.cases.form_regression_support import as_post
from tests.factories import user_with_role
from tests.forms.browser_forms import post_forms
from wio.accounts.constants import Role
from wio.accounts.models import User

pytestmark = pytest.mark.django_db

LIST = reverse("cases:list")


@pytest.fixture
def lpa() -> User:
    return user_with_role(Role.LPA)


@pytest.fixture
def lpa_client(lpa: User, signed_in: Callable[[User], Client]) -> Client:
    return signed_in(lpa)


def _case(lpa: User, weeks_ago: int, **fields: object) -> Case:
    start = timezone.localdate() - timedelta(weeks=weeks_ago)
    gemeente = lpa.memberships.get().organisation
    return CaseFactory(gemeente=gemeente, escalation_start_on=start, registered_on=start, **fields)


def _post_filter(client: Client, **values: str) -> str:
    (form,) = [f for f in post_forms(client.get(LIST).content.decode(), LIST) if f.action == LIST]
    payload = [(name, values.get(name, value)) for name, value in form.payload()]
    response = client.post(LIST, as_post(payload))
    assert response.status_code == 302
    assert all(value not in response["Location"] for value in values.values())
    return client.get(response["Location"]).content.decode()


def _row(html: str, reference: str) -> str:
    return html.split(reference, 1)[1].split("</tr>", 1)[0]


def test_a_late_milestone_is_named_in_words_and_an_early_one_says_when(lpa: User, lpa_client: Client) -> None:
    late = _case(lpa, weeks_ago=6, reference="WIO-LATE01")
    early = _case(lpa, weeks_ago=1, reference="WIO-EARLY1")
    closed = _case(lpa, weeks_ago=20, reference="WIO-CLOSED", status=Status.AFGESLOTEN)

    html = lpa_client.get(LIST).content.decode()

    assert "te laat sinds" in _row(html, late.reference)
    assert "verwacht" in _row(html, early.reference)
    assert "te laat" not in _row(html, closed.reference)


def test_sorting_by_the_next_milestone_puts_the_latest_first_and_finished_cases_last(
    lpa: User, lpa_client: Client
) -> None:
    _case(lpa, weeks_ago=1, reference="WIO-SORT01")
    _case(lpa, weeks_ago=30, reference="WIO-SORT02", status=Status.AFGESLOTEN)
    _case(lpa, weeks_ago=6, reference="WIO-SORT03")

    html = _post_filter(lpa_client, ordering="next_milestone")

    positions = [html.index(reference) for reference in ("WIO-SORT03", "WIO-SORT01", "WIO-SORT02")]
    assert positions == sorted(positions)


def test_the_last_activity_follows_the_newest_timeline_entry(lpa: User, lpa_client: Client) -> None:
    quiet = _case(lpa, weeks_ago=3, reference="WIO-QUIET1")
    busy = _case(lpa, weeks_ago=3, reference="WIO-BUSY01")
    Case.objects.filter(pk__in=[quiet.pk, busy.pk]).update(updated_at=timezone.now() - timedelta(days=40))
    TimelineEntryFactory(case=busy)

    html = _post_filter(lpa_client, ordering="-last_activity")

    assert html.index(busy.reference) < html.index(quiet.reference)


def test_an_active_search_is_shown_and_can_be_cleared_without_losing_other_filters(
    lpa: User, lpa_client: Client
) -> None:
    _case(lpa, weeks_ago=1, reference="WIO-SRCH01", last_name="Zoekbaar")
    _case(lpa, weeks_ago=1, reference="WIO-SRCH02", last_name="Anders")

    html = _post_filter(lpa_client, q="Zoekbaar", ordering="name")
    assert "Zoekbaar" in html.split("<table", 1)[0]  # named above the results
    assert "WIO-SRCH02" not in html

    cleared = lpa_client.get(LIST, {"clear_search": "1"}, follow=True).content.decode()
    assert "WIO-SRCH02" in cleared
    assert 'value="name" selected' in cleared


def test_a_stored_start_date_at_the_calendars_end_does_not_break_the_list(
    lpa: User, lpa_client: Client
) -> None:
    _case(lpa, weeks_ago=0, reference="WIO-FAR001")
    Case.objects.filter(reference="WIO-FAR001").update(escalation_start_on=date.max)

    response = _post_filter(lpa_client, ordering="next_milestone")

    assert "WIO-FAR001" in response


def test_the_partnership_filter_offers_the_partnerships_of_my_cases_and_narrows_the_list(
    lpa: User, lpa_client: Client
) -> None:
    # Given cases of my municipality in two partnerships
    first, second = _case(lpa, 2), _case(lpa, 3)
    # When I choose the second case's partnership in the rendered filter form
    html = _post_filter(lpa_client, swv=str(second.swv_id))
    # Then both partnerships are offered, the chosen one stays selected, and only its case is listed
    assert f'<option value="{first.swv_id}">{first.swv.name}</option>' in html
    assert f'<option value="{second.swv_id}" selected>{second.swv.name}</option>' in html
    assert second.reference in html
    assert first.reference not in html


def test_a_search_longer_than_allowed_shows_its_error_at_the_field(lpa: User, lpa_client: Client) -> None:
    # Given the rendered filter form
    (form,) = [f for f in post_forms(lpa_client.get(LIST).content.decode(), LIST) if f.action == LIST]
    # When a search of 101 characters is sent
    payload = [(name, "x" * 101 if name == "q" else value) for name, value in form.payload()]
    response = lpa_client.post(LIST, as_post(payload))
    # Then the list answers with the form, the field marked invalid and the Dutch error tied to it
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="form-control is-invalid"' in html
    assert 'aria-describedby="id_q_error"' in html
    assert 'id="id_q_error"' in html
    assert "niet meer dan 100 tekens" in html
