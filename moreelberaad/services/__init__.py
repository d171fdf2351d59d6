"""Every change to beraad data, each in one transaction with its audit event.

Case data changes only through `cases.services` (status, follow-up actions).
"""

from .beraad import SCHEDULE_FIELDS, beraad_plan, beraad_update, preparation_waive
from .participants import (
    participant_add,
    participant_remove,
    participant_update,
    participants_approve_by_parents,
)

__all__ = [
    "SCHEDULE_FIELDS",
    "beraad_plan",
    "beraad_update",
    "participant_add",
    "participant_remove",
    "participant_update",
    "participants_approve_by_parents",
    "preparation_waive",
]
