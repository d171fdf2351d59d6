"""Demo cases for `manage.py seed_demo`: five fictional project cases per SWV in every region.

Runs after the accounts seed (regions, organisations, demo users). The data is drawn from a seeded
random, so every demo database tells the same stories; only the case references are random.

Seeding is not a user action, so it writes no audit events and does not go through
`cases.services` row by row: it builds every row in memory and saves each table with one
`bulk_create`, setting the derived fields (development_present, movement_since) itself. That keeps
750 cases with their dossiers well under a minute, on PostgreSQL and on the embedded SQLite alike.
"""

import random
from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from functools import partial

from django.db.models import Model
from django.utils import timezone

from wio.accounts.constants import OrganisationKind
from wio.accounts.models import Organisation, PartnershipException, User

from .constants import PROJECT_CASES_PER_SWV, Category, EscalationBasis, KnelpuntStatus, Status
from .demo_cases import CaseDraft, CaseSpec, DemoWorld, Link, build_case
from .demo_content import KNELPUNT_ADDRESSEES, KNELPUNT_TEXTS
from .demo_entries import add_entries
from .demo_handover import seed_pending_handover
from .demo_hours import seed_hours
from .demo_retention import seed_retention
from .models import (
    AbsenteeismDetails,
    ActionItem,
    Arrangement,
    Case,
    Consent,
    Conversation,
    Development,
    ExemptionDetails,
    Goal,
    Involved,
    Knelpunt,
    KnelpuntStatusChange,
    Movement,
    Outcome,
    Plan,
    PreparationItem,
    Referral,
    StatusChange,
    TimelineEntry,
)
from .services.case import _new_reference

RANDOM_SEED = 2026
LPA_EMAIL = "lpa@wio.example"
COORDINATOR_EMAIL = "coordinator@wio.example"
HOME_GEMEENTE = "GM1681"  # Borger-Odoorn: the demo LPA's municipality and the source plan's 5 PO cases
HOME_SWV = "PO 22-02"
HOME_VO_SWV = "VO 22-02"  # its cases go to Emmen, so the demo LPA sees the five PO cases of the plan
OTHER_REGION_SWV = "VO 20-03"  # Veenkoloniën: the SWV of a Borger-Odoorn youth from another region (A2)
PROJECT_START, PROJECT_END = date(2021, 9, 1), date(2023, 6, 30)
# Most cases date from the project period and have come far along the pipeline by now; about one in
# seven was registered in recent weeks and is still early on, so the escalation clock shows
# milestones that are due soon next to overdue ones.
RECENT_SHARE = 0.15
PROJECT_STATUS_WEIGHTS = {
    Status.IN_BEELD: 2,
    Status.VOORGESTELD: 2,
    Status.OUDERGESPREK: 3,
    Status.EXPERTISE_VERZAMELD: 4,
    Status.BERAAD_GEPLAND: 4,
    Status.BERAAD_GEHOUDEN: 6,
    Status.VERVOLG: 22,
    Status.NAZORG: 22,
    Status.AFGESLOTEN: 35,
}
RECENT_STATUS_WEIGHTS = {
    Status.IN_BEELD: 25,
    Status.VOORGESTELD: 25,
    Status.OUDERGESPREK: 20,
    Status.EXPERTISE_VERZAMELD: 15,
    Status.BERAAD_GEPLAND: 10,
    Status.BERAAD_GEHOUDEN: 5,
}
KNELPUNT_PATHS = (
    (KnelpuntStatus.VERZAMELD,),
    (KnelpuntStatus.VERZAMELD, KnelpuntStatus.ONDERZOCHT),
    (KnelpuntStatus.VERZAMELD, KnelpuntStatus.ONDERZOCHT, KnelpuntStatus.GEADRESSEERD),
    (KnelpuntStatus.VERZAMELD, KnelpuntStatus.ONDERZOCHT, KnelpuntStatus.GEAGENDEERD),
    (
        KnelpuntStatus.VERZAMELD,
        KnelpuntStatus.ONDERZOCHT,
        KnelpuntStatus.GEADRESSEERD,
        KnelpuntStatus.GEAGENDEERD,
    ),
)
# Parents before children, so every foreign key points at a row that already has its id.
SAVE_ORDER: tuple[type[Model], ...] = (
    Case,
    ExemptionDetails,
    AbsenteeismDetails,
    PreparationItem,
    StatusChange,
    Involved,
    TimelineEntry,
    Consent,
    Conversation,
    Development,
    Movement,
    ActionItem,
    Plan,
    Goal,
    Arrangement,
    Referral,
    Outcome,
    Knelpunt,
    KnelpuntStatusChange,
)


