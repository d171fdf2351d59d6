"""How the OpenAPI schema describes the API's authentication (loaded by ApiConfig.ready)."""

from typing import Any

from drf_spectacular.extensions import OpenApiAuthenticationExtension

from .oauth import SCOPES


class ApiClientAuthenticationScheme(OpenApiAuthenticationExtension):
    target_class = "wio.api.authentication.ApiClientAuthentication"
    name = "clientCredentials"

    def get_security_definition(self, auto_schema: Any) -> dict[str, Any]:
        return {
            "type": "oauth2",
            "description": (
                "OAuth2 client credentials; de functioneel beheerder maakt per organisatie een client aan."
            ),
            "flows": {"clientCredentials": {"tokenUrl": "/api/oauth/token/", "scopes": SCOPES}},
        }
