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


# Answers every operation can give, whatever it does; documented once here instead of on each view.
COMMON_RESPONSES = {
    "401": "Geen of een ongeldig token.",
    "403": "Het token mag dit niet (scope of rol).",
    "429": "Te veel verzoeken; probeer het over een minuut opnieuw.",
}
BODY_RESPONSES = {
    "400": "De gegevens zijn niet geldig; per veld de reden.",
    "415": "Stuur JSON (Content-Type: application/json).",
}
ERROR_SCHEMA = {"type": "object", "additionalProperties": True}


def document_common_responses(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    """drf-spectacular postprocessing hook: add the shared answers to every API operation."""
    for operations in result.get("paths", {}).values():
        for method, operation in operations.items():
            answers = {**COMMON_RESPONSES, **(BODY_RESPONSES if method in {"post", "patch"} else {})}
            if any(p.get("name") == "Idempotency-Key" for p in operation.get("parameters", [])):
                answers["422"] = "Deze Idempotency-Key is al gebruikt voor een ander verzoek."
            responses = operation.setdefault("responses", {})
            for code, description in answers.items():
                responses.setdefault(
                    code,
                    {"description": description, "content": {"application/json": {"schema": ERROR_SCHEMA}}},
                )
    return result
