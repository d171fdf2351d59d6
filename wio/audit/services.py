"""The audit trail API for every app (LOG-1, LOG-2, LOG-3).

Record *what* was touched, never its content: pass objects and references, not field values.
Health details, passwords, tokens and one-time codes never go into `detail`.

    from wio.audit import services as audit

    audit.record_read(request=request, objects=page_of_cases, event_type="case.list")
    audit.record_change(request=request, obj=case, action=Action.UPDATE, event_type="case.update")
    audit.record_export(request=request, obj=report, event_type="report.download")
    audit.record_denial(request=request, event_type="case.detail", obj_type="cases.case", obj_id=7)

An object may tell which youth it concerns through an `audit_youth_ref` attribute; the object type is
its model label ("cases.case").
"""

import ipaddress
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db.models import Model
from django.http import HttpRequest
from django.utils import timezone

from wio.accounts.models import Membership, User
from wio.accounts.selectors import primary_membership

from .constants import Action, Purpose, Result
from .models import AuditEvent
from .reads import note_recorded

_ACTOR_MEMBERSHIP_ATTRIBUTE = "_wio_audit_membership"


@dataclass(frozen=True)
class Actor:
    user: User | None
    label: str
    role: str
    organisation_id: int | None
    source_ip: str | None


def _valid_ip(value: str) -> str | None:
    """The address itself, without a port or brackets; None for anything that is not an address."""
    candidate = value.strip()
    if candidate.startswith("[") and "]" in candidate:  # "[2001:db8::1]:443"
        candidate = candidate[1 : candidate.index("]")]
    elif candidate.count(":") == 1:  # "192.0.2.1:4443"
        candidate = candidate.split(":", 1)[0]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str | None:
    """The client address; X-Forwarded-For only counts behind the configured number of proxies."""
    proxy_count = settings.ALLAUTH_TRUSTED_PROXY_COUNT
    if proxy_count > 0:
        forwarded = [p.strip() for p in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [p for p in forwarded if p]
        if len(forwarded) >= proxy_count:
            return _valid_ip(forwarded[-proxy_count])
    return _valid_ip(request.META.get("REMOTE_ADDR") or "")


def _membership_for(user: User, role: str | None) -> Membership | None:
    """The membership the action is done in: the one with `role` if given, else the first."""
    if role is not None:
        return user.memberships.select_related("organisation").filter(role=role).order_by("id").first()
    if not hasattr(user, _ACTOR_MEMBERSHIP_ATTRIBUTE):
        setattr(user, _ACTOR_MEMBERSHIP_ATTRIBUTE, primary_membership(user))
    membership: Membership | None = getattr(user, _ACTOR_MEMBERSHIP_ATTRIBUTE)
    return membership


def actor_from(
    *,
    request: HttpRequest | None = None,
    user: User | AnonymousUser | None = None,
    membership: Membership | None = None,
    role: str | None = None,
    label: str = "",
) -> Actor:
    if user is None and request is not None:
        user = request.user
    known_user = user if isinstance(user, User) and user.pk is not None else None
    if membership is None and known_user is not None:
        membership = _membership_for(known_user, role)
    return Actor(
        user=known_user,
        label=label or (known_user.email if known_user else ""),
        role=membership.role if membership else "",
        organisation_id=membership.organisation_id if membership else None,
        source_ip=client_ip(request) if request is not None else None,
    )


def _event(
    actor: Actor,
    *,
    action: str,
    event_type: str,
    purpose: str,
    result: str,
    object_type: str = "",
    object_id: str = "",
    youth_ref: str = "",
    detail: Mapping[str, Any] | None = None,
) -> AuditEvent:
    return AuditEvent(
        occurred_at=timezone.now(),
        action=action,
        event_type=event_type,
        actor=actor.user,
        actor_label=actor.label,
        actor_role=actor.role,
        actor_organisation_id=actor.organisation_id,
        youth_ref=youth_ref,
        object_type=object_type,
        object_id=object_id,
        result=result,
        source_ip=actor.source_ip,
        purpose=purpose,
        detail=dict(detail or {}),
    )


def _describe(obj: Model) -> dict[str, str]:
    return {
        "object_type": obj._meta.label_lower,
        "object_id": str(obj.pk),
        "youth_ref": str(getattr(obj, "audit_youth_ref", "") or ""),
    }


def record_event(
    *,
    actor: Actor,
    action: str,
    event_type: str,
    purpose: str,
    result: str = Result.OK,
    obj: Model | None = None,
    detail: Mapping[str, Any] | None = None,
) -> AuditEvent:
    """The general form; the helpers below cover the usual cases."""
    described = _describe(obj) if obj is not None else {}
    event = _event(
        actor,
        action=action,
        event_type=event_type,
        purpose=purpose,
        result=result,
        detail=detail,
        **described,
    )
    event.save()
    return event


def record_read(
    *,
    request: HttpRequest,
    objects: Iterable[Model],
    event_type: str,
    purpose: str = Purpose.CASE_MANAGEMENT,
    detail: Mapping[str, Any] | None = None,
) -> list[AuditEvent]:
    """One R event per object shown: a detail page passes one, a list or search page its rows."""
    actor = actor_from(request=request)
    objects = list(objects)
    note_recorded(request, (_describe(obj)["youth_ref"] for obj in objects))
    events = [
        _event(
            actor,
            action=Action.READ,
            event_type=event_type,
            purpose=purpose,
            result=Result.OK,
            detail=detail,
            **_describe(obj),
        )
        for obj in objects
    ]
    if len(events) == 1:  # a detail page: one INSERT, without the transaction bulk_create opens
        events[0].save()
        return events
    return AuditEvent.objects.bulk_create(events)


def record_change(
    *,
    request: HttpRequest | None = None,
    actor: Actor | None = None,
    obj: Model,
    action: str,
    event_type: str,
    purpose: str = Purpose.CASE_MANAGEMENT,
    detail: Mapping[str, Any] | None = None,
) -> AuditEvent:
    """A create (C), update (U) or delete (D); `detail` may name changed fields, never their values."""
    return record_event(
        actor=actor or actor_from(request=request),
        action=action,
        event_type=event_type,
        purpose=purpose,
        obj=obj,
        detail=detail,
    )


def record_export(
    *,
    request: HttpRequest,
    obj: Model,
    event_type: str,
    purpose: str = Purpose.CASE_MANAGEMENT,
    detail: Mapping[str, Any] | None = None,
) -> AuditEvent:
    """A download, print or export (E): the copy leaves WIO, and it counts as the page's read."""
    note_recorded(request, [_describe(obj)["youth_ref"]])
    return record_event(
        actor=actor_from(request=request),
        action=Action.EXECUTE,
        event_type=event_type,
        purpose=purpose,
        obj=obj,
        detail=detail,
    )


def record_denial(
    *,
    request: HttpRequest,
    event_type: str,
    action: str = Action.READ,
    purpose: str = Purpose.SECURITY,
    obj_type: str = "",
    obj_id: object = "",
    youth_ref: str = "",
    detail: Mapping[str, Any] | None = None,
) -> AuditEvent:
    """A refused attempt: out-of-scope object, missing role, failed factor."""
    event = _event(
        actor_from(request=request),
        action=action,
        event_type=event_type,
        purpose=purpose,
        result=Result.DENIED,
        object_type=obj_type,
        object_id=str(obj_id),
        youth_ref=youth_ref,
        detail=detail,
    )
    event.save()
    return event


def purge_expired_events() -> int:
    """Delete events older than WIO_AUDIT_RETENTION_DAYS (LOG-6) and record the run itself.

    On PostgreSQL the delete is `audit_purge_expired()`, a SECURITY DEFINER function of the table's
    owner: the append-only trigger lets only the owner delete, and the application role, which has no
    DELETE on the table, may only execute the function. The function computes the cutoff from the
    retention period `migrate` stored, so no caller chooses what goes (migration 0003, ADR 0009).
    """
    from datetime import timedelta

    from django.db import connection, transaction
    from django.db.models.query import QuerySet

    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT deleted, cutoff FROM audit_purge_expired()")
                deleted, cutoff = cursor.fetchone()
        else:  # the embedded SQLite demo has neither roles nor triggers
            cutoff = timezone.now() - timedelta(days=settings.WIO_AUDIT_RETENTION_DAYS)
            expired = AuditEvent.objects.filter(occurred_at__lt=cutoff)
            # AuditEventQuerySet.delete() refuses on purpose; this is the one sanctioned caller.
            deleted, _ = QuerySet.delete(expired)
        record_event(
            actor=Actor(user=None, label="system", role="", organisation_id=None, source_ip=None),
            action=Action.DELETE,
            event_type="audit.retention_purge",
            purpose=Purpose.RETENTION,
            detail={"deleted": deleted, "cutoff": cutoff.isoformat()},
        )
    return int(deleted)
