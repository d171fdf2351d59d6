"""Page 1 of a monitor report: how the project is going, in the order a ministry reads it.

The three core counts with their change since the previous reporting date, the rollout against its
target, a few approved stories quoted beside the numbers, and the main rode draden and knelpunten.
Everything comes from what the report already publishes (stored editions, approved texts): a change
is the difference of two published numbers and is left out when either of them is withheld.
"""

from dataclasses import dataclass
from datetime import date

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from monitor.models import Publication, Report
from monitor.publications.cells import NATIONAL
from monitor.publications.editions import latest_edition, tables_for
from monitor.publications.reporting_dates import reporting_dates
from monitor.statistics.tables import PublishedCell, PublishedTable
from monitor.stories.selectors import StoryView, ThemeView

QUOTE_LIMIT = 3
QUOTE_CHARS = 260
MAIN_ITEMS = 3


@dataclass(frozen=True)
class CoreFigure:
    label: str
    text: str  # as published: a number or the withheld mark
    change: str  # "12 meer dan op 31 oktober 2026", or why there is no comparison


@dataclass(frozen=True)
class Rollout:
    phase_number: int
    phase_name: str
    active: int
    target: int


@dataclass(frozen=True)
class Quote:
    text: str
    perspective: str
    region: str


@dataclass(frozen=True)
class Highlights:
    figures: list[CoreFigure]
    previous_date: date | None
    rollout: Rollout | None
    quotes: list[Quote]
    themes: list[ThemeView]
    knelpunten: list[tuple[str, str]]  # (category, published total), the largest first


def previous_publication(report: Report) -> Publication | None:
    """The latest edition stored for the reporting date before the report's own, if any."""
    earlier = [day for day in reporting_dates() if day < report.peildatum]
    return latest_edition(earlier[0]) if earlier else None


def _core_row(table: PublishedTable | None) -> tuple[PublishedCell, ...]:
    return table.rows[0][1] if table is not None and table.rows else ()


def _change(now: PublishedCell, before: PublishedCell | None, when: date | None) -> str:
    if before is None or when is None:
        return _("No earlier reporting date to compare with.")
    if now.value is None or before.value is None:
        return _("Not comparable: one of the two numbers is withheld.")
    day = date_format(when, "j F Y")
    difference = now.value - before.value
    if difference > 0:
        return _("%(n)s more than on %(day)s") % {"n": difference, "day": day}
    if difference < 0:
        return _("%(n)s fewer than on %(day)s") % {"n": -difference, "day": day}
    return _("the same as on %(day)s") % {"day": day}


def core_figures(report: Report, core: PublishedTable) -> tuple[list[CoreFigure], date | None]:
    """Each core count as published, with its change since the previous reporting date."""
    previous = previous_publication(report) if report.publication_id else None
    audience = NATIONAL if report.region_id is None else str(report.region_id)
    slug = "core-national" if audience == NATIONAL else "core-by-region"
    before = _core_row(tables_for(previous, audience).get(slug)) if previous else ()
    when = previous.reporting_date if previous else None
    figures = []
    for index, (label, cell) in enumerate(zip(core.columns, _core_row(core), strict=False)):
        earlier = before[index] if index < len(before) else None
        figures.append(CoreFigure(label=label, text=cell.text, change=_change(cell, earlier, when)))
    return figures, when


def current_rollout(phases: list, peildatum: date) -> Rollout | None:
    """The phase the reporting date falls in (or the last one started), with regions against target."""
    started = [phase for phase in phases if phase.starts_on <= peildatum]
    if not started:
        return None
    phase = started[-1]
    return Rollout(phase.number, phase.name, phase.active, phase.target)


def _excerpt(text: str) -> str:
    flat = " ".join(text.split())
    if len(flat) <= QUOTE_CHARS:
        return flat
    cut = flat[:QUOTE_CHARS].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


def quotes_from(stories: list[StoryView]) -> list[Quote]:
    """A few different stories, positive experiences first and from different regions where possible."""
    ordered, texts = [], set()
    for story in sorted(stories, key=lambda story: not story.positive_experience):
        if story.text not in texts:
            ordered.append(story)
            texts.add(story.text)
    chosen: list[StoryView] = []
    for story in ordered:
        if story.region not in {picked.region for picked in chosen}:
            chosen.append(story)
    chosen += [story for story in ordered if story not in chosen]
    return [Quote(_excerpt(story.text), story.perspective, story.region) for story in chosen[:QUOTE_LIMIT]]


def main_knelpunten(table: PublishedTable) -> list[tuple[str, str]]:
    """The categories with the largest published totals; withheld totals are not ranked."""
    shown = [
        (label, total)
        for (label, _cells), total in zip(table.rows, table.row_totals, strict=False)
        if total.value
    ]
    shown.sort(key=lambda item: -(item[1].value or 0))
    return [(label, total.text) for label, total in shown[:MAIN_ITEMS]]


def highlights_for(report: Report, context: dict) -> Highlights:
    """What page 1 says, built from the context the rest of the report uses."""
    figures, previous_date = core_figures(report, context["counts"].core)
    return Highlights(
        figures=figures,
        previous_date=previous_date,
        rollout=current_rollout(context["phases"], report.peildatum),
        quotes=quotes_from(context["stories"]),
        themes=[theme for theme in context["themes"] if theme.links][:MAIN_ITEMS],
        knelpunten=main_knelpunten(context["counts"].knelpunten),
    )
