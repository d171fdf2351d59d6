"""A functional administrator creates an API client in the admin (secret shown once), a second one
approves its role, and revoking it after a confirmation stops its tokens."""

from collections.abc import Callable

from django.test import Client

import pytest
from bs4 import BeautifulSoup

from tests.cases.form_regression_support import as_post, with_values
from tests.factories import OrganisationFactory, user_with_role
from tests.forms.browser_forms import post_forms
from wio.accounts.constants import Role
from wio.accounts.grants import membership_request_approve
from wio.accounts.models import MembershipRequest, User
from wio.api.models import ApiClient
from wio.audit import services as audit
from wio.audit.models import AuditEvent

from ..conftest import sign_in
from .support import Api, token_response

pytestmark = pytest.mark.django_db

CLIENTS = "/beheer/api/apiclient/"


def _credentials(html: str) -> tuple[str, str]:
    codes = [code.get_text() for code in BeautifulSoup(html, "html.parser").select("dd code")]
    return codes[0], codes[1]


def test_created_in_the_admin_approved_by_a_second_and_revoked_after_confirming(
    signed_in: Callable[[User], Client],
) -> None:
    gemeente = OrganisationFactory(name="Gemeente Zuidstad")
    admin_client = signed_in(user_with_role(Role.FUNCTIONAL_ADMIN))
    form = admin_client.get(f"{CLIENTS}add/")
    assert form.status_code == 200
    (add,) = [f for f in post_forms(form.content.decode(), f"{CLIENTS}add/") if "name" in f.names()]
    payload = with_values(
        add, name="Leerplichtpakket Zuidstad", organisation=str(gemeente.pk), may_write="on"
    )
    shown = admin_client.post(add.action, as_post(payload))
    assert shown.status_code == 200
    assert "no-store" in shown["Cache-Control"]
    client_id, secret = _credentials(shown.content.decode())
    client = ApiClient.objects.get(name="Leerplichtpakket Zuidstad")
    assert client.application.client_id == client_id
    assert secret not in client.application.client_secret  # only the hash is kept
    assert AuditEvent.objects.filter(event_type="api.client_created", object_id=str(client.pk)).exists()

    http = Client()
    token = token_response(http, client, secret, "read write").json()["access_token"]
    api = Api(http=http, token=token)
    assert api.get("/api/v1/casussen/").json()["results"] == []  # no role until a second admin approves

    second_admin = user_with_role(Role.FUNCTIONAL_ADMIN)
    membership_request_approve(
        request_obj=MembershipRequest.objects.get(user=client.service_user),
        actor=audit.actor_from(user=second_admin),
    )
    assert api.get("/api/v1/casussen/").status_code == 200

    second = Client()
    signed_in_as_second = sign_in(second, second_admin)

    asked = signed_in_as_second.post(
        CLIENTS, {"action": "revoke", "_selected_action": [str(client.pk)], "index": "0"}
    )
    assert "Dit kan niet ongedaan worden gemaakt." in asked.content.decode()
    assert ApiClient.objects.get(pk=client.pk).revoked_at is None
    (confirm,) = [f for f in post_forms(asked.content.decode(), CLIENTS) if "confirmed" in f.names()]
    signed_in_as_second.post(confirm.action, as_post(confirm.payload()))
    assert ApiClient.objects.get(pk=client.pk).revoked_at is not None
    assert api.get("/api/v1/casussen/").status_code == 401
    assert token_response(Client(), client, secret).status_code == 401
    assert AuditEvent.objects.filter(event_type="api.client_revoked", object_id=str(client.pk)).exists()


def test_a_client_is_offered_only_for_organisations_it_can_act_for(
    signed_in: Callable[[User], Client],
) -> None:
    partner = OrganisationFactory(partner=True)
    admin_client = signed_in(user_with_role(Role.FUNCTIONAL_ADMIN))
    form = admin_client.get(f"{CLIENTS}add/")
    assert f'value="{partner.pk}"' not in form.content.decode()
    (add,) = [f for f in post_forms(form.content.decode(), f"{CLIENTS}add/") if "name" in f.names()]
    refused = admin_client.post(add.action, as_post(with_values(add, name="X", organisation=str(partner.pk))))
    assert refused.status_code == 200
    assert "errorlist" in refused.content.decode()
    assert not ApiClient.objects.exists()
