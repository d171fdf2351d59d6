"""Every number published for a reporting date as named cells with the sums that link them (ADR 0017).

A cell id names one quantity wherever it is shown: "core:r12:0" is region 12's first core count in the
table by region, in the region's own report and (summed) in its phase and the nation. Each table gets
a layout of cell ids, so the stored publication can be drawn again without recomputing anything.
The constraints are what a reader can write down: totals, nesting, "a bottleneck counted in a region
is counted nationally", "youths with development are cases of that region".
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Count, F

from cases.constants import KnelpuntCategory, KnelpuntStatus
from cases.models import Knelpunt
from monitor.statistics import counts
from monitor.statistics.joint_suppression import CellId, Constraint
from monitor.statistics.scope import counted_cases, regions_in_order
from monitor.statistics.supporting_counts import _knelpunt_status_on
from monitor.statistics.tables import CountTable
from wio.accounts.constants import OrganisationKind
from wio.accounts.models import Organisation, Phase, Region

NATIONAL = "national"


@dataclass(frozen=True)
class TableLayout:
    """Where each shown entry of one table comes from: cell ids in the shape of a `PublishedTable`."""

    slug: str
    title: str
    row_header: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, tuple[CellId, ...]], ...]
    row_totals: tuple[CellId, ...] = ()
    column_totals: tuple[CellId, ...] = ()
    grand_total: CellId | None = None
    definition: str = ""

    def as_json(self) -> dict[str, Any]:
        return {
            "slug": self.slug,
            "title": self.title,
            "row_header": self.row_header,
            "columns": list(self.columns),
            "rows": [[label, list(ids)] for label, ids in self.rows],
            "row_totals": list(self.row_totals),
            "column_totals": list(self.column_totals),
            "grand_total": self.grand_total,
            "definition": self.definition,
        }


@dataclass
class PublicationCells:
    """Raw values of every cell (never shown), the constraints, and the tables per audience."""

    values: dict[CellId, int] = field(default_factory=dict)
    constraints: list[Constraint] = field(default_factory=list)
    # "national" and one key per region id (as a string): the tables that audience's report shows.
    tables: dict[str, list[TableLayout]] = field(default_factory=dict)

    def add_table(
        self, table: CountTable, slug: str, prefix: str, row_keys: Sequence[str], with_cells: bool = True
    ) -> TableLayout:
        """Cells and totals of `table` as "<prefix>:<row key>:<column>" with their sums."""
        n_cols = len(table.columns)
        ids = [[f"{prefix}:{key}:{j}" for j in range(n_cols)] for key in row_keys]
        if with_cells:
            for key_row, (_label, row) in zip(ids, table.rows, strict=True):
                self.values.update(zip(key_row, row, strict=True))
        column_totals: tuple[CellId, ...] = ()
        row_totals: tuple[CellId, ...] = ()
        grand = None
        if table.with_totals:
            column_totals = tuple(
                self._sum(f"{prefix}:total:{j}", [r[j] for r in ids]) for j in range(n_cols)
            )
        if table.with_totals and table.columns_add_up:
            row_totals = tuple(
                self._sum(f"{prefix}:{key}:total", row) for key, row in zip(row_keys, ids, strict=True)
            )
            grand = self._sum(f"{prefix}:total:total", row_totals)
            self.constraints.append(Constraint.total(grand, column_totals))
        return TableLayout(
            slug=slug,
            title=table.title,
            row_header=table.row_header,
            columns=table.columns,
            rows=tuple(
                (label, tuple(key_row)) for (label, _row), key_row in zip(table.rows, ids, strict=True)
            ),
            row_totals=row_totals,
            column_totals=column_totals,
            grand_total=grand,
            definition=table.definition,
        )

    def _sum(self, margin: CellId, parts: Iterable[CellId]) -> CellId:
        parts = list(parts)
        self.values[margin] = sum(self.values[p] for p in parts)
        self.constraints.append(Constraint.total(margin, parts))
        return margin

    def show(self, audience: str, layout: TableLayout) -> None:
        self.tables.setdefault(audience, []).append(layout)


def _rows_of(layout: TableLayout, wanted: set[str], slug: str | None = None) -> TableLayout:
    """The same cells, only the rows labelled `wanted`; no totals (a region sees its own rows)."""
    rows = tuple(row for row in layout.rows if row[0] in wanted)
    return TableLayout(
        slug=slug or layout.slug,
        title=layout.title,
        row_header=layout.row_header,
        columns=layout.columns,
        rows=rows,
        row_totals=tuple(t for row, t in zip(layout.rows, layout.row_totals, strict=False) if row in rows),
        definition=layout.definition,
    )


def _core(cells: PublicationCells, peildatum: date, regions: list[Region]) -> TableLayout:
    phases = list(Phase.objects.order_by("number"))
    raw = counts._core_counts(peildatum)
    by_region = counts._by_region_table(raw, regions)
    keys = [f"r{r.pk}" for r in regions]
    region_layout = cells.add_table(by_region, "core-by-region", "core", keys)
    by_phase = counts._by_phase(raw, {r.pk: r.phase_joined_id for r in regions}, phases)
    phase_keys = [f"p{p.pk}" for p in phases]
    phase_layout = cells.add_table(by_phase, "core-by-phase", "phase", phase_keys)
    for phase in phases:
        for j in range(len(by_region.columns)):
            members = [f"core:r{r.pk}:{j}" for r in regions if r.phase_joined_id == phase.pk]
            cells.constraints.append(Constraint.total(f"phase:p{phase.pk}:{j}", members))
    for j, total in enumerate(region_layout.column_totals):
        cells.constraints.append(Constraint.total(total, phase_layout.column_totals[j : j + 1]))
    national = counts._national_table(raw)
    national_layout = TableLayout(
        slug="core-national",
        title=national.title,
        row_header=national.row_header,
        columns=national.columns,
        rows=((national.rows[0][0], region_layout.column_totals),),
        definition=national.definition,
    )
    for layout in (national_layout, phase_layout, region_layout):
        cells.show(NATIONAL, layout)
    return region_layout


def knelpunten_by_region(peildatum: date) -> dict[tuple[int, str, str], int]:
    """{(region id, category, status on the date): distinct bottlenecks met in a counted case there}."""
    rows = (
        Knelpunt.objects.filter(raised_on__lte=peildatum, cases__in=counted_cases(peildatum))
        .annotate(status_on=_knelpunt_status_on(peildatum))
        .values("category", "status_on", region=F("cases__swv__region"))
        .annotate(n=Count("id", distinct=True))
    )
    return {(row["region"], row["category"], row["status_on"]): row["n"] for row in rows}


def _knelpunten(cells: PublicationCells, peildatum: date, regions: list[Region]) -> None:
    national = counts.knelpunten_by_category_and_status(peildatum)
    categories = [str(c) for c in KnelpuntCategory.values]
    cells.show(NATIONAL, cells.add_table(national, "knelpunten", "kn:nl", categories))
    per_region = knelpunten_by_region(peildatum)
    for region in regions:
        table = CountTable(
            title=national.title,
            row_header=national.row_header,
            columns=national.columns,
            rows=tuple(
                (str(label), tuple(per_region.get((region.pk, c, s), 0) for s in KnelpuntStatus.values))
                for c, label in KnelpuntCategory.choices
            ),
            definition=national.definition,
        )
        # Not linked to the national table by "a region's count ≤ the nation's": that one inequality
        # per cell joins every region into one program too large to solve per cell (ADR 0017, limits).
        cells.show(str(region.pk), cells.add_table(table, "knelpunten", f"kn:r{region.pk}", categories))


def _hours(cells: PublicationCells) -> None:
    table = counts.hours_against_budget()
    keys = [f"g{i}" for i in range(len(table.rows))]
    layout = cells.add_table(table, "hours-against-budget", "hours", keys)
    cells.show(NATIONAL, layout)
    gemeenten = Organisation.objects.filter(kind=OrganisationKind.GEMEENTE, region__isnull=False)
    for region_id, name in gemeenten.values_list("region_id", "name"):
        region_rows = [row for row in layout.rows if row[0] == name]
        if region_rows:
            _append_rows(cells, str(region_id), layout, region_rows)


def _append_rows(cells: PublicationCells, audience: str, layout: TableLayout, rows: list) -> None:
    """Add `rows` to the audience's copy of `layout` (a region with several municipalities)."""
    shown = cells.tables.setdefault(audience, [])
    for index, existing in enumerate(shown):
        if existing.slug == layout.slug:
            shown[index] = TableLayout(**{**existing.__dict__, "rows": existing.rows + tuple(rows)})
            return
    shown.append(_rows_of(layout, {label for label, _ids in rows}))


def publication_cells(peildatum: date) -> PublicationCells:
    """Every table of the national report, the dashboard, the exports and every region's report."""
    cells = PublicationCells()
    regions = regions_in_order()
    keys = [f"r{r.pk}" for r in regions]
    core = _core(cells, peildatum, regions)
    region_tables = [core]
    for slug, build, prefix in (
        ("cases-by-category", counts.cases_by_category_by_region, "cat"),
        ("conversations-and-beraden", counts.conversations_and_beraden_by_region, "conv"),
        ("passend-aanbod", counts.passend_aanbod_by_region, "pa"),
    ):
        layout = cells.add_table(build(peildatum), slug, prefix, keys)
        cells.show(NATIONAL, layout)
        region_tables.append(layout)
    for region in regions:
        key = f"r{region.pk}"
        cells.constraints.append(Constraint.at_most(f"pa:{key}:0", f"pa:{key}:1"))
        for j in (1, 2):  # youths with development or new movement are cases of the region
            cells.constraints.append(Constraint.at_most(f"core:{key}:{j}", f"cat:{key}:total"))
        for layout in region_tables:
            cells.show(str(region.pk), _rows_of(layout, {region.name}))
    _knelpunten(cells, peildatum, regions)
    _hours(cells)
    return cells
