"""The token endpoint, audited like a sign-in: every token issued or refused is an event naming the
client, never its secret or the token."""

import base64
import binascii
from typing import Any

from django.http import HttpRequest, HttpResponse

from oauth2_provider.models import Application
from oauth2_provider.views import TokenView

from wio.audit import services as audit
from wio.audit.constants import Action, Purpose, Result

from .oauth import client_of


def _client_id(request: HttpRequest) -> str:
    """The client id the caller named, from HTTP Basic or the form; only the part before the colon."""
    header = request.headers.get("Authorization", "")
    if header.lower().startswith("basic "):
        try:
            decoded = base64.b64decode(header[6:], validate=True).decode("utf-8", "replace")
        except (binascii.Error, ValueError):
            return ""
        return decoded.partition(":")[0][:100]
    return str(request.POST.get("client_id", ""))[:100]


class AuditedTokenView(TokenView):
    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response: HttpResponse = super().post(request, *args, **kwargs)
        client_id = _client_id(request)
        application = Application.objects.filter(client_id=client_id).first() if client_id else None
        client = client_of(application)
        issued = response.status_code == 200
        audit.record_event(
            actor=audit.actor_from(
                request=request,
                user=client.service_user if client else None,
                label=f"API-client {client.name}" if client else client_id,
            ),
            action=Action.EXECUTE,
            event_type="api.token_issued" if issued else "api.token_refused",
            purpose=Purpose.AUTHENTICATION,
            result=Result.OK if issued else Result.FAILED,
            detail={"client_id": client_id},
        )
        return response
