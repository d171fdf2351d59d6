"""Audit events: the reads and changes of each case's years in the file, spread over its lifetime
and done by the officers of its municipality (about 30 per case, 3 million nationally)."""

import random
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone

from wio.accounts.constants import Role
from wio.audit.constants import Action, Purpose, Result
from wio.audit.models import AuditEvent

from .people import Staff
from .plan import CasePlan
from .tables import Table, indexes_dropped
from .write_cases import moment

# (action, event type, object type, weight): mostly pages read, then entries added and status moves.
EVENTS = (
    (Action.READ, "case.detail", "cases.case", 55),
    (Action.READ, "case.search", "cases.case", 10),
    (Action.CREATE, "case.timelineentry.create", "cases.timelineentry", 12),
    (Action.CREATE, "case.conversation.create", "cases.conversation", 5),
    (Action.CREATE, "case.actionitem.create", "cases.actionitem", 5),
    (Action.CREATE, "case.involved.create", "cases.involved", 4),
    (Action.UPDATE, "case.update", "cases.case", 6),
    (Action.UPDATE, "case.status", "cases.case", 3),
)
FIELDS = (
    "occurred_at", "action", "event_type", "actor", "actor_label", "actor_role", "actor_organisation",
    "youth_ref", "object_type", "object_id", "result", "source_ip", "purpose",
)  # fmt: skip


def _rows(
    plans: list[CasePlan], staff: Staff, ids: Iterator[int], rng: random.Random
) -> Iterator[tuple[Any, ...]]:
    weights = [event[3] for event in EVENTS]
    today = timezone.localdate()
    for plan in plans:
        start = moment(plan.registered_on, rng)
        span = max(1, ((plan.closed_on or today) - plan.registered_on).days) * 86_400
        workers = staff.by_gemeente.get(plan.gemeente_id) or [None]
        case_id = str(plan.id)
        for action, event_type, object_type, _weight in rng.choices(
            EVENTS, weights=weights, k=plan.audit_events
        ):
            actor = rng.choice(workers)
            yield (next(ids), start + timedelta(seconds=rng.randrange(span)), action, event_type, actor,
                   staff.labels.get(actor, "") if actor else "", Role.LPA, plan.gemeente_id, plan.reference,
                   object_type, case_id, Result.OK, f"10.0.{rng.randrange(256)}.{rng.randrange(1, 255)}",
                   Purpose.CASE_MANAGEMENT)  # fmt: skip


def write_audit(plans: list[CasePlan], staff: Staff, now: datetime, rng: random.Random) -> Table:
    table = Table(AuditEvent, FIELDS, now)
    ids = table.reserve(sum(plan.audit_events for plan in plans))
    with indexes_dropped(AuditEvent):
        table.copy(_rows(plans, staff, iter(ids), rng))
    table.reset_sequence()
    return table