def _random_spec(world: DemoWorld, swv: Organisation, gemeente: Organisation) -> CaseSpec:
    rng = world.rng
    recent = rng.random() < RECENT_SHARE
    weights = RECENT_STATUS_WEIGHTS if recent else PROJECT_STATUS_WEIGHTS
    status = rng.choices(list(weights), weights=list(weights.values()))[0]
    if recent:
        registered_on = world.today - timedelta(days=rng.randint(5, 100))
    else:
        registered_on = world.between(PROJECT_START, PROJECT_END)
    category = Category.VRIJSTELLING_5A if rng.random() < 0.8 else Category.ABSOLUUT_VERZUIM
    basis, lead_days = EscalationBasis.REGISTRATIE, 0
    if rng.random() < 0.25:
        basis = (
            EscalationBasis.EERSTE_VERZUIM
            if category == Category.ABSOLUUT_VERZUIM
            else EscalationBasis.MELDING
        )
        lead_days = rng.randint(7, 42)
    return CaseSpec(
        swv=swv,
        gemeente=gemeente,
        status=status,
        category=category,
        registered_on=registered_on,
        escalation_basis=basis,
        lead_days=lead_days,
        closed_early=status == Status.AFGESLOTEN and rng.random() < 0.12,
        second_beraad=rng.random() < 0.15,
        lagging=status != Status.AFGESLOTEN and rng.random() < 0.12,
        story_consent=rng.random() < 0.3,
    )


def _home_specs(world: DemoWorld, swv: Organisation, gemeente: Organisation) -> list[CaseSpec]:
    """Borger-Odoorn's five PO cases (the source plan has five): two that started with its plan of
    January 2022 and three recent ones that show the escalation clock: one overdue, two due soon."""
    today, vrijstelling = world.today, Category.VRIJSTELLING_5A
    plan_day = date(2022, 1, 17)
    home = partial(CaseSpec, swv=swv, gemeente=gemeente)
    return [
        home(status=Status.VERVOLG, category=vrijstelling, registered_on=plan_day, story_consent=True),
        home(
            status=Status.BERAAD_GEHOUDEN,
            category=vrijstelling,
            registered_on=plan_day,
            story_consent=True,
            withdraw_story=True,
        ),
        home(
            status=Status.BERAAD_GEPLAND,
            category=vrijstelling,
            registered_on=today - timedelta(days=52),
            overdue_action=True,
        ),
        home(
            status=Status.OUDERGESPREK,
            category=Category.ABSOLUUT_VERZUIM,
            registered_on=today - timedelta(days=40),
            overdue_action=True,
        ),
        home(status=Status.VOORGESTELD, category=vrijstelling, registered_on=today - timedelta(days=24)),
    ]


def _specs_for_swv(world: DemoWorld, swv: Organisation, gemeenten: list[Organisation]) -> list[CaseSpec]:
    by_code = {gemeente.code: gemeente for gemeente in gemeenten}
    if swv.code == HOME_SWV and HOME_GEMEENTE in by_code:
        return _home_specs(world, swv, by_code[HOME_GEMEENTE])
    if swv.code == HOME_VO_SWV:
        gemeenten = [gemeente for gemeente in gemeenten if gemeente.code != HOME_GEMEENTE] or gemeenten
    return [_random_spec(world, swv, world.rng.choice(gemeenten)) for _ in range(PROJECT_CASES_PER_SWV)]


