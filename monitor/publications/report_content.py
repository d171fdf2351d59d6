"""What goes into a monitor report, in the three stages the progress bar shows.

1. `gather_counts`: the raw `CountTable`s for the report's scope (never shown to anyone);
2. `publish_counts`: every table through `monitor.statistics.sdc.publish` with the report's k;
3. `report_context`: page 1 (`report_highlights`), charts drawn from the published cells, stories,
   rode draden, lessons, accountability and the methodology, as the context of
   `monitor/report/pdf.html`.

Nothing here reads a youth's name, date of birth or case reference: counts come from
`monitor.statistics.counts`, texts from the approved-and-consented selectors of `monitor.stories.selectors`.
"""

from dataclasses import dataclass, replace
from typing import Any

from django.db.models import Count
from django.utils.translation import gettext as _

from monitor.constants import ReportScope
from monitor.models import Publication, Report
from monitor.publications.cells import NATIONAL
from monitor.publications.charts import Chart, bar_chart, column_bars, row_bars
from monitor.publications.editions import share_for, tables_for
from monitor.publications.report_highlights import highlights_for
from monitor.statistics import counts, sdc
from monitor.statistics.tables import CountTable, PublishedTable
from monitor.stories import selectors as stories
from wio.accounts.constants import OrganisationKind
from wio.accounts.models import Organisation, Phase


@dataclass(frozen=True)
class RawCounts:
    core: CountTable
    core_by_phase: CountTable | None  # national reports only: a region joined in one phase
    core_by_region: CountTable
    categories: CountTable
    conversations: CountTable
    knelpunten: CountTable
    hours: CountTable
    passend_aanbod: tuple[int, int]


@dataclass(frozen=True)
class PublishedCounts:
    core: PublishedTable
    core_by_phase: PublishedTable | None
    core_by_region: PublishedTable
    categories: PublishedTable
    conversations: PublishedTable
    knelpunten: PublishedTable
    hours: PublishedTable
    passend_aanbod: str


@dataclass(frozen=True)
class PhaseOverview:
    """Regions active against the target per phase: counts of regions, not of people, so no SDC."""

    number: int
    name: str
    starts_on: Any
    ends_on: Any
    target: int
    active: int


def region_ids_of(report: Report) -> list[int] | None:
    """The regions a report covers: None means every region (the national report)."""
    return [report.region_id] if report.scope == ReportScope.REGION and report.region_id else None


def _only_rows(table: CountTable, labels: set[str] | None) -> CountTable:
    """A table narrowed to the rows of the report's region (None: a national report keeps every row)."""
    if labels is None:
        return table
    return replace(table, rows=tuple(row for row in table.rows if row[0] in labels))


def _region_rows(report: Report) -> tuple[set[str] | None, set[str] | None]:
    """(region names, municipality names) whose rows a region report keeps; (None, None) nationally."""
    if report.scope != ReportScope.REGION or report.region is None:
        return None, None
    gemeenten = Organisation.objects.filter(region=report.region, kind=OrganisationKind.GEMEENTE)
    return {report.region.name}, set(gemeenten.values_list("name", flat=True))


def gather_counts(report: Report) -> RawCounts:
    peildatum = report.peildatum
    region_ids = region_ids_of(report)
    by_region = counts.core_counts_by_region(peildatum, region_ids=region_ids)
    national = report.scope == ReportScope.NATIONAL
    regions, gemeenten = _region_rows(report)
    return RawCounts(
        core=counts.core_counts_national(peildatum) if national else by_region,
        core_by_phase=counts.core_counts_by_phase(peildatum) if national else None,
        core_by_region=by_region,
        categories=_only_rows(counts.cases_by_category_by_region(peildatum), regions),
        conversations=_only_rows(counts.conversations_and_beraden_by_region(peildatum), regions),
        knelpunten=counts.knelpunten_by_category_and_status(peildatum, region_ids=region_ids),
        hours=_only_rows(counts.hours_against_budget(), gemeenten),
        passend_aanbod=counts.passend_aanbod_share(peildatum, region_ids=region_ids),
    )


