"""Plan the generated cases in memory: where each lives, its status, dates and how big its file is.

Nothing here touches the database except reading the organisations and what is already there (the
demo cases count towards the national totals).
"""

import math
import random
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from cases.constants import ACTIVE_STATUSES, Category, Status
from cases.models import Case
from wio.accounts.constants import OrganisationKind
from wio.accounts.models import Organisation

from .shape import (
    BIG_CITY_CODE,
    BIG_CITY_PO_SWV_CODE,
    BIG_SWV_CODE,
    EXEMPTION_SHARE,
    PROJECT_CASE_SHARE,
    NationalShape,
)

ACTIVE_STATUS_WEIGHTS = {
    Status.IN_BEELD: 20,
    Status.VOORGESTELD: 14,
    Status.OUDERGESPREK: 12,
    Status.EXPERTISE_VERZAMELD: 10,
    Status.BERAAD_GEPLAND: 6,
    Status.BERAAD_GEHOUDEN: 6,
    Status.VERVOLG: 16,
    Status.NAZORG: 16,
}
LONG_RUNNING_ACTIVE = 0.15  # share of active cases that run for years with hundreds of entries
LONG_RUNNING_CLOSED = 0.01
LONG_RUNNING_FACTOR = 20.0


@dataclass(slots=True)
class CasePlan:
    id: int
    gemeente_id: int
    swv_id: int
    active: bool
    long_running: bool
    status: str = Status.AFGESLOTEN
    category: str = Category.VRIJSTELLING_5A
    project: bool = False
    registered_on: date = date(2020, 1, 1)
    closed_on: date | None = None
    entries: int = 0
    involved: int = 0
    audit_events: int = 0
    beraden: int = 0
    reference: str = ""


@dataclass(frozen=True)
class Places:
    """The organisations cases are assigned to."""

    big_city: int
    big_swv: int
    big_city_po_swv: int
    big_region_gemeenten: list[int]
    other_gemeenten: list[int]
    swvs_of_gemeente: dict[int, list[int]]

    @classmethod
    def load(cls) -> "Places":
        by_code = {o.code: o for o in Organisation.objects.filter(kind__in=("gemeente", "swv"))}
        big_city = by_code[BIG_CITY_CODE]
        swvs_by_region = defaultdict(list)
        for org in by_code.values():
            if org.kind == OrganisationKind.SWV:
                swvs_by_region[org.region_id].append(org.pk)
        gemeenten = [o for o in by_code.values() if o.kind == OrganisationKind.GEMEENTE]
        return cls(
            big_city=big_city.pk,
            big_swv=by_code[BIG_SWV_CODE].pk,
            big_city_po_swv=by_code[BIG_CITY_PO_SWV_CODE].pk,
            big_region_gemeenten=[
                g.pk for g in gemeenten if g.region_id == big_city.region_id and g != big_city
            ],
            other_gemeenten=sorted(g.pk for g in gemeenten if g.region_id != big_city.region_id),
            swvs_of_gemeente={g.pk: sorted(swvs_by_region[g.region_id]) for g in gemeenten},
        )


def _placements(
    shape: NationalShape, places: Places, count: int, rng: random.Random
) -> list[tuple[int, int]]:
    """(gemeente, swv) per new case: the big city and big SWV first, the rest by municipality size."""
    existing = Case.objects.all()
    city = max(0, shape.big_city_cases - existing.filter(gemeente_id=places.big_city).count())
    swv = max(0, shape.big_swv_cases - existing.filter(swv_id=places.big_swv).count())
    city_in_swv = min(city, round(swv * 0.75))
    neighbours = places.big_region_gemeenten or [places.big_city]
    placed = [(places.big_city, places.big_swv)] * city_in_swv
    placed += [(places.big_city, places.big_city_po_swv)] * (city - city_in_swv)
    placed += [(rng.choice(neighbours), places.big_swv) for _ in range(swv - city_in_swv)]
    sizes = [min(rng.paretovariate(1.5), 8.0) for _ in places.other_gemeenten]  # none beats the big city
    rest = rng.choices(places.other_gemeenten, weights=sizes, k=max(0, count - len(placed)))
    placed += [(g, rng.choice(places.swvs_of_gemeente[g])) for g in rest]
    return placed[:count]


def _dates(plan: CasePlan, today: date, rng: random.Random) -> None:
    if plan.active:
        age = rng.randint(365, 1500) if plan.long_running else rng.randint(7, 720)
        plan.registered_on = today - timedelta(days=age)
        plan.status = rng.choices(list(ACTIVE_STATUS_WEIGHTS), weights=list(ACTIVE_STATUS_WEIGHTS.values()))[
            0
        ]
        return
    plan.registered_on = today - timedelta(days=rng.randint(90, 8 * 365))
    open_days = (today - plan.registered_on).days
    plan.closed_on = plan.registered_on + timedelta(days=rng.randint(30, min(open_days, 900)))


def _scale(weights: list[float], total: int, low: int, high: int) -> list[int]:
    factor = total / max(sum(weights), 1e-9)
    return [min(high, max(low, round(w * factor))) for w in weights]


def _sizes(plans: list[CasePlan], shape: NationalShape, rng: random.Random) -> None:
    """Entries, people involved and audit events per case: heavy-tailed, scaled to the totals."""
    existing = len(plans) < shape.cases  # the demo cases already hold some of each
    share = len(plans) / shape.cases if existing else 1.0
    raw = [rng.lognormvariate(0, 0.9) * (LONG_RUNNING_FACTOR if p.long_running else 1.0) for p in plans]
    entries = _scale(raw, round(shape.entries * share) - shape.longest_case_entries, 1, 600)
    for plan, count in zip(plans, entries, strict=True):
        plan.entries = count
    plans[0].entries = shape.longest_case_entries
    involved = _scale([2 + math.sqrt(p.entries) for p in plans], round(shape.involved * share), 2, 60)
    audit = _scale([6 + p.entries + n for p, n in zip(plans, involved, strict=True)],
                   round(shape.audit_events * share), 3, 20_000)  # fmt: skip
    for plan, people, events in zip(plans, involved, audit, strict=True):
        plan.involved, plan.audit_events = people, events


def plan_cases(shape: NationalShape, first_id: int, today: date, rng: random.Random) -> list[CasePlan]:
    """The new cases; the first is the longest file, active, in the big city and the big SWV."""
    count = max(0, shape.cases - Case.objects.count())
    already_active = Case.objects.filter(status__in=ACTIVE_STATUSES).count()
    active = set(rng.sample(range(1, count), min(count - 1, max(0, shape.active - already_active - 1))))
    active.add(0)
    placements = _placements(shape, Places.load(), count, rng)
    plans = []
    for index, (gemeente, swv) in enumerate(placements):
        is_active = index in active
        chance = LONG_RUNNING_ACTIVE if is_active else LONG_RUNNING_CLOSED
        plan = CasePlan(first_id + index, gemeente, swv, is_active, index == 0 or rng.random() < chance)
        plan.category = (
            Category.VRIJSTELLING_5A if rng.random() < EXEMPTION_SHARE else Category.ABSOLUUT_VERZUIM
        )
        plan.project = index == 0 or rng.random() < PROJECT_CASE_SHARE
        _dates(plan, today, rng)
        plans.append(plan)
    if plans:
        _sizes(plans, shape, rng)
    return plans
