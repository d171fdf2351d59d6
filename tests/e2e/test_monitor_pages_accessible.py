"""axe-core and the CSP on every monitor page a project staff member opens (issue #5)."""

from typing import Any

from django.core.management import call_command
from django.urls import reverse

import pytest

from monitor.models import Accountability, Story, Theme
from tests.e2e.conftest import BrowserSession

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_every_monitor_page_passes_axe(browser_session: BrowserSession, settings: Any) -> None:
    settings.DEBUG = True
    call_command("seed_demo")
    story = Story.objects.order_by("pk").first()
    theme = Theme.objects.order_by("pk").first()
    account = Accountability.objects.order_by("pk").first()
    assert story is not None
    assert theme is not None
    assert account is not None
    browser_session.log_in("projectmedewerker@wio.example")

    paths = [
        reverse("monitor:dashboard"),
        reverse("monitor:report_list"),
        reverse("monitor:story_list"),
        reverse("monitor:story_detail", args=[story.pk]),
        reverse("monitor:story_edit", args=[story.pk]),
        reverse("monitor:theme_list"),
        reverse("monitor:theme_create"),
        reverse("monitor:theme_edit", args=[theme.pk]),
        reverse("monitor:lesson_list"),
        reverse("monitor:lesson_create"),
        reverse("monitor:accountability_list"),
        reverse("monitor:accountability_edit", args=[account.region_id]),
        reverse("monitor:hotspots"),
    ]
    for path in paths:
        response = browser_session.goto(path)
        assert response is not None
        assert response.status == 200, path
        assert "WIO-" not in browser_session.page.content(), f"a case reference on {path}"
        browser_session.check_page()
