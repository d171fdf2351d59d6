"""Acceptance (issue #5): on random case data, every published table of the monitor shows only 0 or
counts of at least k, and no hidden cell follows from the totals and the visible cells."""

from datetime import date, timedelta

from django.db import transaction

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cases.constants import Category, InvolvedRole
from cases.models import Case, Conversation
from monitor.statistics import counts
from monitor.statistics.sdc import SECONDARY_MARK
from monitor.statistics.tables import PublishedTable
from tests.cases.factories import CaseFactory, DevelopmentFactory, InvolvedFactory
from tests.factories import OrganisationFactory, PhaseFactory, RegionFactory

PEILDATUM = date(2025, 6, 1)
K = 5

case_flags = st.fixed_dictionaries(
    {
        "parents": st.integers(0, 2),
        "development": st.booleans(),
        "movement": st.booleans(),
        "absoluut_verzuim": st.booleans(),
    }
)
regions = st.lists(st.lists(case_flags, max_size=7), min_size=1, max_size=4)


def _case_with(flags: dict[str, object], swv: object, gemeente: object) -> None:
    case = CaseFactory(
        swv=swv,
        gemeente=gemeente,
        registered_on=PEILDATUM - timedelta(days=120),
        category=Category.ABSOLUUT_VERZUIM if flags["absoluut_verzuim"] else Category.VRIJSTELLING_5A,
    )
    parents = [InvolvedFactory(case=case, role=InvolvedRole.OUDER) for _ in range(int(str(flags["parents"])))]
    if parents:
        conversation = Conversation.objects.create(
            case=case, kind="oudergesprek", held_on=PEILDATUM - timedelta(days=5), is_held=True
        )
        conversation.attendees.add(*parents)
    if flags["development"]:
        DevelopmentFactory(case=case, noted_on=PEILDATUM - timedelta(days=5))
        Case.objects.filter(pk=case.pk).update(development_present=True)
    if flags["movement"]:
        Case.objects.filter(pk=case.pk).update(movement_since=PEILDATUM - timedelta(days=5))


def _every_cell(table: PublishedTable) -> list[str]:
    cells = [cell for _label, row in table.rows for cell in row]
    cells += [*table.row_totals, *table.column_totals]
    cells += [table.grand_total] if table.grand_total is not None else []
    return [cell.text for cell in cells]


def _lines_with_one_hidden(table: PublishedTable) -> int:
    """Rows and columns (with their published totals) that hide exactly one entry."""
    hidden_rows = [
        [cell.suppressed for cell in (*cells, *table.row_totals[i : i + 1])]
        for i, (_l, cells) in enumerate(table.rows)
    ]
    lines = [row for row in hidden_rows if table.row_totals]
    if table.column_totals:
        lines += [
            [row[j] for row in hidden_rows] + [table.column_totals[j].suppressed]
            for j in range(len(table.columns))
        ]
    return sum(1 for line in lines if sum(line) == 1)


@pytest.mark.django_db
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=regions)
def test_every_published_table_of_random_case_data_is_protected(data: list[list[dict[str, object]]]) -> None:
    with transaction.atomic():
        # Given regions with random cases
        phase = PhaseFactory(number=1)
        for index, region_cases in enumerate(data):
            region = RegionFactory(name=f"Regio {index}", phase_joined=phase)
            swv, gemeente = OrganisationFactory(swv=True, region=region), OrganisationFactory(region=region)
            for flags in region_cases:
                _case_with(flags, swv, gemeente)

        # When every table is published
        tables = counts.published_tables(PEILDATUM, K)

        # Then every visible cell is 0 or at least k, and no row or column hides a single entry
        for table in tables.values():
            texts = _every_cell(table)
            assert all(t in (f"<{K}", SECONDARY_MARK) or int(t) == 0 or int(t) >= K for t in texts)
            assert _lines_with_one_hidden(table) == 0
        transaction.set_rollback(True)
