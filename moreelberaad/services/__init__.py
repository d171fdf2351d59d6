"""Every change to beraad data, each in one transaction with its audit event.

Case data changes only through `cases.services` (status, follow-up actions).
"""

from .beraad import SCHEDULE_FIELDS, beraad_plan, beraad_update, preparation_waive
from .calendar_feed import calendar_feed_create, calendar_feed_revoke
from .invitations import (
    answer_record,
    attendance_record,
    beraad_cancel,
    invitations_send,
    schedule_changed,
)
from .meeting_places import meeting_place_add, meeting_place_set_active, meeting_place_update
from .pack import pack_pdf_generate, pack_pdf_request
from .participants import (
    participant_add,
    participant_remove,
    participant_update,
    participants_approve_by_parents,
)
from .session import (
    SessionStateError,
    commitment_add,
    commitment_remove,
    evaluation_save,
    follow_up_action_add,
    mark_held,
    notes_save,
    outcome_save,
    perspective_add,
    perspective_remove,
    perspective_update,
    reflection_add,
    reflection_remove,
    step_record_save,
)

__all__ = [
    "SCHEDULE_FIELDS",
    "SessionStateError",
    "answer_record",
    "attendance_record",
    "beraad_cancel",
    "beraad_plan",
    "beraad_update",
    "calendar_feed_create",
    "calendar_feed_revoke",
    "commitment_add",
    "commitment_remove",
    "evaluation_save",
    "follow_up_action_add",
    "invitations_send",
    "mark_held",
    "meeting_place_add",
    "meeting_place_set_active",
    "meeting_place_update",
    "notes_save",
    "outcome_save",
    "pack_pdf_generate",
    "pack_pdf_request",
    "participant_add",
    "participant_remove",
    "participant_update",
    "participants_approve_by_parents",
    "perspective_add",
    "perspective_remove",
    "perspective_update",
    "preparation_waive",
    "reflection_add",
    "reflection_remove",
    "schedule_changed",
    "step_record_save",
]
