"""Build one fictional demo case in memory: the case, its status history, details and checklist.

Nothing here touches the database; `cases.demo` saves the drafts in bulk. The entries around a case
(people, conversations, plan, ...) are added by `cases.demo_entries`.
"""

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Model
from django.utils import timezone

from wio.accounts.constants import Sector
from wio.accounts.models import Organisation, User

from . import demo_content as content
from .constants import (
    Applicant,
    Category,
    EscalationBasis,
    InvestigationStatus,
    PreparationKind,
    PreparationStatus,
    ProcesregieReason,
    Status,
)
from .models import AbsenteeismDetails, Case, ExemptionDetails, PreparationItem, StatusChange

# The main route through the pipeline (A23); `status_path` adds the detours a case may take.
PIPELINE: tuple[str, ...] = (
    Status.IN_BEELD,
    Status.VOORGESTELD,
    Status.OUDERGESPREK,
    Status.EXPERTISE_VERZAMELD,
    Status.BERAAD_GEPLAND,
    Status.BERAAD_GEHOUDEN,
    Status.VERVOLG,
    Status.NAZORG,
    Status.AFGESLOTEN,
)
# A milestone of the escalation clock counts as done once the case reached the matching status.
MILESTONE_STATUS: dict[str, str] = {
    "casusregie_on": Status.EXPERTISE_VERZAMELD,
    "doorbraakteam_checked_on": Status.BERAAD_GEHOUDEN,
    "offer_agreed_on": Status.VERVOLG,
}

Link = tuple[Model, str, Sequence[Model]]


@dataclass(frozen=True)
class CaseSpec:
    """What one demo case should look like; everything else is drawn from the seeded random."""

    swv: Organisation
    gemeente: Organisation
    status: str
    category: str
    registered_on: date
    escalation_basis: str = EscalationBasis.REGISTRATIE
    lead_days: int = 0  # how long before registration the escalation clock started
    is_project_case: bool = True
    closed_early: bool = False  # closed after the parent conversation (parents declined)
    second_beraad: bool = False  # a follow-up beraad after the first one
    lagging: bool = False  # the last milestone it could have made is still open
    story_consent: bool = False
    withdraw_story: bool = False
    overdue_action: bool = False


@dataclass
class DemoWorld:
    """The shared state of one seeding run: the random source, today and the demo users."""

    rng: random.Random
    today: date
    lpa: User | None
    coordinator: User | None
    lpa_gemeente_ids: frozenset[int] = frozenset()
    coordinator_swv_ids: frozenset[int] = frozenset()
    staff: dict[int, str] = field(default_factory=dict)  # organisation id -> a contact person

    def person(self, last_name: str | None = None) -> str:
        first = self.rng.choice(content.ADULT_FIRST_NAMES)
        return f"{first} {last_name or self.rng.choice(content.LAST_NAMES)}"

    def staff_at(self, organisation: Organisation) -> str:
        if organisation.pk not in self.staff:
            self.staff[organisation.pk] = self.person()
        return self.staff[organisation.pk]

    def between(self, start: date, end: date) -> date:
        return start + timedelta(days=self.rng.randint(0, max((end - start).days, 0)))

    def creator(self, case: Case) -> User | None:
        """Demo rows in the demo LPA's municipality are recorded by that LPA; the rest by nobody."""
        return self.lpa if case.gemeente_id in self.lpa_gemeente_ids else None


@dataclass
class CaseDraft:
    spec: CaseSpec
    case: Case
    path: list[str]
    dates: list[date]  # the day the case reached each status of `path`
    rows: list[Model] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    change_times: list[tuple[StatusChange, datetime]] = field(default_factory=list)

    def reached(self, status: str) -> bool:
        return status in self.path

    def date_of(self, status: str) -> date:
        return self.dates[self.path.index(status)]

    @property
    def active(self) -> bool:
        return self.case.status != Status.AFGESLOTEN

    @property
    def last_date(self) -> date:
        return self.dates[-1]


def status_path(spec: CaseSpec) -> list[str]:
    if spec.status == Status.AFGESLOTEN and spec.closed_early:
        return [*PIPELINE[:3], Status.AFGESLOTEN]
    path = list(PIPELINE[: PIPELINE.index(spec.status) + 1])
    if spec.second_beraad and Status.VERVOLG in path:
        after_vervolg = path.index(Status.VERVOLG) + 1
        path[after_vervolg:after_vervolg] = [Status.BERAAD_GEPLAND, Status.BERAAD_GEHOUDEN, Status.VERVOLG]
    return path


