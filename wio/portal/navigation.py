"""The main navigation: each role sees only the entries it may use."""

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


def navigation_for(user: User | AnonymousUser) -> list[NavItem]:
    if not user.is_authenticated:
        return []
    items = [NavItem(_("Start"), "portal:start")]
    if can_view_audit_trail(user):
        items.append(NavItem(_("Audit trail"), "audit:event_list"))
    if can_administer_platform(user):
        items.append(NavItem(_("Administration"), "admin:index"))
    items.append(NavItem(_("Security"), "mfa_index"))
    return items
