"""The invitation panel's data in one place, with a constant number of queries."""

from dataclasses import dataclass

from django import template
from django.utils import timezone

from ..constants import OPEN_STATUSES, Answer, BeraadStatus
from ..invitation_selectors import InvitationRow, invitation_rows
from ..models import Beraad, Participant
from ..services.invitations import state_blockers

register = template.Library()


@dataclass(frozen=True)
class InvitationPanel:
    rows: list[InvitationRow]
    blockers: list[str]
    answer_choices: list[tuple[str, str]]
    is_open: bool
    is_invited: bool
    has_started: bool
    is_cancelled: bool

    @property
    def sending(self) -> int:
        return sum(row.sending for row in self.rows)

    @property
    def failed(self) -> int:
        return sum(row.failed for row in self.rows)


@register.simple_tag
def invitation_panel(beraad: Beraad, participants: list[Participant], blockers: list[str]) -> InvitationPanel:
    """`blockers` are the table's (computed by the detail view); the beraad's own state adds to them."""
    return InvitationPanel(
        rows=invitation_rows(beraad, participants),
        blockers=[*blockers, *state_blockers(beraad)],
        answer_choices=[(value, str(label)) for value, label in Answer.choices],
        is_open=beraad.status in OPEN_STATUSES,
        is_invited=beraad.status == BeraadStatus.UITGENODIGD,
        has_started=beraad.starts_at <= timezone.now(),
        is_cancelled=beraad.status == BeraadStatus.GEANNULEERD,
    )
