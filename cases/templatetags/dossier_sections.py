from collections.abc import Iterable
from typing import Any

from django import template
from django.template import Context
from django.template.base import render_value_in_context
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext

from ..sections import Section, on_screen

register = template.Library()


@register.filter(name="on_screen")
def on_screen_filter(entries: Iterable[Any], section: Section) -> list[Any]:
    """`{% include section.row_template with entries=entries|on_screen:section %}`: the order of
    the dossier page (the print includes the rows with the entries as they come)."""
    return on_screen(section, entries)


@register.simple_tag(takes_context=True)
def entry_actions(context: Context, entry: Any, label: Any) -> str:
    """An entry's "Bewerken · Verwijderen" links, `label` naming the entry to a screen reader; none on
    paper. A tag, not an include: the longest dossier page shows a hundred rows, and the include with
    its three {% url %} tags cost ~120 µs a row (issue 13), this a third of that."""
    if context.get("printing"):
        return ""
    case_id, slug = context["case"].pk, context["section"].slug
    edit = reverse("cases:entry_edit", args=[case_id, slug, entry.pk])
    named = format_html('<span class="visually-hidden"> {}</span>', render_value_in_context(label, context))
    return format_html(
        '<span class="text-nowrap"><a href="{}" hx-get="{}" hx-target="#{}-form" hx-swap="innerHTML">{}{}</a>'
        ' · <a href="{}">{}{}</a></span>',
        edit,
        edit,
        slug,
        gettext("Edit"),
        named,
        reverse("cases:entry_delete", args=[case_id, slug, entry.pk]),
        gettext("Remove"),
        named,
    )
