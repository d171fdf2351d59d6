from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from . import services
from .constants import Action, Purpose
from .reads import unrecorded

Handler = Callable[[HttpRequest], HttpResponse]

DENIED_EVENTS = {401: "http.unauthorized", 403: "http.forbidden", 429: "http.rate_limited"}


class AuditDeniedMiddleware:
    """Every refused request (403; 401 from the API without a valid token; 429 from a rate limit)
    leaves a denied event (LOG-9).

    Out-of-scope objects answer 404; the selectors that decide so record those denials themselves,
    with the object they refused.
    """

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code in DENIED_EVENTS and not getattr(response, "wio_audited", False):
            services.record_denial(
                request=request,
                event_type=DENIED_EVENTS[response.status_code],
                action=Action.EXECUTE if request.method != "GET" else Action.READ,
                purpose=Purpose.SECURITY,
                detail={"path": request.path[:200], "method": request.method or ""},
            )
        return response


class AuditReadMiddleware:
    """Records the reads the scoped selectors noted and no view recorded itself (see reads.py)."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        missing = unrecorded(request, response)
        if missing:
            match = request.resolver_match
            view = match.view_name if match else ""
            for purpose in {item.purpose for item in missing}:
                services.record_read(
                    request=request,
                    objects=[item.obj for item in missing if item.purpose == purpose],
                    event_type="page.read",
                    purpose=purpose,
                    detail={"view": view, "method": request.method or ""},
                )
        return response
