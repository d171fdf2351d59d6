"""The monitor's counts (DOMAIN.md §6.2, §10 C42–43): known flags per region give known totals."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest

from cases.constants import Category, ConversationKind, InvolvedRole, KnelpuntCategory, KnelpuntStatus
from cases.models import Case, Conversation, KnelpuntStatusChange
from monitor.statistics import counts
from monitor.statistics.tables import CountTable
from moreelberaad.constants import BeraadStatus
from tests.cases.factories import (
    CaseFactory,
    DevelopmentFactory,
    HoursBudgetFactory,
    InvolvedFactory,
    KnelpuntFactory,
    TimeEntryFactory,
)
from tests.factories import OrganisationFactory, PhaseFactory, RegionFactory
from tests.moreelberaad.factories import BeraadFactory
from wio.accounts.models import Organisation, Phase, Region

pytestmark = pytest.mark.django_db

PEILDATUM = date(2025, 6, 1)
BEFORE = PEILDATUM - timedelta(days=30)
AFTER = PEILDATUM + timedelta(days=1)
LONG_BEFORE = PEILDATUM - timedelta(days=200)


@dataclass
class Place:
    region: Region
    swv: Organisation
    gemeente: Organisation


def _place(name: str, phase: Phase) -> Place:
    region = RegionFactory(name=name, phase_joined=phase)
    return Place(region, OrganisationFactory(swv=True, region=region), OrganisationFactory(region=region))


def _case(place: Place, registered_on: date = LONG_BEFORE, **fields: Any) -> Case:
    return CaseFactory(
        swv=place.swv,
        gemeente=place.gemeente,
        registered_on=registered_on,
        escalation_start_on=fields.pop("escalation_start_on", registered_on),
        **fields,
    )


def _spoke_with(case: Case, *people: Any, kind: str = ConversationKind.OUDERGESPREK, **fields: Any) -> None:
    conversation = Conversation.objects.create(
        case=case, kind=kind, held_on=fields.pop("held_on", BEFORE), is_held=fields.pop("is_held", True)
    )
    conversation.attendees.add(*people)


def _development(case: Case, noted_on: date = BEFORE) -> None:
    DevelopmentFactory(case=case, noted_on=noted_on)
    Case.objects.filter(pk=case.pk).update(development_present=True)


def _everything_counted(case: Case) -> None:
    """A parent spoken with, development and movement, all before the peildatum."""
    _spoke_with(case, InvolvedFactory(case=case, role=InvolvedRole.OUDER))
    _development(case)
    Case.objects.filter(pk=case.pk).update(movement_since=BEFORE)


@pytest.fixture
def world() -> dict[str, Place]:
    """Alfa and Bravo joined in phase 1, Charlie in phase 2; every case states what it adds."""
    phase_1, phase_2 = PhaseFactory(number=1), PhaseFactory(number=2, name="Opschalen")
    alfa, bravo, charlie = _place("Alfa", phase_1), _place("Bravo", phase_1), _place("Charlie", phase_2)

    # Alfa: 3 parents (mother twice, father, guardian); 1 development; 1 movement
    a1 = _case(alfa, movement_since=BEFORE)
    mother, father = InvolvedFactory(case=a1), InvolvedFactory(case=a1)
    _spoke_with(a1, mother, father)
    _spoke_with(a1, mother, kind=ConversationKind.VOORSTEL)
    _development(a1)
    a2 = _case(alfa, category=Category.ABSOLUUT_VERZUIM, movement_since=AFTER)
    youth = InvolvedFactory(case=a2, role=InvolvedRole.JEUGDIGE)
    _spoke_with(a2, InvolvedFactory(case=a2, role=InvolvedRole.VOOGD), youth, kind=ConversationKind.VOORSTEL)
    _development(a2, noted_on=AFTER)
    a3 = _case(alfa)
    not_counted = InvolvedFactory(case=a3)
    _spoke_with(a3, not_counted, is_held=False)
    _spoke_with(a3, not_counted, kind=ConversationKind.CASUSGESPREK)
    _spoke_with(a3, not_counted, held_on=AFTER)

    # Bravo: 1 foster parent, 1 development, 1 movement; a late case and a non-project case add nothing
    b1 = _case(bravo, category=Category.ABSOLUUT_VERZUIM, movement_since=BEFORE)
    _spoke_with(b1, InvolvedFactory(case=b1, role=InvolvedRole.PLEEGOUDER))
    _development(b1)
    _everything_counted(_case(bravo, registered_on=AFTER))
    _everything_counted(_case(bravo, is_project_case=False))

    # Charlie: no parents, 1 development, 2 movements
    c1 = _case(charlie, movement_since=BEFORE)
    _development(c1)
    _case(charlie, movement_since=BEFORE)

    # A case whose SWV lies in no region is counted nowhere
    nowhere = Place(bravo.region, OrganisationFactory(swv=True, region=None), bravo.gemeente)
    _everything_counted(_case(nowhere))
    return {"alfa": alfa, "bravo": bravo, "charlie": charlie}


def _rows(table: CountTable) -> list[tuple[str, tuple[int, ...]]]:
    return list(table.rows)


def test_core_counts_per_region_and_nationally(world: dict[str, Place]) -> None:
    # When the core counts are taken at the peildatum
    by_region = counts.core_counts_by_region(PEILDATUM)
    national = counts.core_counts_national(PEILDATUM)

    # Then each region has exactly what its cases add, and the nation their sum (C42)
    assert _rows(by_region) == [("Alfa", (3, 1, 1)), ("Bravo", (1, 1, 1)), ("Charlie", (0, 1, 2))]
    assert by_region.column_totals() == (4, 3, 4)
    assert national.rows[0][1] == (4, 3, 4)
    assert len(national.rows) == 1


def test_core_counts_by_phase_group_regions_by_the_phase_they_joined(world: dict[str, Place]) -> None:
    by_phase = counts.core_counts_by_phase(PEILDATUM)

    assert [values for _label, values in by_phase.rows] == [(4, 2, 2), (0, 1, 2)]


def test_core_counts_for_chosen_regions(world: dict[str, Place]) -> None:
    table = counts.core_counts_by_region(PEILDATUM, region_ids=[world["bravo"].region.pk])

    assert _rows(table) == [("Bravo", (1, 1, 1))]


def test_an_earlier_peildatum_counts_the_state_of_then(world: dict[str, Place]) -> None:
    # When the peildatum lies before every conversation, development and movement
    table = counts.core_counts_by_region(BEFORE - timedelta(days=1))

    # Then nothing has happened yet
    assert table.column_totals() == (0, 0, 0)


def test_published_core_counts_are_one_consistent_whole(world: dict[str, Place]) -> None:
    # When the core counts are published with k = 3
    core = counts.published_core_counts(PEILDATUM, k=3)

    # Then the nation, the phases and the regions share one set of totals, every shown number is true,
    # and a region's own report gets exactly its row of the whole
    assert core.national.rows[0][1] == core.by_region.column_totals == core.by_phase.column_totals
    shown = [
        (cell.text, value)
        for published, raw in (
            (core.by_region, counts.core_counts_by_region(PEILDATUM)),
            (core.by_phase, counts.core_counts_by_phase(PEILDATUM)),
        )
        for (_label, cells), (_raw_label, values) in zip(published.rows, raw.rows, strict=True)
        for cell, value in zip(cells, values, strict=True)
        if not cell.suppressed
    ]
    assert all(text == str(value) for text, value in shown)
    assert [cell.text for cell in core.by_region.rows[2][1]][:1] == ["0"]  # Charlie spoke with no parent
    alfa = core.for_regions({"Alfa"})
    assert alfa.rows == core.by_region.rows[:1]
    assert alfa.column_totals == ()


def test_cases_by_category_per_region(world: dict[str, Place]) -> None:
    table = counts.cases_by_category_by_region(PEILDATUM)

    assert table.columns == tuple(str(label) for label in Category.labels)
    assert _rows(table) == [("Alfa", (2, 1)), ("Bravo", (0, 1)), ("Charlie", (2, 0))]


def test_conversations_planned_and_held_and_beraden_held(world: dict[str, Place]) -> None:
    # Given beraden in Alfa: two held (one since evaluated), one still a draft, one held after the peildatum
    a1 = Case.objects.filter(swv=world["alfa"].swv).order_by("pk").first()
    held_at = datetime(2025, 5, 1, 10, tzinfo=timezone.get_current_timezone())
    BeraadFactory(case=a1, status=BeraadStatus.GEHOUDEN, starts_at=held_at)
    BeraadFactory(case=a1, status=BeraadStatus.GEEVALUEERD, starts_at=held_at)
    BeraadFactory(case=a1, status=BeraadStatus.CONCEPT, starts_at=held_at)
    BeraadFactory(case=a1, status=BeraadStatus.GEHOUDEN, starts_at=held_at + timedelta(days=60))

    # When counted
    table = counts.conversations_and_beraden_by_region(PEILDATUM)

    # Then planned is three per counted case; held counts every held conversation up to the peildatum
    assert _rows(table) == [("Alfa", (9, 4, 2)), ("Bravo", (3, 1, 0)), ("Charlie", (6, 0, 0))]
    assert table.columns_add_up is False


def _knelpunt(
    category: str, status: str, raised_on: date, changes: list[tuple[str, str, date]], cases: list[Case]
) -> None:
    knelpunt = KnelpuntFactory(category=category, status=status, raised_on=raised_on, cases=cases)
    for from_status, to_status, changed_on in changes:
        KnelpuntStatusChange.objects.create(
            knelpunt=knelpunt, from_status=from_status, to_status=to_status, changed_on=changed_on
        )


def test_knelpunten_by_category_and_their_status_on_the_peildatum(world: dict[str, Place]) -> None:
    # Given a knelpunt addressed after the peildatum, one investigated after it, one unchanged, one late
    alfa_case = Case.objects.filter(swv=world["alfa"].swv).first()
    bravo_case = Case.objects.filter(swv=world["bravo"].swv, is_project_case=True).first()
    assert alfa_case is not None
    assert bravo_case is not None
    verzameld, onderzocht, geadresseerd = (
        KnelpuntStatus.VERZAMELD,
        KnelpuntStatus.ONDERZOCHT,
        KnelpuntStatus.GEADRESSEERD,
    )
    _knelpunt(
        KnelpuntCategory.WACHTLIJST,
        geadresseerd,
        LONG_BEFORE,
        [(verzameld, onderzocht, BEFORE), (onderzocht, geadresseerd, AFTER)],
        [alfa_case, bravo_case],
    )
    _knelpunt(
        KnelpuntCategory.FINANCIERING, onderzocht, BEFORE, [(verzameld, onderzocht, AFTER)], [bravo_case]
    )
    _knelpunt(KnelpuntCategory.FINANCIERING, verzameld, BEFORE, [], [])
    _knelpunt(KnelpuntCategory.FINANCIERING, verzameld, AFTER, [], [])

    # When counted nationally and for Alfa
    national = dict(counts.knelpunten_by_category_and_status(PEILDATUM).rows)
    alfa = counts.knelpunten_by_category_and_status(PEILDATUM, region_ids=[world["alfa"].region.pk])

    # Then each counts once, with the status it had on the peildatum
    statuses = list(KnelpuntStatus.values)
    wachtlijst = str(KnelpuntCategory.WACHTLIJST.label)
    financiering = str(KnelpuntCategory.FINANCIERING.label)
    assert national[wachtlijst][statuses.index(onderzocht)] == 1
    assert sum(national[wachtlijst]) == 1
    assert national[financiering][statuses.index(verzameld)] == 2
    assert sum(national[financiering]) == 2
    assert sum(alfa.row_totals()) == 1


def test_passend_aanbod_within_twelve_weeks_as_numerator_and_denominator(world: dict[str, Place]) -> None:
    # Given cases started 100 days before the peildatum: one with a suitable offer in time, one too
    # late, one not agreed by the parents, one without an offer; and one started only 20 days before
    place = world["charlie"]
    start = PEILDATUM - timedelta(days=100)
    passend = {
        "offer_description": "Onderwijs-zorgarrangement op de zorgboerderij",
        "offer_durable": True,
        "offer_agreed_by_parents": True,
        "offer_agreed_by_youth": True,
        "offer_agreed_by_professionals": True,
    }
    _case(place, registered_on=start, offer_agreed_on=start + timedelta(days=30), **passend)
    _case(place, registered_on=start, offer_agreed_on=start + timedelta(days=90), **passend)
    _case(
        place,
        registered_on=start,
        offer_agreed_on=start + timedelta(days=10),
        **(passend | {"offer_agreed_by_parents": False}),
    )
    recent = PEILDATUM - timedelta(days=20)
    _case(place, registered_on=recent, offer_agreed_on=recent + timedelta(days=5), **passend)

    # When the share is taken for Charlie (whose two other cases are 200 days old, without offer)
    share = counts.passend_aanbod_share(PEILDATUM, region_ids=[place.region.pk])

    # Then 1 of the 5 cases older than twelve weeks had a suitable offer within them
    assert share == (1, 5)
    assert dict(counts.passend_aanbod_by_region(PEILDATUM).rows)["Charlie"] == (1, 5)


def test_hours_against_budget_per_municipality_with_a_budget() -> None:
    # Given a municipality with a budget and hours on it, and one without a budget
    budgeted, other = OrganisationFactory(name="Borger-Odoorn"), OrganisationFactory()
    HoursBudgetFactory(gemeente=budgeted)
    TimeEntryFactory(case=None, gemeente=budgeted, kind="regulier", hours=Decimal("2.50"))
    TimeEntryFactory(case=None, gemeente=budgeted, kind="regulier", hours=Decimal("3.00"))
    TimeEntryFactory(case=None, gemeente=budgeted, kind="extra", hours=Decimal("1.25"))
    TimeEntryFactory(case=None, gemeente=other, kind="regulier", hours=Decimal("8"))

    # When counted
    table = counts.hours_against_budget()

    # Then hours are rounded to whole hours next to the budget
    assert _rows(table) == [("Borger-Odoorn", (6, 87, 1, 125))]


def test_every_count_has_a_written_definition() -> None:
    assert len(counts.DEFINITIONS) >= 9
    assert all(str(d.name) and len(str(d.definition)) > 40 for d in counts.DEFINITIONS)


def test_no_published_table_names_a_youth(world: dict[str, Place]) -> None:
    # When every table is published
    tables = counts.published_tables(PEILDATUM)

    # Then no first name, last name or case reference of any youth appears in it
    text = repr(tables)
    identities = Case.objects.values_list("first_name", "last_name", "reference")
    assert list(tables) == list(counts.TABLES)
    assert not [value for identity in identities for value in identity if value in text]


def _region_with_data(phase: Phase) -> None:
    place = _place(f"Regio {Region.objects.count()}", phase)
    case = _case(place, movement_since=BEFORE)
    _everything_counted(case)
    KnelpuntFactory(raised_on=BEFORE, cases=[case])
    BeraadFactory(case=case, status=BeraadStatus.GEHOUDEN, starts_at=timezone.now() - timedelta(days=400))
    HoursBudgetFactory(gemeente=place.gemeente)
    TimeEntryFactory(case=case)


def _queries(build: Callable[[date], object]) -> int:
    with CaptureQueriesContext(connection) as context:
        build(PEILDATUM)
    return len(context.captured_queries)


QUERY_BUILDERS: dict[str, Callable[[date], object]] = {
    "core_counts_by_region": counts.core_counts_by_region,
    "core_counts_by_phase": counts.core_counts_by_phase,
    "core_counts_national": counts.core_counts_national,
    "published_core_counts": counts.published_core_counts,
    "published_tables": counts.published_tables,
    "passend_aanbod_share": counts.passend_aanbod_share,
    **counts.SUPPORTING_TABLES,
}


@pytest.mark.parametrize("name", list(QUERY_BUILDERS))
def test_query_count_does_not_grow_with_the_regions(name: str) -> None:
    # Given one region with data
    phase = PhaseFactory(number=1)
    _region_with_data(phase)
    with_one = _queries(QUERY_BUILDERS[name])

    # When nineteen more regions with data join
    for _ in range(19):
        _region_with_data(phase)

    # Then the same number of queries computes the table
    assert _queries(QUERY_BUILDERS[name]) == with_one
