"""Roles that need four eyes (ADR 0012): one person requests, a second person approves.

A membership with a role in `FOUR_EYES_ROLES` comes into existence only through
`membership_request_approve`, in the transaction that records the approval. Every step writes its
audit event; the detail names the user, organisation and role concerned, never a reason's text.
"""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wio.audit import services as audit
from wio.audit.constants import Action, Purpose

from .constants import DATA_ROLES, FOUR_EYES_ROLES, GrantDecision
from .models import Membership, MembershipRequest, Organisation, User
from .permissions import can_administer_platform


class GrantError(ValidationError):
    """A request or decision the four-eyes rule does not allow; the message says why, in Dutch."""


def needs_second_person(role: str) -> bool:
    return role in FOUR_EYES_ROLES


def refusal_of_direct_grant(role: str) -> str:
    """The message for a form that tries to give a four-eyes role without a request."""
    if role in DATA_ROLES:
        return gettext(
            "A role with access to case files is requested and approved by a second administrator."
        )
    return gettext(
        "A role with access to the administration or the audit trail is requested "
        "and approved by a second administrator."
    )


def _deciding_user(actor: audit.Actor) -> User:
    user = actor.user
    if user is None or not can_administer_platform(user):
        raise PermissionDenied
    return user


def _detail(request_obj: MembershipRequest, **extra: Any) -> dict[str, Any]:
    return {
        "user_id": request_obj.user_id,
        "organisation_id": request_obj.organisation_id,
        "role": request_obj.role,
        "requested_by_id": request_obj.requested_by_id,
        **extra,
    }


def membership_request_refusal(*, request_obj: MembershipRequest, approver: User) -> str | None:
    """Why `approver` may not approve this request, or None when they may (for the admin's buttons)."""
    if not request_obj.is_pending:
        return gettext("This request has already been decided.")
    if approver.pk == request_obj.requested_by_id:
        return gettext("You cannot approve your own request; a second administrator approves it.")
    if approver.pk == request_obj.user_id:
        return gettext("You cannot approve a role that you receive yourself.")
    return None


def check_requestable(*, user: User, organisation: Organisation, role: str) -> None:
    """Refuse a request that would grant nothing new or that is already waiting for a decision."""
    if Membership.objects.filter(user=user, organisation=organisation, role=role).exists():
        raise GrantError(_("This user already holds this role in this organisation."))
    pending = MembershipRequest.objects.filter(
        user=user, organisation=organisation, role=role, decision=GrantDecision.PENDING
    )
    if pending.exists():
        raise GrantError(_("This role has already been requested for this user and organisation."))


@transaction.atomic
def membership_request_create(
    *, user: User, organisation: Organisation, role: str, reason: str, actor: audit.Actor
) -> MembershipRequest:
    """Ask for a role; it has no effect until a second person approves it."""
    requested_by = _deciding_user(actor)
    request_obj = MembershipRequest(
        user=user, organisation=organisation, role=role, reason=reason, requested_by=requested_by
    )
    check_requestable(user=user, organisation=organisation, role=role)
    request_obj.full_clean()
    try:
        with transaction.atomic():
            request_obj.save()
    except IntegrityError as error:  # a second request for the same role, submitted at the same time
        raise GrantError(_("This role has already been requested for this user and organisation.")) from error
    audit.record_change(
        actor=actor,
        obj=request_obj,
        action=Action.CREATE,
        event_type="account.role_requested",
        purpose=Purpose.ACCOUNT_MANAGEMENT,
        detail=_detail(request_obj),
    )
    return request_obj


def _lock_pending(request_obj: MembershipRequest) -> MembershipRequest:
    locked = MembershipRequest.objects.select_for_update().get(pk=request_obj.pk)
    if not locked.is_pending:
        raise GrantError(_("This request has already been decided."))
    return locked


@transaction.atomic
def membership_request_approve(*, request_obj: MembershipRequest, actor: audit.Actor) -> Membership:
    """The second person's approval: the membership exists from this transaction on."""
    approver = _deciding_user(actor)
    locked = _lock_pending(request_obj)
    refusal = membership_request_refusal(request_obj=locked, approver=approver)
    if refusal is not None:
        raise GrantError(refusal)
    membership, _created = Membership.objects.get_or_create(
        user_id=locked.user_id, organisation_id=locked.organisation_id, role=locked.role
    )
    locked.decision = GrantDecision.APPROVED
    locked.decided_by = approver
    locked.decided_at = timezone.now()
    locked.save(update_fields=["decision", "decided_by", "decided_at"])
    audit.record_change(
        actor=actor,
        obj=locked,
        action=Action.UPDATE,
        event_type="account.role_granted",
        purpose=Purpose.ACCOUNT_MANAGEMENT,
        detail=_detail(locked, membership_id=membership.pk),
    )
    return membership


@transaction.atomic
def membership_request_refuse(*, request_obj: MembershipRequest, actor: audit.Actor) -> MembershipRequest:
    """Refusing grants nothing, so anyone who administers may do it, the requester included."""
    decider = _deciding_user(actor)
    locked = _lock_pending(request_obj)
    locked.decision = GrantDecision.REFUSED
    locked.decided_by = decider
    locked.decided_at = timezone.now()
    locked.save(update_fields=["decision", "decided_by", "decided_at"])
    audit.record_change(
        actor=actor,
        obj=locked,
        action=Action.UPDATE,
        event_type="account.role_refused",
        purpose=Purpose.ACCOUNT_MANAGEMENT,
        detail=_detail(locked),
    )
    return locked
