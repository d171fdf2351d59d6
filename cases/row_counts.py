"""How many rows each of a case's relations holds, read as columns of the case query itself.

The dossier page uses them to skip the read of every section and header list that is empty: a typical
case at national scale has 9 of its 13 sections empty, and each empty read cost ~0.5 ms of a ~36 ms
page (issue 13). The counts are plain correlated `COUNT(*)` subqueries over the `case_id` indexes.
They are written out by `RelatedRowCount` rather than as Django `Subquery(... Count ...)`: the SQL is
the same, but compiling 17 Django subqueries cost ~4 ms of Python on every view (measured), more than
the reads they save.
"""

from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Expression, IntegerField, ManyToManyRel, ManyToOneRel, Model
from django.db.models.sql.compiler import SQLCompiler

from .models import Case


def related_model(related_name: str) -> type[Model]:
    """The model of the rows of `Case.<related_name>`."""
    model = Case._meta.get_field(related_name).related_model
    if not isinstance(model, type):
        raise ValueError(f"Case.{related_name} is not a relation")
    return model


def _table_and_case_column(related_name: str) -> tuple[str, str]:
    """The table holding one row per (case, related object), and its column with the case's id."""
    relation = Case._meta.get_field(related_name)
    if isinstance(relation, ManyToManyRel):
        through = relation.through
        if through is None:
            raise ValueError(f"Case.{related_name} has no link table")
        return through._meta.db_table, relation.field.m2m_reverse_name()
    if isinstance(relation, ManyToOneRel):
        return related_model(related_name)._meta.db_table, relation.field.column
    raise ValueError(f"Case.{related_name} is not a relation to many rows")


class RelatedRowCount(Expression):
    """`COUNT(*)` of the rows of `Case.<related_name>` of the case in the row of the outer query."""

    output_field = IntegerField()

    def __init__(self, related_name: str) -> None:
        super().__init__()
        self.related_name = related_name
        self.table, self.case_column = _table_and_case_column(related_name)

    def as_sql(
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra: Any
    ) -> tuple[str, list[Any]]:
        quote = connection.ops.quote_name
        outer_case = compiler.quote_name_unless_alias(compiler.query.base_table)
        outer_id = f"{outer_case}.{quote(Case._meta.pk.column)}"
        table, column = quote(self.table), quote(self.case_column)
        # Only names from the models' own metadata, quoted, go into the SQL: no value from outside.
        sql = f"(SELECT COUNT(*) FROM {table} WHERE {table}.{column} = {outer_id})"  # noqa: S608
        return sql, []


def row_count_name(related_name: str) -> str:
    return f"{related_name}_row_count"


def row_count_annotations(related_names: set[str]) -> dict[str, RelatedRowCount]:
    return {row_count_name(name): RelatedRowCount(name) for name in sorted(related_names)}


def row_count(case: Case, related_name: str) -> int | None:
    """The count read with the case, or None when the case was read without it."""
    count: int | None = getattr(case, row_count_name(related_name), None)
    return count
