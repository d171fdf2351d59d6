"""Lists of people's names in running text, written the Dutch way: "Anna, Bas, Cees"."""

from collections.abc import Iterable
from typing import Any

from django import template

register = template.Library()


@register.filter
def name_list(people: Iterable[Any]) -> str:
    """The names of `people` (rows with a `name`), comma-separated and with no space before a comma.

    The result is plain text: the template escapes it like any other value.
    """
    return ", ".join(str(person.name).strip() for person in people)
