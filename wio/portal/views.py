from datetime import timedelta

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from .selectors import start_page_for


@require_GET
@login_required
def start(request: HttpRequest) -> HttpResponse:
    page = start_page_for(request.user)  # type: ignore[arg-type]
    return render(request, "portal/start.html", {"page": page})


@require_GET
def accessibility_statement(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/accessibility.html")


@require_GET
def security_txt(request: HttpRequest) -> HttpResponse:
    """RFC 9116, mandatory for municipalities ("pas toe of leg uit", HDR-7)."""
    expires = timezone.now() + timedelta(days=settings.SECURITY_TXT_EXPIRES_DAYS)
    lines = [
        f"Contact: {settings.SECURITY_TXT_CONTACT}",
        f"Expires: {expires.replace(microsecond=0).isoformat()}",
        "Preferred-Languages: nl, en",
        f"Canonical: {request.build_absolute_uri('/.well-known/security.txt')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def not_available(request: HttpRequest) -> HttpResponse:
    """Shadows a library page WIO deliberately does not offer."""
    raise Http404
