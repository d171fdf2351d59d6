"""State changes of accounts. Each writes its audit event in the same transaction."""

import uuid

from django.db import transaction

from allauth.mfa.models import Authenticator

from wio.audit import services as audit
from wio.audit.constants import Action, Purpose

from .models import Membership, User


def _end_sessions_and_record(
    *, user: User, actor: audit.Actor, event_type: str, also_saved: tuple[str, ...] = ()
) -> User:
    """Rotating the session stamp invalidates every session of the user at its next request."""
    user.session_stamp = uuid.uuid4()
    user.save(update_fields=["session_stamp", *also_saved])
    audit.record_change(
        actor=actor,
        obj=user,
        action=Action.UPDATE,
        event_type=event_type,
        purpose=Purpose.ACCOUNT_MANAGEMENT,
    )
    return user


@transaction.atomic
def user_end_sessions(*, user: User, actor: audit.Actor) -> User:
    """Every session of `user` stops working at its next request (AC-8)."""
    return _end_sessions_and_record(user=user, actor=actor, event_type="account.sessions_ended")


@transaction.atomic
def user_deactivate(*, user: User, actor: audit.Actor) -> User:
    user.is_active = False
    return _end_sessions_and_record(
        user=user, actor=actor, event_type="account.deactivated", also_saved=("is_active",)
    )


@transaction.atomic
def user_reset_mfa(*, user: User, actor: audit.Actor) -> User:
    """For a lost device: remove every authenticator; the user enrols again after signing in."""
    Authenticator.objects.filter(user=user).delete()
    return _end_sessions_and_record(user=user, actor=actor, event_type="account.mfa_reset")


def record_account_change(
    *, obj: User | Membership, actor: audit.Actor, action: str, changed: list[str]
) -> None:
    """Changes made through the admin: which fields, never their values (AC-7)."""
    privileged = {"is_superuser", "is_staff", "role"} & set(changed)
    audit.record_change(
        actor=actor,
        obj=obj,
        action=action,
        event_type=f"account.{obj._meta.model_name}_changed",
        purpose=Purpose.ACCOUNT_MANAGEMENT,
        detail={"fields": sorted(changed), "privileged": bool(privileged)},
    )
