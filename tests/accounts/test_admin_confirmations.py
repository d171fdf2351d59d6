"""Issue 14 items 3 and 8: the user list's actions ask first; the admin's breadcrumb is Dutch."""

from collections.abc import Callable

from django.test import Client

import pytest

from tests.cases.form_regression_support import as_post
from tests.factories import user_with_role
from tests.forms.browser_forms import post_forms
from wio.accounts.constants import Role
from wio.accounts.models import User
from wio.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

USERS = "/beheer/accounts/user/"


@pytest.mark.parametrize(
    ("action", "event_type"),
    [
        ("end_sessions", "account.sessions_ended"),
        ("deactivate", "account.deactivated"),
        ("reset_two_step_verification", "account.mfa_reset"),
    ],
)
def test_an_action_on_people_is_confirmed_before_it_happens(
    signed_in: Callable[[User], Client], action: str, event_type: str
) -> None:
    admin_client = signed_in(user_with_role(Role.FUNCTIONAL_ADMIN))
    colleague = user_with_role(Role.LPA)

    asked = admin_client.post(
        USERS, {"action": action, "_selected_action": [str(colleague.pk)], "index": "0"}
    )

    html = asked.content.decode()
    assert "Dit kan niet ongedaan worden gemaakt." in html or action == "deactivate"
    assert colleague.email in html
    assert not AuditEvent.objects.filter(event_type=event_type, object_id=str(colleague.pk)).exists()
    (confirm,) = [f for f in post_forms(html, USERS) if "confirmed" in f.names()]
    admin_client.post(confirm.action, as_post(confirm.payload()))
    assert AuditEvent.objects.filter(event_type=event_type, object_id=str(colleague.pk)).exists()


def test_the_admin_breadcrumb_reads_beheer_not_thuis(signed_in: Callable[[User], Client]) -> None:
    admin_client = signed_in(user_with_role(Role.FUNCTIONAL_ADMIN))

    html = admin_client.get(USERS).content.decode()

    breadcrumbs = html.split('class="breadcrumbs"', 1)[1].split("</div>", 1)[0]
    assert "Beheer" in breadcrumbs
    assert "Thuis" not in breadcrumbs
