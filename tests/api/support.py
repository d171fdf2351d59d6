"""API clients made the way a functional administrator makes them, and a test client with a token."""

import base64
import json
import uuid
from dataclasses import dataclass
from typing import Any

from django.test import Client

from wio.accounts.constants import Role
from wio.accounts.grants import membership_request_approve
from wio.accounts.models import MembershipRequest, Organisation
from wio.api.models import ApiClient
from wio.api.services import api_client_create
from wio.audit import services as audit

from ..factories import user_with_role


def _admin_actor() -> audit.Actor:
    return audit.actor_from(user=user_with_role(Role.FUNCTIONAL_ADMIN))


def make_api_client(
    organisation: Organisation, *, may_write: bool = True, approved: bool = True
) -> tuple[ApiClient, str]:
    """A client created by one administrator and, unless `approved` is False, approved by a second."""
    made = api_client_create(
        actor=_admin_actor(),
        name=f"Leerplichtpakket {organisation.name}",
        organisation=organisation,
        may_write=may_write,
    )
    if approved:
        request = MembershipRequest.objects.get(user=made.client.service_user)
        membership_request_approve(request_obj=request, actor=_admin_actor())
    return made.client, made.client_secret


def token_response(http: Client, client: ApiClient, secret: str, scope: str = "") -> Any:
    credentials = base64.b64encode(f"{client.application.client_id}:{secret}".encode()).decode()
    data = {"grant_type": "client_credentials", **({"scope": scope} if scope else {})}
    return http.post("/api/oauth/token/", data, HTTP_AUTHORIZATION=f"Basic {credentials}")


@dataclass
class Api:
    """Calls with a bearer token, JSON in and out."""

    http: Client
    token: str

    def _headers(self, headers: dict[str, str] | None) -> dict[str, str]:
        return {
            "HTTP_AUTHORIZATION": f"Bearer {self.token}",
            **{f"HTTP_{k.upper().replace('-', '_')}": v for k, v in (headers or {}).items()},
        }

    def get(self, path: str, headers: dict[str, str] | None = None) -> Any:
        return self.http.get(path, **self._headers(headers))

    def post(self, path: str, body: Any, headers: dict[str, str] | None = None) -> Any:
        return self.http.post(
            path, json.dumps(body), content_type="application/json", **self._headers(headers)
        )

    def patch(self, path: str, body: Any, headers: dict[str, str] | None = None) -> Any:
        return self.http.patch(
            path, json.dumps(body), content_type="application/json", **self._headers(headers)
        )


def api_for(organisation: Organisation, *, may_write: bool = True, scope: str = "") -> Api:
    client, secret = make_api_client(organisation, may_write=may_write)
    http = Client()
    response = token_response(http, client, secret, scope or ("read write" if may_write else "read"))
    assert response.status_code == 200, response.content
    return Api(http=http, token=response.json()["access_token"])


def new_key() -> str:
    return str(uuid.uuid4())