def _other_region_spec(world: DemoWorld, swvs: list[Organisation]) -> CaseSpec | None:
    """A Borger-Odoorn youth whose SWV lies in another region (A2), outside the project quota."""
    home = Organisation.objects.filter(kind=OrganisationKind.GEMEENTE, code=HOME_GEMEENTE).first()
    swv = next((swv for swv in swvs if swv.code == OTHER_REGION_SWV), None)
    if home is None or swv is None:
        return None
    # The functional administrator has recorded that this partnership serves Borger-Odoorn too.
    PartnershipException.objects.get_or_create(
        gemeente=home, swv=swv, defaults={"reason": "Demo: jeugdige op een school in de Veenkoloniën"}
    )
    registered_on = world.today - timedelta(days=70)
    return CaseSpec(
        swv=swv,
        gemeente=home,
        status=Status.EXPERTISE_VERZAMELD,
        category=Category.VRIJSTELLING_5A,
        registered_on=registered_on,
        is_project_case=False,
    )


def _knelpunten(world: DemoWorld, drafts: list[CaseDraft], *, shared: bool) -> tuple[list[Model], list[Link]]:
    """0-2 knelpunten per SWV, now and then met in two of its cases (A17)."""
    rng = world.rng
    rows: list[Model] = []
    links: list[Link] = []
    for index in range(2 if shared else rng.choice((0, 1, 1, 2))):
        first = rng.choice(drafts)
        cases: list[Model] = [first.case]
        if (shared and index == 0) or rng.random() < 0.3:
            cases.append(rng.choice([draft for draft in drafts if draft is not first]).case)
        category = rng.choice(list(KNELPUNT_TEXTS))
        raised_on = world.between(first.case.registered_on, first.last_date)
        path = rng.choice(KNELPUNT_PATHS)
        days = [raised_on]
        for _ in path[1:]:
            days.append(min(days[-1] + timedelta(days=rng.randint(7, 60)), world.today))
        knelpunt = Knelpunt(
            description=KNELPUNT_TEXTS[category],
            category=category,
            status=path[-1],
            addressed_to=rng.choice(KNELPUNT_ADDRESSEES) if len(path) > 2 else "",
            raised_on=raised_on,
            status_changed_on=days[-1],
            created_by=first.case.created_by,
        )
        rows.append(knelpunt)
        rows.extend(
            KnelpuntStatusChange(knelpunt=knelpunt, from_status=before, to_status=after, changed_on=day)
            for before, after, day in zip(path, path[1:], days[1:], strict=False)
        )
        links.append((knelpunt, "cases", cases))
    return rows, links


def _unique_references(count: int) -> Iterable[str]:
    taken = set(Case.objects.values_list("reference", flat=True))
    while count:
        reference = _new_reference()
        if reference not in taken:
            taken.add(reference)
            count -= 1
            yield reference


def _save_links(links: list[Link]) -> None:
    """Many-to-many rows straight into the through tables, one insert per relation."""
    rows: dict[type[Model], list[Model]] = defaultdict(list)
    for source, name, targets in links:
        relation = type(source)._meta.get_field(name)
        through = relation.remote_field.through  # type: ignore[union-attr]
        source_column, target_column = relation.m2m_column_name(), relation.m2m_reverse_name()  # type: ignore[union-attr]
        for target in targets:
            rows[through].append(through(**{source_column: source.pk, target_column: target.pk}))
    for through, through_rows in rows.items():
        through.objects.bulk_create(through_rows, batch_size=500)  # type: ignore[attr-defined]


