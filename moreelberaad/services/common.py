from typing import Any

from django.db.models import Model

# The same optimistic locking as the case file (ADR 0005).
from cases.services.versioning import save_versioned
from wio.audit import services as audit
from wio.audit.constants import Purpose

__all__ = ["record", "save_versioned"]


def record(
    actor: audit.Actor, obj: Model, action: str, event: str, detail: dict[str, Any] | None = None
) -> None:
    """Audit a beraad change; `detail` names fields or counts, never what was said."""
    audit.record_change(
        actor=actor, obj=obj, action=action, event_type=event, purpose=Purpose.MOREEL_BERAAD, detail=detail
    )
