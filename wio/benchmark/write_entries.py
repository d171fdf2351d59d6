"""Write the dossier around each planned case: people involved, timeline, conversations (with the
parents attending), actions, development and movement — each case's rows in one id block, so a
conversation can name the case's parents without a lookup."""

import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.utils import timezone

from cases import demo_content as content
from cases.constants import ConversationKind, DevelopmentForm, InvolvedRole, TimelineType
from cases.models import ActionItem, Conversation, Development, Involved, Movement, TimelineEntry

from .people import Staff
from .plan import CasePlan
from .tables import Table
from .write_cases import moment

SHARES = {"conversation": 0.137, "action": 0.12, "development": 0.06, "movement": 0.05}  # rest: timeline
OTHER_ROLES = (
    InvolvedRole.SCHOOL, InvolvedRole.LPA, InvolvedRole.ZORGPARTNER, InvolvedRole.RELEVANTE_ANDER,
    InvolvedRole.OVERIGE_PROFESSIONAL, InvolvedRole.SWV, InvolvedRole.GEMEENTE,
)  # fmt: skip
OPEN_ACTIONS_PER_ACTIVE_CASE = 2
Rows = Iterator[tuple[Any, ...]]


@dataclass(frozen=True)
class Block:
    plan: CasePlan
    first_id: int
    count: int


def entry_counts(plan: CasePlan) -> dict[str, int]:
    counts = {kind: round(plan.entries * share) for kind, share in SHARES.items()}
    counts["timeline"] = max(0, plan.entries - sum(counts.values()))
    return counts


def blocks(plans: list[CasePlan], counts: list[int], ids: range) -> Iterator[Block]:
    start = ids.start
    for plan, count in zip(plans, counts, strict=True):
        yield Block(plan, start, count)
        start += count


