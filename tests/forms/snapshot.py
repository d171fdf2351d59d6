"""What a request changed in the tables that hold a youth's data.

A full copy of the demo database takes a second, so `changes_made_by` lets PostgreSQL say which
tables a request wrote to (pg_stat_xact_user_tables counts per transaction), then compares just those
tables after the request with the same tables once the request is rolled back to a savepoint.
"""

from collections.abc import Callable
from typing import Any, TypeVar

from django.apps import apps
from django.db import connection, models, transaction

SNAPSHOT_APPS = ("cases", "moreelberaad", "monitor")

Rows = dict[Any, dict[str, Any]]
R = TypeVar("R")


def _models() -> dict[str, type[models.Model]]:
    return {
        model._meta.db_table: model
        for label in SNAPSHOT_APPS
        for model in apps.get_app_config(label).get_models(include_auto_created=True)
    }


def _ignored(model: type[models.Model]) -> set[str]:
    """Bookkeeping that a save may touch without changing what is stored about anyone."""
    names = {"version"}
    for model_field in model._meta.concrete_fields:
        if getattr(model_field, "auto_now", False):
            names.add(model_field.attname)
    return names


def _rows(model: type[models.Model]) -> Rows:
    ignored = _ignored(model)
    return {
        row["id"]: {key: value for key, value in row.items() if key not in ignored}
        for row in model._default_manager.order_by("pk").values()
    }


def _write_counts() -> dict[str, int]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT relname, n_tup_ins + n_tup_upd + n_tup_del FROM pg_stat_xact_user_tables")
        return dict(cursor.fetchall())


def _differences(label: str, before: Rows, after: Rows) -> list[str]:
    found = [f"{label} #{pk} added" for pk in after.keys() - before.keys()]
    found += [f"{label} #{pk} removed" for pk in before.keys() - after.keys()]
    for pk in after.keys() & before.keys():
        changed = {k: (before[pk].get(k), v) for k, v in after[pk].items() if before[pk].get(k) != v}
        if changed:
            found.append(f"{label} #{pk} changed {sorted(changed)}")
    return found


def changes_made_by(request: Callable[[], R]) -> tuple[R, list[str]]:
    """Run `request`, list the rows it added, removed or changed, then undo it."""
    written_before = _write_counts()
    savepoint = transaction.savepoint()
    result = request()
    written_after = _write_counts()
    touched = {
        table: model
        for table, model in _models().items()
        if written_after.get(table, 0) != written_before.get(table, 0)
    }
    after = {table: _rows(model) for table, model in touched.items()}
    transaction.savepoint_rollback(savepoint)
    found: list[str] = []
    for table, model in touched.items():
        found += _differences(model._meta.label, _rows(model), after[table])
    return result, found


def tables_written_by(request: Callable[[], R]) -> tuple[R, set[str]]:
    """Run `request` and keep its effect; the project's tables it wrote to."""
    written_before = _write_counts()
    result = request()
    written_after = _write_counts()
    tables = {table for table in _models() if written_after.get(table, 0) != written_before.get(table, 0)}
    return result, tables
