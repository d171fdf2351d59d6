"""The demo tells stories (issue 14 item 7): its approvals fall inside the period the report form
offers by default and before the latest reporting date, so the demo's national report and the
dashboard both have stories."""

import io
import re
from collections.abc import Callable
from datetime import date
from typing import Any

from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

import pytest

from monitor.demo import approval_moments
from monitor.models import Story
from monitor.publications.reporting_dates import latest_reporting_date
from monitor.stories.selectors import approved_stories_for_report
from tests.factories import PhaseFactory
from wio.accounts.models import User

pytestmark = pytest.mark.django_db


def _offered(html: str, name: str) -> str:
    """The value a field of the rendered form starts with (an <input value> or a selected <option>)."""
    field = re.search(rf'<input[^>]*name="{name}"[^>]*>', html)
    if field is not None:
        value = re.search(r'value="([^"]*)"', field.group(0))
        assert value is not None, name
        return value.group(1)
    select = re.search(rf'<select[^>]*name="{name}".*?</select>', html, re.S)
    assert select is not None, name
    selected = re.search(r'<option value="([^"]*)"[^>]*selected', select.group(0))
    assert selected is not None, name
    return selected.group(1)


def test_the_demo_national_report_of_the_default_period_has_stories(
    settings: Any, signed_in: Callable[[User], Client]
) -> None:
    # given the demo
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())

    # when its project staff member opens the report form
    client = signed_in(User.objects.get(email="projectmedewerker@wio.example"))
    html = client.get(reverse("monitor:report_list")).content.decode()
    scope = _offered(html, "scope")
    start, end = (date.fromisoformat(_offered(html, name)) for name in ("period_start", "period_end"))
    peildatum = date.fromisoformat(_offered(html, "peildatum"))

    # then a national report of the period it offers tells at least three approved stories
    assert scope == "national"
    assert len(approved_stories_for_report(None, start, end)) >= 3
    # and every demo approval (and its review) lies before the reporting date of those counts
    assert peildatum == latest_reporting_date()
    for story in Story.objects.all():
        assert story.approved_at is not None
        assert story.reviewed_at == story.approved_at
        assert start <= timezone.localdate(story.approved_at) <= peildatum
    # so the dashboard, which shows the stories up to its reporting date, has them too
    dashboard = client.get(reverse("monitor:dashboard")).content.decode()
    assert "Er zijn nog geen verhalen goedgekeurd." not in dashboard
    assert dashboard.count('<article class="border rounded p-3 mb-2">') >= 3


def test_approvals_spread_over_the_months_before_the_latest_reporting_date() -> None:
    PhaseFactory()

    moments = [timezone.localdate(moment) for moment in approval_moments(6, today=date(2026, 12, 3))]

    assert moments == sorted(moments)
    assert moments[0] >= date(2026, 9, 1)
    assert moments[-1] == date(2026, 11, 30)
    assert len(set(moments)) == 6


def test_in_january_approvals_stay_in_this_year_where_the_default_period_starts() -> None:
    PhaseFactory()

    moments = [timezone.localdate(moment) for moment in approval_moments(3, today=date(2027, 1, 10))]

    assert moments == [date(2027, 1, 10)] * 3
