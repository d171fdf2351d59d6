"""Every URL pattern of the project, with a name to key expectations on."""

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver


@dataclass(frozen=True)
class Route:
    key: str  # the view name, or the route itself for unnamed patterns
    route: str
    model_admin: Any


def _walk(resolver: URLResolver, prefix: str, namespaces: tuple[str, ...]) -> Iterator[Route]:
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            extra = (pattern.namespace,) if pattern.namespace else ()
            yield from _walk(pattern, prefix + str(pattern.pattern), namespaces + extra)
        elif isinstance(pattern, URLPattern):
            route = prefix + str(pattern.pattern)
            key = ":".join((*namespaces, pattern.name)) if pattern.name else route
            yield Route(key, route, getattr(pattern.callback, "model_admin", None))


def all_routes() -> list[Route]:
    return list(_walk(get_resolver(), "/", ()))
