from typing import Any

from django.db.models import F, Model
from django.utils import timezone

from cases.services import ConflictError
from wio.audit import services as audit
from wio.audit.constants import Purpose


def record(
    actor: audit.Actor, obj: Model, action: str, event: str, detail: dict[str, Any] | None = None
) -> None:
    """Audit a beraad change; `detail` names fields or counts, never what was said."""
    audit.record_change(
        actor=actor, obj=obj, action=action, event_type=event, purpose=Purpose.MOREEL_BERAAD, detail=detail
    )


def save_versioned(obj: Model, *, expected_version: int, fields: dict[str, Any]) -> Any:
    """As cases' optimistic locking: the UPDATE only succeeds from the version the user started with."""
    model = type(obj)
    updated = model._default_manager.filter(pk=obj.pk, version=expected_version).update(
        **fields, updated_at=timezone.now(), version=F("version") + 1
    )
    if updated == 0:
        raise ConflictError(model._default_manager.get(pk=obj.pk))
    obj.refresh_from_db()
    return obj
