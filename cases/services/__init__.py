"""Every change to case data. Each runs in one transaction and writes its audit event.

Other apps (moreelberaad) change cases only through these functions.
"""

from .attachments import attachment_create, attachment_delete
from .case import (
    absenteeism_update,
    case_create,
    case_transition,
    case_update,
    exemption_update,
)
from .destruction import case_delete_in_error, destroy_case
from .entries import entry_create, entry_delete, entry_update
from .errors import ConflictError, TransitionError
from .handover import (
    HandoverPendingError,
    handover_accept,
    handover_cancel,
    handover_decline,
    handover_request,
)
from .hours import time_entry_create, time_entry_delete
from .imports import (
    ImportCommitResult,
    ImportInvalidError,
    case_import_commit,
    case_import_upload,
    case_imports_purge_abandoned,
)
from .notifications import digest_preference_set, weekly_digest_send
from .records import (
    action_complete,
    action_create_from_beraad,
    consent_withdraw,
    knelpunt_create,
    knelpunt_transition,
    preparation_item_update,
)
from .retention import destruction_list_approve, destruction_lists_create

__all__ = [
    "ConflictError",
    "HandoverPendingError",
    "ImportCommitResult",
    "ImportInvalidError",
    "TransitionError",
    "absenteeism_update",
    "action_complete",
    "action_create_from_beraad",
    "attachment_create",
    "attachment_delete",
    "case_create",
    "case_delete_in_error",
    "case_import_commit",
    "case_import_upload",
    "case_imports_purge_abandoned",
    "case_transition",
    "case_update",
    "consent_withdraw",
    "destroy_case",
    "destruction_list_approve",
    "destruction_lists_create",
    "digest_preference_set",
    "entry_create",
    "entry_delete",
    "entry_update",
    "exemption_update",
    "handover_accept",
    "handover_cancel",
    "handover_decline",
    "handover_request",
    "knelpunt_create",
    "knelpunt_transition",
    "preparation_item_update",
    "time_entry_create",
    "time_entry_delete",
    "weekly_digest_send",
]
