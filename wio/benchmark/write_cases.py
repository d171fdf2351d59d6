"""Write the planned cases with their details, status history and preparation checklist (COPY)."""

import random
import string
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from itertools import pairwise
from typing import Any

from django.utils import timezone

from cases import demo_content as content
from cases.constants import (
    MILESTONE_OFFSETS,
    Category,
    InvestigationStatus,
    Milestone,
    PreparationKind,
    PreparationStatus,
    Status,
)
from cases.demo_cases import PIPELINE
from cases.models import AbsenteeismDetails, Case, ExemptionDetails, PreparationItem, StatusChange

from .people import Staff
from .plan import CasePlan
from .tables import Table

REFERENCE_ALPHABET = string.ascii_uppercase.replace("O", "").replace("I", "") + "23456789"
RETENTION_YEARS = 5
CASE_FIELDS = (
    "reference", "first_name", "last_name", "date_of_birth", "gemeente", "swv", "category",
    "is_project_case", "status", "status_changed_at", "registered_on", "closed_on", "destroy_on",
    "escalation_start_on", "casusregie_on", "doorbraakteam_checked_on", "offer_agreed_on",
    "development_present", "movement_since", "created_by", "created_at",
)  # fmt: skip


def moment(day: date, rng: random.Random) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(rng.randint(8, 17), rng.randint(0, 59))))


def years_later(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day + timedelta(days=365 * years)


def references(count: int, rng: random.Random) -> list[str]:
    taken = set(Case.objects.values_list("reference", flat=True))
    chosen: list[str] = []
    while len(chosen) < count:
        reference = "WIO-" + "".join(rng.choices(REFERENCE_ALPHABET, k=7))
        if reference not in taken:
            taken.add(reference)
            chosen.append(reference)
    return chosen


def reached(plan: CasePlan, status: str) -> bool:
    return not plan.active or PIPELINE.index(plan.status) >= PIPELINE.index(status)


def _milestones(plan: CasePlan) -> tuple[date | None, ...]:
    start = plan.registered_on
    return tuple(
        start + MILESTONE_OFFSETS[milestone] if reached(plan, status) else None
        for milestone, status in (
            (Milestone.CASUSREGIE, Status.EXPERTISE_VERZAMELD),
            (Milestone.DOORBRAAKTEAM, Status.BERAAD_GEHOUDEN),
            (Milestone.PASSEND_AANBOD, Status.VERVOLG),
        )
    )


def _case_row(plan: CasePlan, reference: str, staff: Staff, rng: random.Random) -> tuple[Any, ...]:
    workers = staff.by_gemeente.get(plan.gemeente_id) or [None]
    last_change = plan.closed_on or plan.registered_on + timedelta(days=rng.randint(0, 60))
    born = plan.registered_on - timedelta(days=rng.randint(6 * 365, 17 * 365))
    destroy_on = years_later(plan.closed_on, RETENTION_YEARS) if plan.closed_on else None
    return (
        plan.id, reference, rng.choice(content.YOUTH_FIRST_NAMES), rng.choice(content.LAST_NAMES), born,
        plan.gemeente_id, plan.swv_id, plan.category, plan.project, plan.status,
        moment(min(last_change, timezone.localdate()), rng), plan.registered_on, plan.closed_on, destroy_on,
        plan.registered_on, *_milestones(plan), plan.entries > 3, None, rng.choice(workers),
        moment(plan.registered_on, rng),
    )  # fmt: skip


def write_cases(plans: list[CasePlan], staff: Staff, now: datetime, rng: random.Random) -> Table:
    table = Table(Case, CASE_FIELDS, now)
    refs = references(len(plans), rng)
    for plan, reference in zip(plans, refs, strict=True):
        plan.reference = reference
    table.copy(_case_row(plan, ref, staff, rng) for plan, ref in zip(plans, refs, strict=True))
    table.reset_sequence()
    return table


def _details(plans: list[CasePlan], category: str) -> list[CasePlan]:
    return [plan for plan in plans if plan.category == category]


def write_details(plans: list[CasePlan], now: datetime, rng: random.Random) -> list[Table]:
    exemptions = _details(plans, Category.VRIJSTELLING_5A)
    exemption = Table(ExemptionDetails, ("case", "applied_on", "granted_on", "valid_until"), now)
    ids = iter(exemption.reserve(len(exemptions)))
    exemption.copy(
        (next(ids), p.id, p.registered_on, p.registered_on + timedelta(days=40),
         years_later(p.registered_on, 1)) for p in exemptions
    )  # fmt: skip
    absent = _details(plans, Category.ABSOLUUT_VERZUIM)
    absenteeism = Table(AbsenteeismDetails, ("case", "investigation_status", "last_school"), now)
    ids = iter(absenteeism.reserve(len(absent)))
    statuses = list(InvestigationStatus.values)
    schools = content.PO_SCHOOLS + content.VO_SCHOOLS
    absenteeism.copy((next(ids), p.id, rng.choice(statuses), rng.choice(schools)) for p in absent)
    for table in (exemption, absenteeism):
        table.reset_sequence()
    return [exemption, absenteeism]


def _path(plan: CasePlan, rng: random.Random) -> list[str]:
    if plan.active:
        return list(PIPELINE[: PIPELINE.index(plan.status) + 1])
    return [*PIPELINE[: rng.randint(1, len(PIPELINE) - 1)], Status.AFGESLOTEN]


def _status_rows(plans: list[CasePlan], staff: Staff, rng: random.Random) -> Iterator[tuple[Any, ...]]:
    for plan in plans:
        path = _path(plan, rng)
        end = plan.closed_on or timezone.localdate()
        step = max(1, (end - plan.registered_on).days // len(path))
        workers = staff.by_gemeente.get(plan.gemeente_id) or [None]
        for index, (before, after) in enumerate(pairwise(path)):
            day = plan.registered_on + timedelta(days=step * (index + 1))
            yield (before, after, plan.id, rng.choice(workers), moment(min(day, end), rng))


def write_status_changes(plans: list[CasePlan], staff: Staff, now: datetime, rng: random.Random) -> Table:
    table = Table(StatusChange, ("from_status", "to_status", "case", "changed_by", "changed_at"), now)
    rows = list(_status_rows(plans, staff, rng))
    ids = iter(table.reserve(len(rows)))
    table.copy((next(ids), *row) for row in rows)
    table.reset_sequence()
    return table


def write_preparation(plans: list[CasePlan], now: datetime, rng: random.Random) -> Table:
    table = Table(PreparationItem, ("case", "kind", "status"), now)
    projects = [plan for plan in plans if plan.project]
    ids = iter(table.reserve(len(projects) * len(PreparationKind.values)))
    statuses = [s for s in PreparationStatus.values if s != PreparationStatus.NVT]
    table.copy(
        (next(ids), plan.id, kind, rng.choice(statuses))
        for plan in projects
        for kind in PreparationKind.values
    )
    table.reset_sequence()
    return table
