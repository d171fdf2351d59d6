"""The people dossier rows name, for every row on a page in one query (issue 13).

A timeline entry names its parties, a conversation its attendees, a consent the people it may be
shared with: three many-to-many relations to `Involved`. Prefetching them costs one query each;
here one UNION ALL over the three link tables reads them for all rows at once, in a form SQLite
runs as well as PostgreSQL (the embedded demo renders the same pages).

The people land in each row's prefetch cache, so `entry.involved.all` in a template reads no more.
"""

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any, cast

from django.db.models import F, ManyToManyField, Model, QuerySet, Value

from .models import Consent, Conversation, Involved, TimelineEntry

PEOPLE_OF_ROWS: dict[type[Model], str] = {
    TimelineEntry: "involved",
    Conversation: "attendees",
    Consent: "shared_with",
}


def attach_row_people(rows: Iterable[Any]) -> None:
    """Give every row of a model in PEOPLE_OF_ROWS the people it names, in the order of the
    database's collation as `prefetch_related` gives them, with one query for all rows (none when no
    row can name anyone)."""
    rows_by_key: dict[tuple[type[Model], int], list[Any]] = defaultdict(list)
    for row in rows:
        if type(row) in PEOPLE_OF_ROWS:
            rows_by_key[(type(row), row.pk)].append(row)
    if not rows_by_key:
        return
    named: dict[tuple[type[Model], int], list[Involved]] = defaultdict(list)
    model_by_label = {model._meta.label_lower: model for model in PEOPLE_OF_ROWS}
    for person in _people_named_by(rows_by_key):
        named[(model_by_label[person.row_model], person.row_id)].append(person)
    for (model, pk), same_rows in rows_by_key.items():
        for row in same_rows:
            _fill_prefetch_cache(row, PEOPLE_OF_ROWS[model], named[(model, pk)])


def _people_named_by(rows_by_key: Mapping[tuple[type[Model], int], Any]) -> Iterable[Any]:
    """The people, each with the annotations `row_model` and `row_id` of the row that names them,
    sorted by name as the database sorts (Dutch "de Boer" and "Émile" where a reader expects them)."""
    ids_by_model: dict[type[Model], list[int]] = defaultdict(list)
    for model, pk in rows_by_key:
        ids_by_model[model].append(pk)
    first, *rest = (_people_of(model, ids) for model, ids in ids_by_model.items())
    people = first.union(*rest, all=True) if rest else first
    return people.order_by("name", "id")


def _people_of(model: type[Model], ids: list[int]) -> QuerySet[Involved]:
    """The people the rows `ids` of `model` name, each with the row it was named by."""
    field = cast("ManyToManyField[Involved, Any]", model._meta.get_field(PEOPLE_OF_ROWS[model]))
    link = field.related_query_name()
    return (
        Involved.objects.filter(**{f"{link}__in": ids})
        .annotate(row_model=Value(model._meta.label_lower), row_id=F(link))
        .order_by()
    )


def _fill_prefetch_cache(row: Any, relation: str, people: list[Involved]) -> None:
    """What `prefetch_related(relation)` leaves on `row`: its manager's `.all()` then reads no more.
    Django's own prefetching fills these two attributes the same way (`prefetch_one_level`)."""
    queryset = getattr(row, relation).get_queryset()
    queryset._result_cache = people
    queryset._prefetch_done = True
    if not hasattr(row, "_prefetched_objects_cache"):
        row._prefetched_objects_cache = {}
    row._prefetched_objects_cache[relation] = queryset
