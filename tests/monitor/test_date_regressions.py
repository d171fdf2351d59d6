"""Issue 8, defect 3 for the monitor: a reference date of 0001-01-01 is refused by the report form
(no report is queued) and ignored by the dashboard, which still answers."""

from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.test import Client
from django.urls import reverse

import pytest

from monitor.models import Report
from monitor.publications.reporting_dates import latest_reporting_date
from tests.cases.form_regression_support import (
    as_post,
    field_error,
    rendered_form,
    with_values,
)
from tests.factories import user_with_role
from wio.accounts.constants import Role
from wio.accounts.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _private_storage(tmp_path: Path, settings: Any) -> None:
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def staff_client(signed_in: Callable[[User], Client]) -> Client:
    return signed_in(user_with_role(Role.PROJECT_STAFF))


def test_a_report_for_a_far_reference_date_is_refused(staff_client: Client) -> None:
    form = rendered_form(staff_client, reverse("monitor:report_list"), having="peildatum")

    response = staff_client.post(form.action, as_post(with_values(form, peildatum="0001-01-01")))

    assert response.status_code in (200, 422)
    assert "peildatum" in response.context["form"].errors
    # only reporting dates can be chosen (ADR 0017), so a far date is not one of them
    assert "0001-01-01" in field_error(response.content.decode(), "peildatum")
    assert not Report.objects.exists()


def test_the_dashboard_ignores_a_far_reference_date(staff_client: Client) -> None:
    response = staff_client.get(reverse("monitor:dashboard"), {"peildatum": "0001-01-01"})

    assert response.status_code == 200
    assert response.context["board"].peildatum == latest_reporting_date()
    assert 'id="peildatum-error"' in response.content.decode()  # and the user is told why
