"""The "tellen" of the monitor: counts from the case files and beraden, as raw `CountTable`s.

Everything here is an aggregate query (`values().annotate(Count())`) whose number does not depend on
the number of regions or cases. Nothing returned names a youth: rows are regions, phases, categories or
municipalities. The tables are raw; they reach a page, chart, PDF or export only through
`monitor.statistics.sdc` (SDC-1..4): `published_core_counts` for the three core counts at every level at once,
`statistics.sdc.publish` for a single table. What is counted: see `statistics.scope`; what each count
means: `DEFINITIONS`. The supporting counts live in `statistics.supporting_counts` and are offered here too.
"""

from collections import defaultdict
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, replace
from datetime import date

from django.db.models import Count, Exists, F, OuterRef
from django.utils.translation import gettext_lazy as _

from cases.constants import ConversationKind, InvolvedRole
from cases.models import Development, Involved
from monitor.statistics.definitions import CORE_COUNTS, DEFINITIONS, CountDefinition
from monitor.statistics.scope import by_region, counted_cases, definition_text, regions_in_order
from monitor.statistics.sdc import publish, publish_nested
from monitor.statistics.supporting_counts import (
    cases_by_category_by_region,
    conversations_and_beraden_by_region,
    hours_against_budget,
    knelpunten_by_category_and_status,
    passend_aanbod_by_region,
    passend_aanbod_share,
)
from monitor.statistics.tables import CountTable, PublishedTable
from wio.accounts.models import Phase, Region

PARENT_ROLES = (InvolvedRole.OUDER, InvolvedRole.VOOGD, InvolvedRole.PLEEGOUDER)
PARENT_CONVERSATION_KINDS = (ConversationKind.VOORSTEL, ConversationKind.OUDERGESPREK)

RegionCounts = dict[int, tuple[int, ...]]

__all__ = [
    "DEFINITIONS",
    "TABLES",
    "CountDefinition",
    "PublishedCoreCounts",
    "cases_by_category_by_region",
    "conversations_and_beraden_by_region",
    "core_counts_by_phase",
    "core_counts_by_region",
    "core_counts_national",
    "counted_cases",
    "hours_against_budget",
    "knelpunten_by_category_and_status",
    "passend_aanbod_by_region",
    "passend_aanbod_share",
    "published_core_counts",
    "published_table",
    "published_tables",
]


def _core_counts(peildatum: date, region_ids: Iterable[int] | None = None) -> RegionCounts:
    """Three queries, one per core count, each grouped by region."""
    cases = counted_cases(peildatum, region_ids)
    parents = (
        Involved.objects.filter(
            role__in=PARENT_ROLES,
            case__in=cases,
            conversations__is_held=True,
            conversations__kind__in=PARENT_CONVERSATION_KINDS,
            conversations__held_on__lte=peildatum,
        )
        .values(region=F("case__swv__region"))
        .annotate(n=Count("id", distinct=True))
    )
    noted = Development.objects.filter(case=OuterRef("pk"), noted_on__lte=peildatum)
    development = (
        cases.filter(Exists(noted), development_present=True)
        .values(region=F("swv__region"))
        .annotate(n=Count("id"))
    )
    movement = (
        cases.filter(movement_since__lte=peildatum).values(region=F("swv__region")).annotate(n=Count("id"))
    )
    per_count = [by_region(parents), by_region(development), by_region(movement)]
    region_keys = set().union(*per_count)
    return {region: tuple(counts.get(region, 0) for counts in per_count) for region in region_keys}


def _core_columns() -> tuple[str, ...]:
    return tuple(str(d.name) for d in CORE_COUNTS)


def _zeros(width: int) -> tuple[int, ...]:
    return (0,) * width


def _by_region_table(counts: RegionCounts, regions: list[Region]) -> CountTable:
    return CountTable(
        title=str(_("Core counts by region")),
        row_header=str(_("Region")),
        columns=_core_columns(),
        rows=tuple((r.name, counts.get(r.pk, _zeros(3))) for r in regions),
        definition=definition_text(*CORE_COUNTS),
        columns_add_up=False,
    )


def core_counts_by_region(peildatum: date, region_ids: Iterable[int] | None = None) -> CountTable:
    """One row per region (all regions, or those in `region_ids`); a column total per count."""
    region_ids = None if region_ids is None else list(region_ids)
    return _by_region_table(_core_counts(peildatum, region_ids), regions_in_order(region_ids))


