"""Every change to case data. Each runs in one transaction and writes its audit event.

Other apps (moreelberaad) change cases only through these functions.
"""

from .case import (
    absenteeism_update,
    case_create,
    case_delete,
    case_transition,
    case_update,
    exemption_update,
)
from .entries import entry_create, entry_delete, entry_update
from .errors import ConflictError, TransitionError
from .records import (
    action_complete,
    action_create_from_beraad,
    consent_withdraw,
    knelpunt_create,
    knelpunt_transition,
    preparation_item_update,
)

__all__ = [
    "ConflictError",
    "TransitionError",
    "absenteeism_update",
    "action_complete",
    "action_create_from_beraad",
    "case_create",
    "case_delete",
    "case_transition",
    "case_update",
    "consent_withdraw",
    "entry_create",
    "entry_delete",
    "entry_update",
    "exemption_update",
    "knelpunt_create",
    "knelpunt_transition",
    "preparation_item_update",
]
