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
from .row_people import attach_row_people
from .sections import SECTIONS, Section, on_screen

SECTION_ROWS = 20
# What a section's rows show beyond the entry itself, joined to the rows. The people a row names
# come for all sections at once (row_people.attach_row_people).
ROW_RELATIONS: dict[str, tuple[str, ...]] = {
    "toestemming": ("person",),
    "acties": ("owner",),
}
# The page needs all of a section beyond its rows: the header counts the consents in force.
READ_IN_FULL = frozenset({"toestemming"})
# The dossier page reads the rows of at most this many sections itself, so that it stays within
# 20 queries (issue 13) for a case with rows in every list: 12 for the session, the case, its
# header lists, panels and audit event, 1 for the people its rows name, 7 for sections. A later
# section that has rows shows them when it scrolls into view (`deferred`).
SECTION_READS_PER_PAGE = 7


@dataclass(frozen=True)
class SectionRows:
    """The rows of one section the screen shows, from `start`, and where the next ones begin."""

    section: Section
    entries: list[Any]
    start: int
    has_more: bool
    deferred: bool = False  # has rows, not read with the page: they load in place of its link

    @property
    def has_rows(self) -> bool:
        return bool(self.entries) or self.deferred

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
    the screen, so a long dossier reads no more than it shows. A section the page needs in full
    (READ_IN_FULL) comes from the case as the dossier read it; a section the case read as empty
    (`row_counts`) is not read at all, nor is one beyond the page's SECTION_READS_PER_PAGE. The people
    all rows name come in one more query."""
    sections = {}
    reads_left = SECTION_READS_PER_PAGE
    for section in SECTIONS:
        if section.slug in READ_IN_FULL:
            sections[section.slug] = _bounded(
                section, on_screen(section, getattr(case, section.related_name).all()), 0
            )
        elif row_count(case, section.related_name) == 0:
            sections[section.slug] = SectionRows(section, [], 0, has_more=False)
        elif reads_left == 0:
            sections[section.slug] = SectionRows(section, [], 0, has_more=True, deferred=True)
        else:
            reads_left -= 1
            sections[section.slug] = section_rows(section, case, 0, with_people=False)
    attach_row_people(entry for rows in sections.values() for entry in rows.entries)
    return sections


def _with_row_relations(section: Section, entries: QuerySet[Any]) -> QuerySet[Any]:
    """`entries` in the order of the screen, with what their rows show but the people they name."""
    if select := ROW_RELATIONS.get(section.slug):
        entries = entries.select_related(*select)
    return entries.reverse() if section.newest_first else entries


def screen_ordered(section: Section, case: Case) -> QuerySet[Any]:
    """A section's entries of one case in the order of the screen, with what their rows show. Read
    through the case's related manager, every entry refers to this case object without a join."""
    entries: QuerySet[Any] = getattr(case, section.related_name).all()
    return _with_row_relations(section, entries)


def section_rows(section: Section, case: Case, start: int, *, with_people: bool = True) -> SectionRows:
    """SECTION_ROWS rows of a section from `start`: one query for the rows, one for their people."""
    rows = _bounded(section, screen_ordered(section, case)[start : start + SECTION_ROWS + 1], start)
    if with_people:
        attach_row_people(rows.entries)
    return rows