def _by_phase(counts: RegionCounts, phase_of: dict[int, int], phases: list[Phase]) -> CountTable:
    per_phase: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0])
    for region_id, values in counts.items():
        totals = per_phase[phase_of[region_id]]
        for index, value in enumerate(values):
            totals[index] += value
    return CountTable(
        title=str(_("Core counts by phase in which the region joined")),
        row_header=str(_("Phase")),
        columns=_core_columns(),
        rows=tuple((str(p), tuple(per_phase.get(p.pk, _zeros(3)))) for p in phases),
        definition=definition_text(*CORE_COUNTS),
        columns_add_up=False,
    )


def core_counts_by_phase(peildatum: date) -> CountTable:
    """Regions are grouped by the phase in which they joined the project."""
    phase_of = dict(Region.objects.values_list("id", "phase_joined_id"))
    return _by_phase(_core_counts(peildatum), phase_of, list(Phase.objects.order_by("number")))


def _national_table(counts: RegionCounts) -> CountTable:
    national = tuple(sum(values[i] for values in counts.values()) for i in range(3))
    return CountTable(
        title=str(_("Core counts, national")),
        row_header=str(_("Area")),
        columns=_core_columns(),
        rows=((str(_("The Netherlands")), national),),
        definition=definition_text(*CORE_COUNTS),
        with_totals=False,
    )


def core_counts_national(peildatum: date) -> CountTable:
    """A one-row table: the three core counts for the whole country."""
    return _national_table(_core_counts(peildatum))


@dataclass(frozen=True)
class PublishedCoreCounts:
    """The core counts nationally, by phase and by region, suppressed as one whole (SDC-4): no phase
    minus its visible regions, and no nation minus the rest, gives a hidden region away."""

    national: PublishedTable
    by_phase: PublishedTable
    by_region: PublishedTable

    def by_slug(self) -> dict[str, PublishedTable]:
        return {
            "core-national": self.national,
            "core-by-phase": self.by_phase,
            "core-by-region": self.by_region,
        }

    def for_regions(self, names: Collection[str]) -> PublishedTable:
        """Only these regions' rows, as in the whole (for a region's own report); no totals."""
        rows = tuple(row for row in self.by_region.rows if row[0] in names)
        return replace(self.by_region, rows=rows, column_totals=(), notes=self.by_region.notes)


def published_core_counts(peildatum: date, k: int | None = None) -> PublishedCoreCounts:
    """Use this rather than publishing the three core tables one by one."""
    counts = _core_counts(peildatum)
    regions, phases = regions_in_order(), list(Phase.objects.order_by("number"))
    by_region = _by_region_table(counts, regions)
    by_phase = _by_phase(counts, {r.pk: r.phase_joined_id for r in regions}, phases)
    row_of_phase = {p.pk: index for index, p in enumerate(phases)}
    parent_of = [row_of_phase[r.phase_joined_id] for r in regions]
    published_regions, published_phases = publish_nested(by_region, by_phase, parent_of, k)
    national = _national_table(counts)
    published_national = PublishedTable(
        title=national.title,
        row_header=national.row_header,
        columns=national.columns,
        rows=((national.rows[0][0], published_regions.column_totals),),
        definition=national.definition,
        notes=published_regions.notes,
    )
    return PublishedCoreCounts(published_national, published_phases, published_regions)


TableBuilder = Callable[[date], CountTable]

# The supporting tables by slug, each published on its own.
SUPPORTING_TABLES: dict[str, TableBuilder] = {
    "cases-by-category": cases_by_category_by_region,
    "conversations-and-beraden": conversations_and_beraden_by_region,
    "knelpunten": knelpunten_by_category_and_status,
    "passend-aanbod": passend_aanbod_by_region,
    "hours-against-budget": lambda _peildatum: hours_against_budget(),
}
CORE_TABLES = ("core-national", "core-by-phase", "core-by-region")
TABLES: tuple[str, ...] = (*CORE_TABLES, *SUPPORTING_TABLES)  # every aggregate table, by slug


def published_table(slug: str, peildatum: date, k: int | None = None) -> PublishedTable:
    """One table by slug, as published (the core tables as part of their whole); KeyError if unknown."""
    if slug in CORE_TABLES:
        return published_core_counts(peildatum, k).by_slug()[slug]
    return publish(SUPPORTING_TABLES[slug](peildatum), k)


def published_tables(peildatum: date, k: int | None = None) -> dict[str, PublishedTable]:
    """Every aggregate table at one peildatum, as published, by slug (in the order of TABLES)."""
    supporting = {slug: publish(build(peildatum), k) for slug, build in SUPPORTING_TABLES.items()}
    return published_core_counts(peildatum, k).by_slug() | supporting
