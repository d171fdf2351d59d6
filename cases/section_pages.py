"""The dossier's sections a page of rows at a time (issue 13): a case with hundreds of timeline
entries shows the first SECTION_ROWS of each section, in the order of the screen, and a link that
loads the next ones (in place with htmx, or as a page of that section without JavaScript).

The printed dossier is an export and stays complete; it does not use this module.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, QuerySet

from .models import Case
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


def _screen_attribute(section: Section) -> str:
    return f"screen_{section.slug}"


def screen_prefetches() -> list[Prefetch]:
    """For the dossier page (`get_dossier_for_user_or_404(..., sections=...)`): the first rows of each
    section in the order of the screen, one more to tell whether more follow. One query per section
    and relation, and the rows read are bounded by what the page shows, however long the dossier."""
    return [
        Prefetch(
            section.related_name,
            queryset=_with_row_relations(section, section.model._default_manager.all())[: SECTION_ROWS + 1],
            to_attr=_screen_attribute(section),
        )
        for section in SECTIONS
        if section.slug not in READ_IN_FULL
    ]


def dossier_sections(case: Case) -> dict[str, SectionRows]:
    """The first rows of every section, from the case as `screen_prefetches` read it; a section read
    in full is put in screen order here."""
    sections = {}
    for section in SECTIONS:
        if hasattr(case, _screen_attribute(section)):
            entries = getattr(case, _screen_attribute(section))
        else:
            entries = on_screen(section, getattr(case, section.related_name).all())
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
    """A section's entries of one case in the order of the screen, with what their rows show."""
    return _with_row_relations(section, section.model._default_manager.filter(case=case))


def section_rows(section: Section, case: Case, start: int) -> SectionRows:
    """SECTION_ROWS rows of a section from `start`: one query for the rows, one per relation."""
    return _bounded(section, screen_ordered(section, case)[start : start + SECTION_ROWS + 1], start)
