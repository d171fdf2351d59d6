"""Lists of people's names in running text, written the Dutch way: "Anna, Bas, Cees"."""

from collections.abc import Iterable
from typing import Any

from django import template

register = template.Library()


@register.filter
def name_list(people: Iterable[Any]) -> str:
    """The names of `people` (rows with a `name`, or the names themselves as the dossier reads them),
    comma-separated and with no space before a comma.

    The result is plain text: the template escapes it like any other value.
    """
    return ", ".join(str(getattr(person, "name", person)).strip() for person in people)