def _path_dates(world: DemoWorld, registered_on: date, steps: int) -> list[date]:
    """Two to six weeks per step, squeezed together when the case was registered recently."""
    gaps = [world.rng.randint(10, 45) for _ in range(steps)]
    room = max((world.today - registered_on).days - 1, 0)
    if sum(gaps) > room:
        gaps = [gap * room // sum(gaps) for gap in gaps]
    dates = [registered_on]
    for gap in gaps:
        dates.append(dates[-1] + timedelta(days=gap))
    return dates


def _moment(world: DemoWorld, day: date) -> datetime:
    at = time(world.rng.randint(8, 16), world.rng.choice((0, 15, 30, 45)))
    return datetime.combine(day, at, tzinfo=timezone.get_current_timezone())


def _date_of_birth(world: DemoWorld, spec: CaseSpec) -> date:
    low, high = (6, 12) if spec.swv.sector == Sector.PO else (12, 17)
    age_days = world.rng.randint(low, high) * 365 + world.rng.randint(0, 364)
    return spec.registered_on - timedelta(days=age_days)


def _new_case(world: DemoWorld, spec: CaseSpec) -> Case:
    rng = world.rng
    last_name = rng.choice(content.LAST_NAMES)
    return Case(
        first_name=rng.choice(content.YOUTH_FIRST_NAMES),
        last_name=last_name,
        date_of_birth=_date_of_birth(world, spec),
        gemeente=spec.gemeente,
        swv=spec.swv,
        category=spec.category,
        is_project_case=spec.is_project_case,
        status=spec.status,
        registered_on=spec.registered_on,
        escalation_basis=spec.escalation_basis,
        escalation_start_on=spec.registered_on - timedelta(days=spec.lead_days),
        planned_conversations=4 if rng.random() < 0.1 else 3,
        youth_wishes=rng.choice(content.YOUTH_WISHES) if rng.random() < 0.6 else "",
        youth_ideas=rng.choice(content.YOUTH_IDEAS) if rng.random() < 0.5 else "",
    )


def _status_history(world: DemoWorld, draft: CaseDraft) -> None:
    """StatusChange rows along the path; their dates are put back after the bulk insert."""
    case, creator = draft.case, world.creator(draft.case)
    moment = _moment(world, case.registered_on)
    for before, after, day in zip(draft.path, draft.path[1:], draft.dates[1:], strict=False):
        # Steps on the same day still follow each other, so the history sorts in pipeline order.
        moment = max(_moment(world, day), moment + timedelta(minutes=15))
        change = StatusChange(case=case, from_status=before, to_status=after, changed_by=creator)
        draft.rows.append(change)
        draft.change_times.append((change, moment))
    case.status_changed_at = moment


def _escalation(world: DemoWorld, draft: CaseDraft) -> None:
    case = draft.case
    done = [name for name, status in MILESTONE_STATUS.items() if draft.reached(status)]
    if draft.spec.lagging and done:
        done.pop()
    for name in done:
        setattr(case, name, draft.date_of(MILESTONE_STATUS[name]))
    if "offer_agreed_on" in done:
        # Almost half of the offers were agreed within the 12-week norm, the rest later.
        if world.rng.random() < 0.45:
            within_norm = case.escalation_start_on + timedelta(weeks=world.rng.randint(7, 12))
            case.offer_agreed_on = min(case.offer_agreed_on or within_norm, within_norm)
        case.offer_description = world.rng.choice(content.OFFERS)
        case.offer_durable = case.offer_agreed_by_parents = case.offer_agreed_by_youth = True
        case.offer_agreed_by_professionals = True


def _regie(world: DemoWorld, draft: CaseDraft) -> None:
    case, rng = draft.case, world.rng
    if draft.reached(Status.EXPERTISE_VERZAMELD):
        case.casusregisseur = world.staff_at(case.gemeente) if rng.random() < 0.6 else world.person()
        case.interests = rng.choice(content.INTERESTS)
        case.procesregisseur_needed = rng.random() < 0.15
        if case.procesregisseur_needed:
            case.procesregie_reason = rng.choice(ProcesregieReason.values)
    if draft.reached(Status.BERAAD_GEHOUDEN):
        case.advice_commitment = rng.random() < 0.8
        case.escalation_route_needed = rng.random() < 0.1
        if case.escalation_route_needed:
            case.escalation_route = "Via het OOGO naar de wethouder en het bestuur van het SWV."


def _exemption(world: DemoWorld, draft: CaseDraft) -> ExemptionDetails:
    rng, registered = world.rng, draft.case.registered_on
    applied = registered - timedelta(days=rng.randint(90, 900))
    applied = max(applied, draft.case.date_of_birth + timedelta(days=5 * 365 + 30))
    doctor_done = rng.random() < 0.85
    doctor_on = applied + timedelta(days=rng.randint(14, 42)) if doctor_done else None
    granted = (doctor_on or applied) + timedelta(days=rng.randint(7, 30))
    return ExemptionDetails(
        case=draft.case,
        applicant=Applicant.VOOGD if rng.random() < 0.1 else Applicant.OUDERS,
        applied_on=applied,
        doctor_assessment_done=doctor_done,
        doctor_assessed_on=doctor_on,
        education_involved=rng.choices((True, False, None), weights=(65, 25, 10))[0],
        granted_on=granted,
        valid_until=granted + timedelta(days=rng.choice((365, 730))),
        last_contact_on=None if rng.random() < 0.4 else world.between(granted, registered),
    )


def _absenteeism(world: DemoWorld, draft: CaseDraft) -> AbsenteeismDetails:
    if draft.reached(Status.OUDERGESPREK):
        status, day = InvestigationStatus.AFGEROND, draft.date_of(Status.OUDERGESPREK)
    elif draft.reached(Status.VOORGESTELD):
        status, day = InvestigationStatus.LOPEND, draft.date_of(Status.VOORGESTELD)
    else:
        status, day = InvestigationStatus.NIET_GESTART, None
    schools = content.PO_SCHOOLS if draft.case.swv.sector == Sector.PO else content.VO_SCHOOLS
    last_school = world.rng.choice(schools) if world.rng.random() < 0.7 else ""
    return AbsenteeismDetails(
        case=draft.case, investigation_status=status, investigation_on=day, last_school=last_school
    )


def _is_ready(world: DemoWorld, draft: CaseDraft) -> bool:
    """Decided once per case, so a case that is ready for beraad is ready on every item."""
    if draft.reached(Status.BERAAD_GEPLAND):
        return True
    return draft.reached(Status.EXPERTISE_VERZAMELD) and world.rng.random() < 0.5


def _preparation_status(world: DemoWorld, draft: CaseDraft, kind: str, ready: bool) -> str:
    rng = world.rng
    if ready:
        if kind == PreparationKind.DOSSIER and rng.random() < 0.3:
            return PreparationStatus.NVT
        return rng.choice((PreparationStatus.VOLLEDIG, PreparationStatus.ACTUEEL))
    if draft.reached(Status.OUDERGESPREK):
        return rng.choice(
            (PreparationStatus.ONTBREEKT, PreparationStatus.BESCHIKBAAR, PreparationStatus.VOLLEDIG)
        )
    return PreparationStatus.BESCHIKBAAR if rng.random() < 0.25 else PreparationStatus.ONTBREEKT


def _preparation(world: DemoWorld, draft: CaseDraft) -> None:
    ready = _is_ready(world, draft)
    for kind in PreparationKind.values:
        status = _preparation_status(world, draft, kind, ready)
        draft.rows.append(PreparationItem(case=draft.case, kind=kind, status=status))


def build_case(world: DemoWorld, spec: CaseSpec) -> CaseDraft:
    case = _new_case(world, spec)
    path = status_path(spec)
    draft = CaseDraft(
        spec=spec, case=case, path=path, dates=_path_dates(world, spec.registered_on, len(path) - 1)
    )
    case.created_by = world.creator(case)
    draft.rows.append(case)
    _status_history(world, draft)
    _escalation(world, draft)
    _regie(world, draft)
    details = (
        _exemption(world, draft) if spec.category == Category.VRIJSTELLING_5A else _absenteeism(world, draft)
    )
    draft.rows.append(details)
    _preparation(world, draft)
    return draft
