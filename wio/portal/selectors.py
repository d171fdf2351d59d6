"""What the start page shows; every read is already limited to the user's own memberships."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.utils import timezone

from wio.accounts.constants import OrganisationKind, Role
from wio.accounts.models import Membership, Organisation, Phase, Region, User
from wio.accounts.selectors import memberships_of, phases_with_region_counts
from wio.audit.constants import Result
from wio.audit.models import AuditEvent

PanelContext = Callable[[User], dict[str, Any]]


@dataclass(frozen=True)
class StartPanel:
    template: str
    context: PanelContext


# Apps above wio contribute start-page panels per role from AppConfig.ready(); a role without one
# gets the platform's own panel (portal/start/<role>.html).
_PANELS: dict[str, StartPanel] = {}


def register_start_panel(role: str, template: str, context: PanelContext) -> None:
    _PANELS[role] = StartPanel(template, context)


@dataclass(frozen=True)
class RenderedPanel:
    template: str
    context: dict[str, Any]


@dataclass
class StartPage:
    memberships: list[Membership]
    roles: set[str]
    phases: list[Phase] = field(default_factory=list)
    denied_last_week: int | None = None
    platform_counts: dict[str, int] = field(default_factory=dict)
    panels: list[RenderedPanel] = field(default_factory=list)


def _platform_counts() -> dict[str, int]:
    return {
        "users": User.objects.filter(is_active=True).count(),
        "organisations": Organisation.objects.count(),
        "regions": Region.objects.count(),
        "gemeenten": Organisation.objects.filter(kind=OrganisationKind.GEMEENTE).count(),
        "swvs": Organisation.objects.filter(kind=OrganisationKind.SWV).count(),
    }


def _with_cumulative_regions(phases: list[Phase]) -> list[Phase]:
    """Targets are cumulative (3 / 14 / 42 / 75), so the joined count is shown the same way."""
    running = 0
    for phase in phases:
        running += phase.regions_joined  # type: ignore[attr-defined]
        phase.regions_joined_cumulative = running  # type: ignore[attr-defined]
    return phases


def _panels_for(user: User, roles: set[str]) -> list[RenderedPanel]:
    panels: list[RenderedPanel] = []
    for role in sorted(roles):
        panel = _PANELS.get(role)
        if panel is None:
            panels.append(RenderedPanel(f"portal/start/{role}.html", {}))
        elif all(existing.template != panel.template for existing in panels):
            panels.append(RenderedPanel(panel.template, panel.context(user)))
    return panels


def start_page_for(user: User) -> StartPage:
    memberships = list(memberships_of(user))
    roles = {m.role for m in memberships}
    page = StartPage(memberships=memberships, roles=roles)
    page.panels = _panels_for(user, roles)
    if roles & {Role.PROJECT_STAFF, Role.FUNCTIONAL_ADMIN}:
        page.phases = _with_cumulative_regions(list(phases_with_region_counts()))
    if Role.PRIVACY_OFFICER in roles:
        since = timezone.now() - timedelta(days=7)
        page.denied_last_week = AuditEvent.objects.filter(
            result=Result.DENIED, occurred_at__gte=since
        ).count()
    if Role.FUNCTIONAL_ADMIN in roles or user.is_superuser:
        page.platform_counts = _platform_counts()
    return page
