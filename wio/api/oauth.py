"""django-oauth-toolkit hooks: a client gets only the scopes its ApiClient allows, and a revoked
client or one without an ApiClient gets no token at all."""

from typing import Any

from oauth2_provider.oauth2_validators import OAuth2Validator
from oauth2_provider.scopes import BaseScopes

from .models import ApiClient

SCOPES = {
    "read": "Lezen: casussen en gepubliceerde monitortabellen",
    "write": "Schrijven: casussen en hun regels aanmaken en wijzigen",
}


def client_of(application: Any) -> ApiClient | None:
    if application is None:
        return None
    try:
        client: ApiClient = application.wio_client
    except ApiClient.DoesNotExist:
        return None
    return client


class ClientScopes(BaseScopes):
    def get_all_scopes(self) -> dict[str, str]:
        return SCOPES

    def get_available_scopes(
        self, application: Any = None, request: Any = None, *args: Any, **kw: Any
    ) -> list[str]:
        client = client_of(application)
        return client.scopes if client is not None else []

    def get_default_scopes(
        self, application: Any = None, request: Any = None, *args: Any, **kw: Any
    ) -> list[str]:
        return self.get_available_scopes(application, request)


class ClientValidator(OAuth2Validator):
    def authenticate_client(self, request: Any, *args: Any, **kwargs: Any) -> bool:
        if not super().authenticate_client(request, *args, **kwargs):
            return False
        client = client_of(getattr(request, "client", None))
        return client is not None and not client.is_revoked
