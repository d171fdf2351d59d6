"""State changes of accounts. Each writes its audit event in the same transaction."""

import uuid
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import CharField, Exists, Max, OuterRef, Subquery
from django.db.models.functions import Cast
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.socialaccount.models import SocialAccount, SocialLogin

from wio.audit import services as audit
from wio.audit.constants import Action, Purpose, Result
from wio.audit.models import AuditEvent

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


def end_sessions_without_second_factor(*, user_id: int) -> None:
    """Every session of the user stops at its next request, this one too: they sign in again and
    enrol a new authenticator. The removal itself is audited where it happens."""
    User.objects.filter(pk=user_id).update(session_stamp=uuid.uuid4())


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
    if (
        isinstance(obj, User)
        and action == Action.UPDATE
        and obj.is_active
        and {"is_active", "password"} & set(changed)
        and not _has_totp(obj)
    ):
        # Activated again, or given a new password, before enrolling: a new invitation (issue 9).
        audit.record_change(
            actor=actor,
            obj=obj,
            action=Action.UPDATE,
            event_type=ENROLMENT_REOPENED,
            purpose=Purpose.ACCOUNT_MANAGEMENT,
            detail={"hours": settings.WIO_UNENROLLED_ACCOUNT_HOURS},
        )


# --- Accounts that never set up two-step verification (issue 9) -----------------------------------
#
# Until it enrols an authenticator an account is protected by its password alone, and whoever signs
# in first enrols. So it has WIO_UNENROLLED_ACCOUNT_HOURS to do so, counted from its creation or from
# the latest moment an administrator opened enrolment again: a reset of its two-step verification,
# or activating it (or setting its password) while it has none. Those moments are in the audit trail,
# which is where WIO keeps the account's history; the trail is append-only, so they cannot be moved.

ENROLMENT_REOPENED = "account.enrolment_reopened"
_ENROLMENT_OPENED_EVENTS = ("account.mfa_reset", ENROLMENT_REOPENED)


def _has_totp(user: User) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def enrolment_deadline(user: User) -> datetime:
    """When `user` must have enrolled an authenticator by (meaningless once it has one)."""
    reopened = AuditEvent.objects.filter(
        object_type=User._meta.label_lower,
        object_id=str(user.pk),
        event_type__in=_ENROLMENT_OPENED_EVENTS,
    ).aggregate(latest=Max("occurred_at"))["latest"]
    opened = max(user.date_joined, reopened) if reopened else user.date_joined
    return opened + timedelta(hours=settings.WIO_UNENROLLED_ACCOUNT_HOURS)


def _signs_in_through_provider(user: User) -> bool:
    """Their organisation's provider vouches for them (and may do the second factor), ADR 0032."""
    return SocialAccount.objects.filter(user=user).exists()


def enrolment_expired(user: User) -> bool:
    """True for an account without a TOTP authenticator whose time to enrol one has passed."""
    return (
        not _has_totp(user)
        and enrolment_deadline(user) <= timezone.now()
        and not _signs_in_through_provider(user)
    )


def enrolment_expired_error() -> ValidationError:
    message = gettext(
        "This account has expired because two-step verification was not set up within %(hours)d "
        "hours. Ask the functional administrator for a new invitation."
    ) % {"hours": settings.WIO_UNENROLLED_ACCOUNT_HOURS}
    return ValidationError(message, code="enrolment_expired")


SYSTEM_ACTOR = audit.Actor(user=None, label="system", role="", organisation_id=None, source_ip=None)


@transaction.atomic
def user_expire_unenrolled(*, user: User, actor: audit.Actor = SYSTEM_ACTOR) -> User:
    """Deactivates an account that did not enrol in time and ends its sessions."""
    user.is_active = False
    return _end_sessions_and_record(
        user=user, actor=actor, event_type="account.expired_unenrolled", also_saved=("is_active",)
    )


