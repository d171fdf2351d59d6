"""What the project team's dashboard shows: national and regional counts (published, never raw),
the rollout, the latest approved stories and the most-linked rode draden. No youth's identity."""

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from monitor.models import Publication
from monitor.publications.cells import NATIONAL
from monitor.publications.charts import Bar, Chart, bar_chart, column_bars
from monitor.publications.editions import tables_for
from monitor.statistics.tables import PublishedCell, PublishedTable
from monitor.stories.selectors import StoryView, ThemeView, approved_stories_for_report, themes_for_report
from wio.accounts.selectors import phases_with_region_counts

LATEST_STORIES = 5
TOP_THEMES = 5
EARLIEST = date(2021, 1, 1)  # before the project's first phase


@dataclass(frozen=True)
class RolloutRow:
    phase: str
    period: tuple[date, date]
    joined: int
    cumulative: int
    target: int


@dataclass(frozen=True)
class Dashboard:
    peildatum: date
    publication: Publication
    national: PublishedTable
    by_phase: PublishedTable
    by_region: PublishedTable
    core_charts: list[Chart]
    rollout: list[RolloutRow]
    rollout_chart: Chart
    stories: list[StoryView]
    themes: list[ThemeView]


def rollout_rows() -> list[RolloutRow]:
    """Regions taking part per phase against the cumulative target (counts of regions, not people)."""
    rows, running = [], 0
    for phase in phases_with_region_counts():
        running += phase.regions_joined  # type: ignore[attr-defined]
        rows.append(
            RolloutRow(
                phase=str(phase),
                period=(phase.starts_on, phase.ends_on),
                joined=phase.regions_joined,  # type: ignore[attr-defined]
                cumulative=running,
                target=phase.cumulative_target_regions,
            )
        )
    return rows


def _rollout_chart(rows: list[RolloutRow]) -> Chart:
    bars = [Bar(row.phase, PublishedCell(str(row.cumulative))) for row in rows]
    return bar_chart(chart_id="rollout", title=_("Regions taking part, cumulative, per phase"), bars=bars)


def dashboard_for(publication: Publication) -> Dashboard:
    """The stored publication of a reporting date (ADR 0017): nothing is counted for the page."""
    peildatum = publication.reporting_date
    tables = tables_for(publication, NATIONAL)
    by_phase = tables["core-by-phase"]
    charts = [
        bar_chart(chart_id=f"core-{index}", title=column, bars=column_bars(by_phase, index))
        for index, column in enumerate(by_phase.columns)
    ]
    rollout = rollout_rows()
    return Dashboard(
        peildatum=peildatum,
        publication=publication,
        national=tables["core-national"],
        by_phase=by_phase,
        by_region=tables["core-by-region"],
        core_charts=charts,
        rollout=rollout,
        rollout_chart=_rollout_chart(rollout),
        stories=approved_stories_for_report(None, EARLIEST, peildatum)[:LATEST_STORIES],
        themes=themes_for_report()[:TOP_THEMES],
    )
