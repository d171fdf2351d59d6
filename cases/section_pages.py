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
from .sections import SECTIONS, Section, on_screen
from .selectors import SCREEN_TIMELINE_ATTRIBUTE

SECTION_ROWS = 20
# What a section's rows show beyond the entry itself, read in one query per relation.
ROW_RELATIONS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "tijdlijn": ((), ("involved",)),
    "toestemming": (("person",), ("shared_with",)),
    "gesprekken": ((), ("attendees",)),
    "acties": (("owner",), ()),
    "plan": ((), ("goals",)),
}


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
    """The first rows of every section, from the case as `case_dossier(..., newest_timeline=...)` read it:
    the timeline's newest rows were read on their own (`SCREEN_TIMELINE_ATTRIBUTE`), the other
    sections are short lists already in memory."""
    sections = {}
    for section in SECTIONS:
        if section.slug == "tijdlijn" and hasattr(case, SCREEN_TIMELINE_ATTRIBUTE):
            entries = getattr(case, SCREEN_TIMELINE_ATTRIBUTE)
        else:
            entries = on_screen(section, getattr(case, section.related_name).all())
        sections[section.slug] = _bounded(section, entries, 0)
    return sections


def screen_ordered(section: Section, case: Case) -> QuerySet[Any]:
    """A section's entries in the order of the screen, with what their rows show."""
    select, prefetch = ROW_RELATIONS.get(section.slug, ((), ()))
    entries = section.model._default_manager.filter(case=case).select_related("case", *select)
    if prefetch:
        entries = entries.prefetch_related(*prefetch)
    return entries.reverse() if section.newest_first else entries


def section_rows(section: Section, case: Case, start: int) -> SectionRows:
    """SECTION_ROWS rows of a section from `start`: one query for the rows, one per relation."""
    return _bounded(section, screen_ordered(section, case)[start : start + SECTION_ROWS + 1], start)
