"""One model row as readable (label, value) pairs, for the subject-access overview."""

import json
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import models
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from wio.accounts.models import Organisation, User

# Internal handles that say nothing about the person and would only help someone fetch a file.
# The row's version counter is bookkeeping, not data about anyone.
HIDDEN_FIELDS = frozenset({"token", "file", "checksum", "submission_key", "parameters_key", "version"})


def employee_label(user: User | None, *, name_employees: bool) -> str:
    """An employee by name only when the municipality chose so (CJEU C-579/21); otherwise a role."""
    if user is None:
        return "–"
    if name_employees:
        return user.get_full_name() or user.email
    return _("an employee")


def _plain(value: Any) -> str:
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime):
        return formats.date_format(timezone.localtime(value), "j F Y H:i")
    if isinstance(value, date):
        return formats.date_format(value, "j F Y")
    if isinstance(value, Decimal):
        return formats.number_format(value)
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def reference_to(related: models.Model | None, *, name_employees: bool) -> str:
    """Another row as the overview titles it ("Betrokkene 311"); people of WIO and organisations
    by what they are."""
    if related is None:
        return "–"
    if isinstance(related, User):
        return employee_label(related, name_employees=name_employees)
    if isinstance(related, Organisation):
        return related.name
    return f"{capfirst(str(related._meta.verbose_name))} {related.pk}"


def field_value(row: models.Model, field: models.Field, *, name_employees: bool) -> str:
    if field.choices:
        return _plain(getattr(row, f"get_{field.name}_display")())
    if isinstance(field, models.ForeignKey):
        related = getattr(row, field.name)
        if related is None and field.related_model is User:
            return employee_label(None, name_employees=name_employees)
        return reference_to(related, name_employees=name_employees)
    return _plain(getattr(row, field.attname))


def row_fields(row: models.Model, *, name_employees: bool) -> list[tuple[str, str]]:
    """Every concrete and many-to-many field but the row's id and internal handles."""
    pairs: list[tuple[str, str]] = []
    for field in row._meta.concrete_fields:
        if field.primary_key or field.name in HIDDEN_FIELDS or isinstance(field, models.FileField):
            continue
        pairs.append((str(field.verbose_name), field_value(row, field, name_employees=name_employees)))
    for m2m in row._meta.many_to_many:
        related = getattr(row, m2m.name).all()
        values = [reference_to(item, name_employees=name_employees) for item in related]
        pairs.append((str(m2m.verbose_name), ", ".join(values) or "–"))
    return pairs
