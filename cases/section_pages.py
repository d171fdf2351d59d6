"""The dossier's sections a page of rows at a time (issue 13): a case with hundreds of timeline
entries shows the first SECTION_ROWS of each section, in the order of the screen, and a link that
loads the next ones (in place with htmx, or as a page of that section without JavaScript).

The printed dossier is an export and stays complete; it does not use this module.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from .models import Case
from .row_counts import row_count
from .sections import SECTIONS, Section, on_screen

SECTION_ROWS = 20
# What a section's rows show beyond the entry itself, read in one query per relation.
ROW_RELATIONS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "tijdlijn": ((), ("involved",)),
    "toestemming": (("person",), ("shared_with",)),
    "gesprekken": ((), ("attendees",)),
    "acties": (("owner",), ()),
}
# The page needs all of a section beyond its rows: the header counts the consents in force.
READ_IN_FULL = frozenset({"toestemming"})


@dataclass(frozen=True)
class SectionRows:
    """The rows of one section the screen shows, from `start`, and where the next ones begin."""

    section: Section
    entries: list[Any]
    start: int
    has_more: bool

    @property
    def page_size(self) -> int:
        return SECTION_ROWS

    @property
    def next_start(self) -> int:
        return self.start + len(self.entries)


def _bounded(section: Section, entries: Sequence[Any] | QuerySet[Any], start: int) -> SectionRows:
    """`entries` in screen order from `start`, with one extra row at most to tell whether more follow."""
    shown = list(entries[: SECTION_ROWS + 1])
    return SectionRows(section, shown[:SECTION_ROWS], start, has_more=len(shown) > SECTION_ROWS)


def dossier_sections(case: Case) -> dict[str, SectionRows]:
    """The first rows of every section for the dossier page, each read with a LIMIT in the order of
    the screen (one query per section and relation), so a long dossier reads no more than it shows.
    A section the page needs in full (READ_IN_FULL) comes from the case as the dossier read it, and
    a section the case read as empty (`row_counts`) is not read at all."""
    sections = {}
    for section in SECTIONS:
        entries: list[Any]
        if section.slug in READ_IN_FULL:
            entries = on_screen(section, getattr(case, section.related_name).all())
        elif row_count(case, section.related_name) == 0:
            entries = []
        else:
            entries = list(screen_ordered(section, case)[: SECTION_ROWS + 1])
        sections[section.slug] = _bounded(section, entries, 0)
    return sections


def _with_row_relations(section: Section, entries: QuerySet[Any]) -> QuerySet[Any]:
    """`entries` in the order of the screen, with what their rows show."""
    select, prefetch = ROW_RELATIONS.get(section.slug, ((), ()))
    if select:
        entries = entries.select_related(*select)
    if prefetch:
        entries = entries.prefetch_related(*prefetch)
    return entries.reverse() if section.newest_first else entries


def screen_ordered(section: Section, case: Case) -> QuerySet[Any]:
    """A section's entries of one case in the order of the screen, with what their rows show. Read
    through the case's related manager, every entry refers to this case object without a join."""
    entries: QuerySet[Any] = getattr(case, section.related_name).all()
    return _with_row_relations(section, entries)


def section_rows(section: Section, case: Case, start: int) -> SectionRows:
    """SECTION_ROWS rows of a section from `start`: one query for the rows, one per relation."""
    return _bounded(section, screen_ordered(section, case)[start : start + SECTION_ROWS + 1], start)
