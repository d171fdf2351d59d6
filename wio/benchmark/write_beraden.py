"""Moreel Beraden: 560 (scaled) in the big partnership, one per project case elsewhere that reached a
beraad, each with five people at the table; the project staff accounts lead some of them."""

import random
import uuid
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

from cases.constants import Status
from moreelberaad.constants import Answer, BeraadStatus, ParticipantCategory, ProposedBy
from moreelberaad.demo import QUESTIONS
from moreelberaad.models import Beraad, Participant

from .people import Staff
from .plan import CasePlan, Places
from .shape import NationalShape
from .tables import Table
from .write_cases import moment, reached

TABLE_SIZE = 5
MAX_BERADEN_PER_CASE = 3
PROFESSIONAL_CATEGORIES = (ParticipantCategory.LPA, ParticipantCategory.ZORGPARTNER, ParticipantCategory.SWV)


def choose_beraden(plans: list[CasePlan], shape: NationalShape, places: Places, rng: random.Random) -> None:
    """Set `beraden` on the plans (before the cases are written: a case with a beraad is a project case)."""
    wanted = shape.big_swv_beraden - Beraad.objects.filter(case__swv_id=places.big_swv).count()
    in_big_swv = [plan for plan in plans if plan.swv_id == places.big_swv]
    rng.shuffle(in_big_swv)
    for plan in in_big_swv:
        if wanted <= 0:
            break
        plan.beraden = min(wanted, rng.randint(1, MAX_BERADEN_PER_CASE))
        plan.project = True
        wanted -= plan.beraden
    for plan in plans:
        if plan.project and not plan.beraden and plan.swv_id != places.big_swv:
            plan.beraden = int(reached(plan, Status.BERAAD_GEPLAND) and rng.random() < 0.5)


def _status(plan: CasePlan, number: int) -> str:
    last = number == plan.beraden
    if last and plan.active and plan.status == Status.BERAAD_GEPLAND:
        return BeraadStatus.UITGENODIGD
    return BeraadStatus.GEEVALUEERD


def _beraad_rows(plans: list[CasePlan], ids: Iterator[int], rng: random.Random) -> Iterator[tuple[Any, ...]]:
    for plan in plans:
        end = plan.closed_on or plan.registered_on + timedelta(days=200)
        for number in range(1, plan.beraden + 1):
            day = plan.registered_on + timedelta(days=60 * number)
            status = _status(plan, number)
            starts = moment(day if status != BeraadStatus.UITGENODIGD else end, rng)
            yield (next(ids), plan.id, number, starts, rng.choice(QUESTIONS), status, uuid.uuid4(),
                   day, moment(day - timedelta(days=14), rng))  # fmt: skip


def _participant_rows(
    beraden: list[tuple[int, CasePlan]], parents: dict[int, int], staff: Staff, ids: Iterator[int]
) -> Iterator[tuple[Any, ...]]:
    for index, (beraad_id, plan) in enumerate(beraden):
        leader = staff.project_staff[index % len(staff.project_staff)] if index % 3 == 0 else None
        for seat in range(TABLE_SIZE):
            parent = seat < 2
            category = ParticipantCategory.OUDER if parent else PROFESSIONAL_CATEGORIES[seat - 2]
            yield (next(ids), beraad_id, parents[plan.id] + seat if parent else None,
                   leader if seat == 2 else None, f"Deelnemer {seat + 1}", category,
                   ProposedBy.PARENTS if parent else ProposedBy.PROFESSIONAL, seat == 2, seat == 3,
                   Answer.ACCEPTED)  # fmt: skip


def write_beraden(
    plans: list[CasePlan], parents: dict[int, int], staff: Staff, now: datetime, rng: random.Random
) -> list[Table]:
    with_beraden = [plan for plan in plans if plan.beraden]
    beraad = Table(Beraad, ("case", "sequence_number", "starts_at", "ethical_question", "status",
                            "ical_uid", "parents_approved_on", "created_at"), now)  # fmt: skip
    ids = beraad.reserve(sum(plan.beraden for plan in with_beraden))
    beraad.copy(_beraad_rows(with_beraden, iter(ids), rng))
    beraad.reset_sequence()
    seated = list(zip(ids, (p for p in with_beraden for _ in range(p.beraden)), strict=True))
    participant = Table(Participant, ("beraad", "involved", "user", "name", "category", "proposed_by",
                                      "is_gespreksleider", "is_notulist", "answer"), now)  # fmt: skip
    participant.copy(
        _participant_rows(seated, parents, staff, iter(participant.reserve(len(seated) * TABLE_SIZE)))
    )
    participant.reset_sequence()
    return [beraad, participant]