def _day(plan: CasePlan, index: int, count: int) -> date:
    end = plan.closed_on or timezone.localdate()
    return plan.registered_on + timedelta(days=(end - plan.registered_on).days * (index + 1) // (count + 1))


class EntryWriter:
    def __init__(self, plans: list[CasePlan], staff: Staff, now: datetime, rng: random.Random) -> None:
        self.plans, self.staff, self.now, self.rng = plans, staff, now, rng
        self.tables: list[Table] = []
        self.involved_ids: dict[int, int] = {}  # case id -> id of its first person (a parent)

    def _write(
        self, model: type, fields: tuple[str, ...], kind: str, make_rows: Callable[[Block], Rows]
    ) -> None:
        table = Table(model, fields, self.now)
        counts = [self._count(plan, kind) for plan in self.plans]
        ids = table.reserve(sum(counts))
        block_list = list(blocks(self.plans, counts, ids))
        if kind == "involved":
            self.involved_ids = {block.plan.id: block.first_id for block in block_list}
        table.copy(row for block in block_list for row in make_rows(block))
        table.reset_sequence()
        self.tables.append(table)
        if kind == "conversation":
            self._write_attendees(block_list)

    def _count(self, plan: CasePlan, kind: str) -> int:
        return plan.involved if kind == "involved" else entry_counts(plan)[kind]

    def _author(self, plan: CasePlan) -> int | None:
        return self.rng.choice(self.staff.by_gemeente.get(plan.gemeente_id) or [None])

    def write_all(self) -> list[Table]:
        self._write(Involved, ("case", "name", "role", "organisation_name", "has_parental_authority",
                               "created_by", "created_at"), "involved", self._involved)  # fmt: skip
        self._write(TimelineEntry, ("case", "occurred_on", "entry_type", "description", "result",
                                    "created_by", "created_at"), "timeline", self._timeline)  # fmt: skip
        self._write(Conversation, ("case", "kind", "held_on", "is_held", "topics", "outcome", "created_by",
                                   "created_at"), "conversation", self._conversations)  # fmt: skip
        self._write(ActionItem, ("case", "description", "owner", "due_on", "done_on", "origin",
                                 "created_by", "created_at"), "action", self._actions)  # fmt: skip
        self._write(Development, ("case", "form", "description", "noted_on", "created_by", "created_at"),
                    "development", self._developments)  # fmt: skip
        self._write(Movement, ("case", "occurred_on", "description", "created_by", "created_at"),
                    "movement", self._movements)  # fmt: skip
        return self.tables

    def _involved(self, block: Block) -> Rows:
        rng = self.rng
        for index in range(block.count):
            name = f"{rng.choice(content.ADULT_FIRST_NAMES)} {rng.choice(content.LAST_NAMES)}"
            role = InvolvedRole.OUDER if index < 2 else OTHER_ROLES[index % len(OTHER_ROLES)]
            organisation = "" if index < 2 else rng.choice(content.CARE_PARTNERS + content.VO_SCHOOLS)
            yield (block.first_id + index, block.plan.id, name, role, organisation, index < 2,
                   self._author(block.plan), moment(block.plan.registered_on, rng))  # fmt: skip

    def _timeline(self, block: Block) -> Rows:
        rng, plan = self.rng, block.plan
        for index in range(block.count):
            kind = rng.choice(TimelineType.values)
            day = _day(plan, index, block.count)
            yield (block.first_id + index, plan.id, day, kind, rng.choice(content.TIMELINE_TEXTS[kind]),
                   rng.choice(content.TIMELINE_RESULTS), self._author(plan), moment(day, rng))  # fmt: skip

    def _conversations(self, block: Block) -> Rows:
        rng, plan = self.rng, block.plan
        for index in range(block.count):
            day = _day(plan, index, block.count)
            yield (block.first_id + index, plan.id, rng.choice(ConversationKind.values), day,
                   day < self.now.date(), rng.choice(content.CONVERSATION_TOPICS),
                   rng.choice(content.CONVERSATION_OUTCOMES), self._author(plan),
                   moment(day, rng))  # fmt: skip

    def _write_attendees(self, block_list: list[Block]) -> None:
        """Both parents attend every conversation (the monitor's "parents spoken with")."""
        table = Table(Conversation.attendees.through, ("conversation", "involved"), self.now)
        ids = iter(table.reserve(2 * sum(block.count for block in block_list)))
        table.copy(
            (next(ids), block.first_id + index, self.involved_ids[block.plan.id] + parent)
            for block in block_list
            for index in range(block.count)
            for parent in (0, 1)
        )
        table.reset_sequence()
        self.tables.append(table)

    def _action_owner(self, plan: CasePlan) -> int | None:
        """Half the open actions in the big city are held by the accounts the load driver signs in
        with, so their "Mijn werk" is as full as a busy officer's."""
        if plan.active and plan.gemeente_id == self.staff.big_city and self.rng.random() < 0.5:
            return self.rng.choice(self.staff.big_city_login_lpas)
        return self._author(plan) if self.rng.random() < 0.6 else None

    def _actions(self, block: Block) -> Rows:
        rng, plan, today = self.rng, block.plan, self.now.date()
        for index in range(block.count):
            is_open = plan.active and index >= block.count - OPEN_ACTIONS_PER_ACTIVE_CASE
            due = today + timedelta(days=rng.randint(-20, 20)) if is_open else _day(plan, index, block.count)
            yield (block.first_id + index, plan.id, rng.choice(content.ACTIONS), self._action_owner(plan),
                   due, None if is_open else due, rng.choice(content.ACTION_ORIGINS), self._author(plan),
                   moment(min(due, today), rng))  # fmt: skip

    def _developments(self, block: Block) -> Rows:
        rng, plan = self.rng, block.plan
        for index in range(block.count):
            form = rng.choice(DevelopmentForm.values)
            day = _day(plan, index, block.count)
            yield (block.first_id + index, plan.id, form, content.DEVELOPMENT_TEXTS.get(form, "Ontwikkeling"),
                   day, self._author(plan), moment(day, rng))  # fmt: skip

    def _movements(self, block: Block) -> Rows:
        rng, plan = self.rng, block.plan
        for index in range(block.count):
            day = _day(plan, index, block.count)
            yield (block.first_id + index, plan.id, day, rng.choice(content.MOVEMENTS), self._author(plan),
                   moment(day, rng))  # fmt: skip
