from collections.abc import Iterable
from typing import Any

from django import template

from ..sections import Section, on_screen

register = template.Library()


@register.filter(name="on_screen")
def on_screen_filter(entries: Iterable[Any], section: Section) -> list[Any]:
    """`{% include section.row_template with entries=entries|on_screen:section %}`: the order of
    the dossier page (the print includes the rows with the entries as they come)."""
    return on_screen(section, entries)