def expire_unenrolled_accounts() -> int:
    """Deactivates every active account whose time to enrol has passed; returns how many. Idempotent."""
    cutoff = timezone.now() - timedelta(hours=settings.WIO_UNENROLLED_ACCOUNT_HOURS)
    candidates = (
        User.objects.filter(is_active=True, date_joined__lte=cutoff)
        .exclude(Exists(Authenticator.objects.filter(user=OuterRef("pk"), type=Authenticator.Type.TOTP)))
        .exclude(Exists(SocialAccount.objects.filter(user=OuterRef("pk"))))
        .filter(api_client__isnull=True)  # an API client's service account signs in with no TOTP
        .order_by("pk")
    )
    expired = 0
    for user in candidates:
        if enrolment_expired(user):
            user_expire_unenrolled(user=user)
            expired += 1
    return expired


# --- Single sign-on per organisation (ADR 0032) -----------------------------------------------------
#
# The provider authenticates; WIO decides who that is (an existing active member of the provider's
# organisation, by the address the provider verified) and records what happened. Tokens never reach
# the trail or the database (SOCIALACCOUNT_STORE_TOKENS is off).

SIGN_ON_IDLE_SESSIONS_ENDED = "account.sign_on_idle_sessions_ended"


@transaction.atomic
def sign_on_link(*, request: HttpRequest, sociallogin: SocialLogin, user: User, provider_id: str) -> None:
    """First sign-in through the organisation's provider: tie its account to the WIO user. The
    provider verified the address, so WIO's copy counts as verified (allauth asks that before a TOTP
    can be added)."""
    sociallogin.connect(request, user)
    if not EmailAddress.objects.filter(user_id=user.pk, email__iexact=user.email).update(verified=True):
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    audit.record_change(
        actor=audit.actor_from(request=request, user=user),
        obj=user,
        action=Action.UPDATE,
        event_type="account.sign_on_linked",
        purpose=Purpose.ACCOUNT_MANAGEMENT,
        detail={"provider": provider_id},
    )


def record_sign_on(*, request: HttpRequest, user: User, provider_id: str, mfa_at_provider: bool) -> None:
    audit.record_event(
        actor=audit.actor_from(request=request, user=user),
        action=Action.EXECUTE,
        event_type="auth.sso_login",
        purpose=Purpose.AUTHENTICATION,
        detail={"provider": provider_id, "mfa_at_provider": mfa_at_provider},
    )


def record_sign_on_refused(
    *, request: HttpRequest, reason: str, provider_id: str, user: User | None = None, label: str = ""
) -> None:
    """A refused sign-in through a provider: the reason code and the provider, never a claim set."""
    audit.record_event(
        actor=audit.actor_from(request=request, user=user, label=label[:254]),
        action=Action.EXECUTE,
        event_type="auth.sso_refused",
        purpose=Purpose.AUTHENTICATION,
        result=Result.DENIED,
        detail={"provider": provider_id[:100], "reason": reason},
    )


def end_idle_sign_on_sessions(*, now: datetime | None = None) -> int:
    """Ends the sessions of users tied to an organisation's provider who did not sign in through it
    for WIO_SSO_MAX_DAYS_WITHOUT_SIGN_IN days: whether they may still work is the provider's call.
    Once per idle spell (the audit trail remembers), so the hourly run is idempotent."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.WIO_SSO_MAX_DAYS_WITHOUT_SIGN_IN)
    latest_sign_on = (
        SocialAccount.objects.filter(user=OuterRef("pk"))
        .order_by()
        .values("user")
        .annotate(latest=Max("last_login"))
        .values("latest")
    )
    already_ended = AuditEvent.objects.filter(
        object_type=User._meta.label_lower,
        object_id=Cast(OuterRef("pk"), CharField()),
        event_type=SIGN_ON_IDLE_SESSIONS_ENDED,
        occurred_at__gt=OuterRef("latest_sign_on"),
    )
    idle = (
        User.objects.filter(is_active=True)
        .annotate(latest_sign_on=Subquery(latest_sign_on))
        .filter(latest_sign_on__lt=cutoff)  # no provider account: NULL, never idle
        .exclude(Exists(already_ended))
        .order_by("pk")
    )
    ended = 0
    for user in idle:
        user_end_idle_sign_on_sessions(user=user)
        ended += 1
    return ended


@transaction.atomic
def user_end_idle_sign_on_sessions(*, user: User) -> User:
    return _end_sessions_and_record(user=user, actor=SYSTEM_ACTOR, event_type=SIGN_ON_IDLE_SESSIONS_ENDED)
