"""DRF authentication: a bearer token of an API client; the request acts as the client's service
account. There is deliberately no session authentication on the API: a browser session, with or
without its second factor, never reaches an API endpoint (NORMS AUTH-1)."""

from typing import Any

from oauth2_provider.contrib.rest_framework import OAuth2Authentication
from rest_framework.request import Request

from .oauth import client_of

CLIENT_ATTRIBUTE = "wio_api_client"


class ApiClientAuthentication(OAuth2Authentication):
    www_authenticate_realm = "wio"

    def authenticate(self, request: Request) -> tuple[Any, Any] | None:
        # The plain Django request: oauthlib reads the form body for a token, and through DRF that
        # parse would answer a non-JSON body with 415 before an anonymous caller hears 401.
        found = super().authenticate(request._request)
        if found is None:
            return None
        _user, token = found
        client = client_of(token.application)
        if client is None or client.is_revoked or not client.service_user.is_active:
            return None
        setattr(request._request, CLIENT_ATTRIBUTE, client)
        return client.service_user, token
