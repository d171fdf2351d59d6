"""Issue 8, defect 3 for the audit trail: a filter date at the calendar's end is a form error, not a 500."""

from collections.abc import Callable

from django.test import Client
from django.urls import reverse

import pytest

from tests.cases.form_regression_support import DATE_SPAN_MESSAGE, field_error
from tests.factories import user_with_role
from wio.accounts.constants import Role
from wio.accounts.models import User

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("field", ["date_to", "date_from"])
@pytest.mark.parametrize("typed", ["9999-12-31", "0001-01-01"])
def test_a_far_filter_date_is_explained_not_a_server_error(
    signed_in: Callable[[User], Client], field: str, typed: str
) -> None:
    client = signed_in(user_with_role(Role.PRIVACY_OFFICER))

    response = client.post(reverse("audit:event_list"), {field: typed})

    assert response.status_code == 422
    assert DATE_SPAN_MESSAGE in field_error(response.content.decode(), field)
