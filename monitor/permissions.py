"""Who may use the monitor. Project staff work with aggregates and approved stories; ministries only
download published reports (DESIGN.md §1, SDC-6)."""

from django.contrib.auth.models import AnonymousUser

from wio.accounts.constants import Role
from wio.accounts.models import User
from wio.accounts.permissions import has_any_role

AnyUser = User | AnonymousUser


def can_use_monitor(user: AnyUser) -> bool:
    return has_any_role(user, Role.PROJECT_STAFF)


def can_read_published_reports(user: AnyUser) -> bool:
    return has_any_role(user, Role.PROJECT_STAFF, Role.MINISTRY)


def can_write_story(user: AnyUser) -> bool:
    """Stories are written from cases: by their case workers or by project staff."""
    return has_any_role(user, Role.PROJECT_STAFF, Role.LPA, Role.SWV_COORDINATOR)


def can_approve_story(user: AnyUser, author_id: int) -> bool:
    """Approval needs a second pair of eyes: project staff, never the author."""
    return can_use_monitor(user) and user.pk != author_id
