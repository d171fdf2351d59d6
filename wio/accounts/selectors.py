"""Reads about who a user is: memberships, roles and the organisations they act for."""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, QuerySet

from .models import Membership, Phase, User

_ROLES_CACHE_ATTRIBUTE = "_wio_roles"
_MEMBERSHIP_PAIRS_ATTRIBUTE = "_wio_membership_pairs"


def memberships_of(user: User) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(user=user)
        .select_related("organisation", "organisation__region")
        .order_by("id")
    )


def roles_of(user: User | AnonymousUser) -> frozenset[str]:
    """The roles a user holds in any organisation, memoised on the user object for one request."""
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    cached = getattr(user, _ROLES_CACHE_ATTRIBUTE, None)
    if cached is None:
        cached = frozenset(Membership.objects.filter(user=user).values_list("role", flat=True))
        setattr(user, _ROLES_CACHE_ATTRIBUTE, cached)
    return cached


def _membership_pairs(user: User | AnonymousUser) -> frozenset[tuple[str, int]]:
    """(role, organisation id) for every membership, memoised on the user object for one request."""
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    cached = getattr(user, _MEMBERSHIP_PAIRS_ATTRIBUTE, None)
    if cached is None:
        cached = frozenset(Membership.objects.filter(user=user).values_list("role", "organisation_id"))
        setattr(user, _MEMBERSHIP_PAIRS_ATTRIBUTE, cached)
    return cached


def organisation_ids_for(user: User | AnonymousUser, *roles: str) -> frozenset[int]:
    """The organisations in which the user holds one of `roles`."""
    return frozenset(org_id for role, org_id in _membership_pairs(user) if role in roles)


def primary_membership(user: User) -> Membership | None:
    """The membership an action is attributed to when the action itself names none."""
    return memberships_of(user).first()


def phases_with_region_counts() -> QuerySet[Phase]:
    return Phase.objects.annotate(regions_joined=Count("regions")).order_by("number")
