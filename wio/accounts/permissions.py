"""Pure predicates about what a user may do on the platform level (no object rules here)."""

from django.contrib.auth.models import AnonymousUser

from .constants import Role
from .models import User
from .selectors import roles_of


def has_any_role(user: User | AnonymousUser, *roles: str) -> bool:
    return bool(roles_of(user) & set(roles))


def can_view_audit_trail(user: User | AnonymousUser) -> bool:
    return has_any_role(user, Role.PRIVACY_OFFICER)


def can_administer_platform(user: User | AnonymousUser) -> bool:
    """Functional administrators manage users, organisations, regions and phases."""
    if not user.is_authenticated or not user.is_active:
        return False
    return bool(user.is_superuser) or has_any_role(user, Role.FUNCTIONAL_ADMIN)
