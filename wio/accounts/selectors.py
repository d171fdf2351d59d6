"""Reads about who a user is: memberships, roles and the organisations they act for."""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, QuerySet

from .models import Membership, Phase, User

_MEMBERSHIPS_ATTRIBUTE = "_wio_memberships"


def memberships_of(user: User) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(user=user)
        .select_related("organisation", "organisation__region")
        .order_by("id")
    )


def _memberships(user: User | AnonymousUser) -> tuple[Membership, ...]:
    """Every membership with its organisation, read once per request: the scope checks, the audit
    attribution and the navigation all ask, and a request must not read them three times."""
    if not user.is_authenticated or not user.is_active:
        return ()
    cached = getattr(user, _MEMBERSHIPS_ATTRIBUTE, None)
    if cached is None:
        cached = tuple(memberships_of(user))
        setattr(user, _MEMBERSHIPS_ATTRIBUTE, cached)
    return cached


def roles_of(user: User | AnonymousUser) -> frozenset[str]:
    """The roles a user holds in any organisation, memoised on the user object for one request."""
    return frozenset(membership.role for membership in _memberships(user))


def organisation_ids_for(user: User | AnonymousUser, *roles: str) -> frozenset[int]:
    """The organisations in which the user holds one of `roles`."""
    return frozenset(m.organisation_id for m in _memberships(user) if m.role in roles)


def primary_membership(user: User) -> Membership | None:
    """The membership an action is attributed to when the action itself names none."""
    if not user.is_active:  # an inactive user holds no role, but an event of theirs still names one
        return memberships_of(user).first()
    memberships = _memberships(user)
    return memberships[0] if memberships else None


def phases_with_region_counts() -> QuerySet[Phase]:
    return Phase.objects.annotate(regions_joined=Count("regions")).order_by("number")
