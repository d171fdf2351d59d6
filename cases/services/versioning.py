from typing import Any, TypeVar

from django.db.models import F, Model
from django.utils import timezone

from .errors import ConflictError

M = TypeVar("M", bound=Model)


def save_versioned(obj: M, *, expected_version: int, fields: dict[str, Any]) -> M:
    """Write `fields` only if nobody saved `obj` since `expected_version` was read (no lost updates).

    The UPDATE carries the version in its WHERE clause, so two concurrent saves cannot both win.
    """
    model = type(obj)
    fields = {**fields, "updated_at": timezone.now()}
    updated = model._default_manager.filter(pk=obj.pk, version=expected_version).update(
        **fields, version=F("version") + 1
    )
    if updated == 0:
        raise ConflictError(model._default_manager.get(pk=obj.pk))
    obj.refresh_from_db()
    return obj
