from typing import Any

from django.http import HttpRequest

from .navigation import navigation_for


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None:
        return {"nav_items": []}
    current = request.resolver_match.view_name if request.resolver_match else ""
    return {"nav_items": navigation_for(user), "nav_current": current}
