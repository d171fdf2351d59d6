"""The token endpoint, audited like a sign-in: every token issued or refused is an event naming the
client, never its secret or the token."""

import base64
import binascii
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, JsonResponse

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
        client_id, colon, _secret = decoded.partition(":")
        return client_id[:100] if colon else ""  # without a colon it may be the secret itself
    return str(request.POST.get("client_id", ""))[:100]


TOKEN_WINDOW_SECONDS = 60


def _too_many_requests(request: HttpRequest) -> bool:
    """Token requests per source address per minute (`WIO_API_TOKEN_RATE_LIMIT`): each wrong secret
    costs a password-hash check, so guessing is slowed down here rather than paid for in CPU."""
    key = f"wio-api-token:{audit.client_ip(request) or 'unknown'}"
    cache.add(key, 0, TOKEN_WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, TOKEN_WINDOW_SECONDS)
        count = 1
    return count > settings.WIO_API_TOKEN_RATE_LIMIT


class AuditedTokenView(TokenView):
    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if _too_many_requests(request):
            return JsonResponse({"error": "slow_down"}, status=429)  # audited by AuditDeniedMiddleware
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
        response.wio_audited = True  # type: ignore[attr-defined]  # AuditDeniedMiddleware: recorded here
        return response
