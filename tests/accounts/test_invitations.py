"""Issue 14 item 9: a new user is invited with a one-time link; the administrator never sets a password."""

import re
from collections.abc import Callable

from django.core import mail
from django.test import Client

import pytest

from tests.cases.form_regression_support import as_post
from tests.factories import OrganisationFactory, user_with_role
from tests.forms.browser_forms import post_forms
from wio.accounts.constants import GrantDecision, Role
from wio.accounts.models import MembershipRequest, User
from wio.audit.models import AuditEvent
from wio.outbox import services as outbox

pytestmark = pytest.mark.django_db

ADD_URL = "/beheer/accounts/user/add/"
NEW_PASSWORD = "Een-lang-en-eigen-wachtwoord-2026"


def _invite(client: Client, email: str) -> None:
    gemeente = OrganisationFactory()
    page = client.get(ADD_URL)
    html = page.content.decode()
    assert 'type="password"' not in html
    assert "After you've created a user" not in html
    (form,) = [f for f in post_forms(html, ADD_URL) if "email" in f.names()]
    fields = {"email": email, "first_name": "Nieuwe", "last_name": "Collega"}
    fields |= {"organisation": str(gemeente.pk), "role": Role.LPA}
    payload = [(name, fields.get(name, value)) for name, value in form.payload()]
    response = client.post(form.action, as_post(payload))
    assert response.status_code == 302, response.content.decode()[:2000]


def _link_in_mail() -> str:
    (message,) = mail.outbox
    match = re.search(r"https?://\S+/account/password/reset/key/\S+", message.body)
    assert match is not None, message.body
    return match.group(0).split("/account/", 1)[1]


def test_a_new_user_chooses_their_own_password_through_a_one_time_link(
    signed_in: Callable[[User], Client], client: Client
) -> None:
    admin_client = signed_in(user_with_role(Role.FUNCTIONAL_ADMIN))
    _invite(admin_client, "nieuw@gemeente.example")

    user = User.objects.get(email="nieuw@gemeente.example")
    assert not user.has_usable_password()
    assert MembershipRequest.objects.get(user=user).decision == GrantDecision.PENDING
    assert not user.memberships.exists()  # the role waits for a second administrator
    assert AuditEvent.objects.filter(event_type="account.invited", object_id=str(user.pk)).exists()
    assert outbox.run_due_here() == 1
    link = "/account/" + _link_in_mail()
    admin_client.logout()

    form_page = client.get(link, follow=True)
    page_path = form_page.request["PATH_INFO"]
    (form,) = [f for f in post_forms(form_page.content.decode(), page_path) if "password1" in f.names()]
    fields = {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    response = client.post(form.action, as_post([(n, fields.get(n, v)) for n, v in form.payload()]))

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    used_again = client.get(link, follow=True)
    assert "password1" not in used_again.content.decode()  # the link worked once


def test_nobody_sets_another_persons_password(signed_in: Callable[[User], Client]) -> None:
    admin_client = signed_in(user_with_role(Role.FUNCTIONAL_ADMIN))
    colleague = user_with_role(Role.LPA)

    response = admin_client.get(f"/beheer/accounts/user/{colleague.pk}/password/")

    assert response.status_code == 403
    change_page = admin_client.get(f"/beheer/accounts/user/{colleague.pk}/change/").content.decode()
    assert "../password/" not in change_page
    assert 'name="password' not in change_page


def test_a_new_link_is_confirmed_first_then_ends_the_old_password_and_reopens_enrolment(
    signed_in: Callable[[User], Client],
) -> None:
    admin_client = signed_in(user_with_role(Role.FUNCTIONAL_ADMIN))
    colleague = user_with_role(Role.LPA)
    assert colleague.has_usable_password()

    selection = {"action": "invite_again", "_selected_action": [str(colleague.pk)], "index": "0"}
    asked = admin_client.post("/beheer/accounts/user/", selection)
    colleague.refresh_from_db()
    assert colleague.has_usable_password()  # nothing happens before the confirmation
    (confirm,) = [
        f for f in post_forms(asked.content.decode(), "/beheer/accounts/user/") if "confirmed" in f.names()
    ]
    admin_client.post(confirm.action, as_post(confirm.payload()))

    colleague.refresh_from_db()
    assert not colleague.has_usable_password()
    assert outbox.run_due_here() == 1
    assert _link_in_mail()
    reopened = AuditEvent.objects.filter(event_type="account.enrolment_reopened", object_id=str(colleague.pk))
    assert reopened.exists()