def stored_counts(publication: Publication, report: Report) -> PublishedCounts:
    """The report's numbers as its counts edition published them (ADR 0017): nothing recomputed,
    a region's report shows exactly its cells of the one joint pattern."""
    national = report.scope == ReportScope.NATIONAL or report.region_id is None
    audience = NATIONAL if national else str(report.region_id)
    everywhere = tables_for(publication, NATIONAL)
    tables = everywhere if national else tables_for(publication, audience)

    def table(slug: str) -> PublishedTable:
        return tables.get(slug) or replace(everywhere[slug], rows=(), row_totals=(), column_totals=())

    return PublishedCounts(
        core=table("core-national" if national else "core-by-region"),
        core_by_phase=everywhere["core-by-phase"] if national else None,
        core_by_region=table("core-by-region"),
        categories=table("cases-by-category"),
        conversations=table("conversations-and-beraden"),
        knelpunten=table("knelpunten"),
        hours=table("hours-against-budget"),
        passend_aanbod=share_for(publication, audience),
    )


def publish_counts(raw: RawCounts, k: int, *, report: Report) -> PublishedCounts:
    """Reports made before ADR 0017 (no counts edition): every number of the report passes through
    the one suppression module (SDC-1..5).

    The core counts nationally, by phase and by region are suppressed as one whole, so that no phase
    minus its visible regions gives a hidden region away (SDC-4); a region's report shows its own rows
    of that same whole.
    """
    numerator, denominator = raw.passend_aanbod
    core = counts.published_core_counts(report.peildatum, k=k)
    regions, _gemeenten = _region_rows(report)
    national = regions is None
    return PublishedCounts(
        core=core.national if national else core.for_regions(regions or set()),
        core_by_phase=core.by_phase if national else None,
        core_by_region=core.by_region if national else core.for_regions(regions or set()),
        categories=sdc.publish(raw.categories, k=k),
        conversations=sdc.publish(raw.conversations, k=k),
        knelpunten=sdc.publish(raw.knelpunten, k=k),
        hours=sdc.publish(raw.hours, k=k),
        passend_aanbod=sdc.publish_percentage(numerator, denominator, k=k),
    )


def report_charts(published: PublishedCounts) -> tuple[Chart | None, list[Chart]]:
    """The core counts as bars, and per core count its bars by phase (national reports)."""
    core_chart = None
    if published.core.rows:
        core_chart = bar_chart(
            chart_id="chart-core", title=published.core.title, bars=row_bars(published.core)
        )
    phase_charts = []
    by_phase = published.core_by_phase
    if by_phase is not None and by_phase.rows:
        for index, column in enumerate(by_phase.columns):
            title = _("%(count)s, by phase") % {"count": column}
            bars = column_bars(by_phase, index)
            phase_charts.append(bar_chart(chart_id=f"chart-phase-{index}", title=title, bars=bars))
    return core_chart, phase_charts


def phase_overview() -> list[PhaseOverview]:
    """Per phase: how many regions had joined by its end, against the cumulative target."""
    overview, active = [], 0
    for phase in Phase.objects.annotate(joined=Count("regions")).order_by("number"):
        active += phase.joined
        overview.append(
            PhaseOverview(
                number=phase.number,
                name=phase.name,
                starts_on=phase.starts_on,
                ends_on=phase.ends_on,
                target=phase.cumulative_target_regions,
                active=active,
            )
        )
    return overview


def report_title(report: Report) -> str:
    if report.scope == ReportScope.REGION and report.region is not None:
        return _("Monitor report for region %(region)s") % {"region": report.region.name}
    return _("National monitor report")


def report_context(report: Report, published: PublishedCounts) -> dict[str, Any]:
    region_ids = region_ids_of(report)
    start, end = report.period_start, report.period_end
    core_chart, phase_charts = report_charts(published)
    context = {
        "title": report_title(report),
        "report": report,
        "national": report.scope == ReportScope.NATIONAL,
        "k": report.suppression_k,
        "counts": published,
        "summary": row_bars(published.core) if published.core.rows else [],
        "core_chart": core_chart,
        "phase_charts": phase_charts,
        "phases": phase_overview(),
        "stories": list(stories.approved_stories_for_report(region_ids, start, end)),
        "themes": list(stories.themes_for_report()),
        "lessons": list(stories.lessons_for_report(region_ids)),
        "accountability": list(stories.accountability_for_report(region_ids, start, end)),
        "definitions": list(counts.DEFINITIONS),
    }
    context["highlights"] = highlights_for(report, context)
    return context
