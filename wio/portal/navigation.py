"""The main navigation: each role sees only the entries it may use."""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from wio.accounts.models import User
from wio.accounts.permissions import can_administer_platform, can_view_audit_trail


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str

    @property
    def url(self) -> str:
        return reverse(self.url_name)


Visibility = Callable[[User | AnonymousUser], bool]

# Apps above wio (cases, moreelberaad, monitor) add their entries from AppConfig.ready(), so the
# platform shows them without importing those apps.
_APP_ITEMS: list[tuple[NavItem, Visibility]] = []


def register_nav_item(item: NavItem, visible: Visibility) -> None:
    if all(existing.url_name != item.url_name for existing, _visible in _APP_ITEMS):
        _APP_ITEMS.append((item, visible))


def navigation_for(user: User | AnonymousUser) -> list[NavItem]:
    if not user.is_authenticated:
        return []
    items = [NavItem(_("Start"), "portal:start")]
    items += [item for item, visible in _APP_ITEMS if visible(user)]
    if can_view_audit_trail(user):
        items.append(NavItem(_("Audit trail"), "audit:event_list"))
    if can_administer_platform(user):
        items.append(NavItem(_("Administration"), "admin:index"))
    items.append(NavItem(_("Security"), "mfa_index"))
    return items
