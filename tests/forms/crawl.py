"""One crawl of the demo as each kind of user: the pages reachable by links, and the forms on them."""

import re
from collections import Counter, deque
from dataclasses import dataclass

from django.test import Client
from django.urls import Resolver404, resolve

from .browser_forms import BrowserForm, links, post_forms
from .page_language import language_findings

# Where a crawl does not go: signing out, the library's account pages and the Django admin.
NOT_CRAWLED_PREFIXES = ("/account/", "/beheer/", "/static/", "/.well-known/")
# Pages of one kind visited per user: enough for variety (an exemption and an absenteeism case,
# beraden in different states), few enough to stay quick.
PAGES_PER_ROUTE = 3
# Object pages whose forms depend on the object's state see more of their kind.
PAGES_PER_OBJECT_ROUTE = {"moreelberaad:detail": 12, "cases:detail": 6, "monitor:story_detail": 6}
MAX_PAGES_PER_USER = 600


@dataclass(frozen=True)
class CrawledPage:
    role: str
    path: str
    view: str
    shown: frozenset[str]  # references of the youths whose reference or name the page shows
    audited: frozenset[str]  # references the request's read events name
    language: tuple[str, ...] = ()  # library English or ISO dates in the visible text


@dataclass(frozen=True)
class YouthIndex:
    """Every youth's reference and name, to find them in a page."""

    pattern: re.Pattern[str]
    reference_of: dict[str, str]

    @classmethod
    def build(cls, youths: list[tuple[str, str]]) -> "YouthIndex":
        """References always; a name only when one youth has it (the demo repeats some names)."""
        names = Counter(name for _reference, name in youths)
        reference_of = {}
        for reference, name in youths:
            reference_of[reference] = reference
            if names[name] == 1:
                reference_of[name] = reference
        alternatives = sorted(reference_of, key=len, reverse=True)
        return cls(re.compile("|".join(re.escape(text) for text in alternatives)), reference_of)

    def shown_in(self, html: str) -> frozenset[str]:
        return frozenset(self.reference_of[match] for match in self.pattern.findall(html))


def _read_events_since(last_id: int) -> frozenset[str]:
    from wio.audit.models import AuditEvent

    # A read, or an export (a print is one), names the youth whose data the response carries.
    events = AuditEvent.objects.filter(pk__gt=last_id, action__in=("R", "E"))
    refs = events.values_list("youth_ref", flat=True)
    return frozenset(ref for ref in refs if ref)


def _last_event_id() -> int:
    from wio.audit.models import AuditEvent

    return AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


@dataclass(frozen=True)
class FoundForm:
    role: str
    email: str
    route: str  # the route name the form posts to
    form: BrowserForm


def route_of(path: str) -> str:
    try:
        match = resolve(path.split("?", 1)[0])
    except Resolver404:
        return ""
    return match.view_name or match.route


def variety_of(path: str) -> str:
    """The route plus its non-numeric arguments: each dossier section counts as a page of its own."""
    match = resolve(path.split("?", 1)[0])
    words = sorted(str(value) for value in match.kwargs.values() if not str(value).isdigit())
    return ":".join([match.view_name or match.route, *words])


def crawl(
    client: Client, role: str, email: str, youths: YouthIndex
) -> tuple[list[CrawledPage], list[FoundForm]]:
    """Breadth-first over the links a user sees; returns the pages visited and their POST forms."""
    queue = deque(["/"])
    seen: set[str] = {"/"}
    per_route: dict[str, int] = {}
    visited: list[CrawledPage] = []
    found: list[FoundForm] = []
    while queue and len(visited) < MAX_PAGES_PER_USER:
        path = queue.popleft()
        last_event = _last_event_id()
        response = client.get(path)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        audited = _read_events_since(last_event)
        visited.append(
            CrawledPage(role, path, route_of(path), youths.shown_in(html), audited, language_findings(html))
        )
        for form in post_forms(html, path):
            found.append(FoundForm(role, email, route_of(form.action), form))
        for target in links(html, path):
            route = route_of(target)
            if target in seen or not route or target.startswith(NOT_CRAWLED_PREFIXES):
                continue
            seen.add(target)
            kind = variety_of(target)
            if per_route.get(kind, 0) >= PAGES_PER_OBJECT_ROUTE.get(kind, PAGES_PER_ROUTE):
                continue
            per_route[kind] = per_route.get(kind, 0) + 1
            queue.append(target)
    return visited, found