def _save(rows: list[Model], links: list[Link], change_times: list[tuple[StatusChange, datetime]]) -> None:
    by_model: dict[type[Model], list[Model]] = defaultdict(list)
    for row in rows:
        by_model[type(row)].append(row)
    for model in SAVE_ORDER:
        model._default_manager.bulk_create(by_model[model], batch_size=500)
    _save_links(links)
    # `changed_at` is stamped on insert; put the history back on the days the steps happened.
    for change, moment in change_times:
        change.changed_at = moment
    StatusChange.objects.bulk_update([change for change, _ in change_times], ["changed_at"], batch_size=500)


def _organisation_ids(user: User | None) -> frozenset[int]:
    return frozenset(user.memberships.values_list("organisation_id", flat=True)) if user else frozenset()


def _world() -> DemoWorld:
    lpa = User.objects.filter(email=LPA_EMAIL).first()
    coordinator = User.objects.filter(email=COORDINATOR_EMAIL).first()
    world = DemoWorld(
        rng=random.Random(RANDOM_SEED),  # noqa: S311 - reproducible demo data, not a secret
        today=timezone.localdate(),
        lpa=lpa,
        coordinator=coordinator,
        lpa_gemeente_ids=_organisation_ids(lpa),
        coordinator_swv_ids=_organisation_ids(coordinator),
    )
    # The demo users appear by name in their own cases, as the LPA and the SWV's contact person.
    for user, organisation_ids in ((lpa, world.lpa_gemeente_ids), (coordinator, world.coordinator_swv_ids)):
        world.staff.update(dict.fromkeys(organisation_ids, user.get_full_name() if user else ""))
    return world


def _drafts(world: DemoWorld) -> tuple[list[CaseDraft], list[Model], list[Link]]:
    swvs = list(Organisation.objects.filter(kind=OrganisationKind.SWV, region__isnull=False).order_by("code"))
    gemeenten: dict[int | None, list[Organisation]] = defaultdict(list)
    for gemeente in Organisation.objects.filter(kind=OrganisationKind.GEMEENTE).order_by("code"):
        gemeenten[gemeente.region_id].append(gemeente)
    drafts: list[CaseDraft] = []
    rows: list[Model] = []
    links: list[Link] = []
    for swv in (swv for swv in swvs if gemeenten[swv.region_id]):
        own = [build_case(world, spec) for spec in _specs_for_swv(world, swv, gemeenten[swv.region_id])]
        knelpunt_rows, knelpunt_links = _knelpunten(world, own, shared=swv.code == HOME_SWV)
        drafts.extend(own)
        rows.extend(knelpunt_rows)
        links.extend(knelpunt_links)
    if (spec := _other_region_spec(world, swvs)) is not None:
        drafts.append(build_case(world, spec))
    return drafts, rows, links


def seed() -> str:
    # Any case at all means this database already has its cases (these or someone's own); seeding
    # again would duplicate or mix them. One query, so a second run costs nothing.
    if Case.objects.exists():
        return "cases already present, nothing added"
    world = _world()
    drafts, rows, links = _drafts(world)
    for draft, reference in zip(drafts, _unique_references(len(drafts)), strict=True):
        draft.case.reference = reference
        add_entries(world, draft)
    case_rows = [row for draft in drafts for row in draft.rows]
    case_links = [link for draft in drafts for link in draft.links]
    _save(
        [*case_rows, *rows], [*case_links, *links], [pair for draft in drafts for pair in draft.change_times]
    )
    hours = seed_hours(world, [draft for draft in drafts if draft.case.gemeente.code == HOME_GEMEENTE])
    handovers = seed_pending_handover(home_gemeente_code=HOME_GEMEENTE, requester_email=LPA_EMAIL)
    destruction_lists = seed_retention(home_gemeente_code=HOME_GEMEENTE)
    return (
        f"{len(drafts)} cases, {len(case_rows) + len(rows)} rows, {hours} hours in {HOME_GEMEENTE}, "
        f"{handovers} pending handover, {destruction_lists} destruction list"
    )
