"""“My work”: what a case worker has to do soon, across every active case in their scope.

Two kinds of work: escalation milestones (A18) that are overdue or due within
MILESTONE_WARNING_DAYS, and open actions (A9) that are overdue or due within ACTION_WARNING_DAYS —
the user's own, and separately those on their cases that no WIO user holds. The reads take a fixed
number of queries whatever the number of cases: one for the cases, one for the actions.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Q, QuerySet

from wio.accounts.constants import Role
from wio.accounts.models import User

from .constants import ACTIVE_STATUSES, MILESTONE_OFFSETS, MILESTONE_WARNING_DAYS, MilestoneState
from .models import ActionItem, Case, NotificationPreference
from .permissions import GEMEENTE_ROLES, AnyUser
from .selectors import ESCALATION_CLOCK_FIELDS, cases_visible_to, escalation_clock

ACTION_WARNING_DAYS = 14
CASE_WORKER_ROLES = (*GEMEENTE_ROLES, Role.SWV_COORDINATOR)


class WorkState:
    """Whether an item is late or merely coming up; the page says it in words, not only colour."""

    OVERDUE = MilestoneState.OVERDUE
    DUE = MilestoneState.DUE


def _state(due_on: date, today: date) -> str:
    return WorkState.OVERDUE if due_on < today else WorkState.DUE


@dataclass(frozen=True)
class MilestoneRow:
    case: Case
    milestone: str
    label: str
    due_on: date
    state: str

    @property
    def overdue(self) -> bool:
        return self.state == WorkState.OVERDUE


@dataclass(frozen=True)
class ActionRow:
    case: Case
    action_id: int
    description: str
    holder: str
    due_on: date
    state: str

    @property
    def overdue(self) -> bool:
        return self.state == WorkState.OVERDUE


@dataclass(frozen=True)
class MyWork:
    milestones: list[MilestoneRow] = field(default_factory=list)
    my_actions: list[ActionRow] = field(default_factory=list)
    unowned_actions: list[ActionRow] = field(default_factory=list)

    @property
    def rows(self) -> list[MilestoneRow | ActionRow]:
        return [*self.milestones, *self.my_actions, *self.unowned_actions]

    @property
    def cases(self) -> list[Case]:
        """Every case shown once, for the audit trail (one read event per case)."""
        unique = {row.case.pk: row.case for row in self.rows}
        return list(unique.values())

    @property
    def is_empty(self) -> bool:
        return not self.rows

    @property
    def overdue_count(self) -> int:
        return sum(row.overdue for row in self.rows)

    @property
    def due_count(self) -> int:
        return len(self.rows) - self.overdue_count


# What a row of Mijn werk and of the weekly e-mail shows of its case. The lists load only these (and
# the clock's fields): a big city's officer has ~240 active cases with a milestone near, and building
# them with all 42 columns was 5 of the page's 30 ms (issue 13).
ROW_CASE_FIELDS = ("reference", "first_name", "last_name")


def _active_cases(user: AnyUser) -> QuerySet[Case]:
    return cases_visible_to(user).filter(status__in=ACTIVE_STATUSES)


def milestone_rows(user: AnyUser, today: date) -> list[MilestoneRow]:
    """Open milestones due on or before today + MILESTONE_WARNING_DAYS, earliest first."""
    horizon = today + timedelta(days=MILESTONE_WARNING_DAYS)
    # No milestone can fall within the horizon when even the earliest one lies beyond it; whether a
    # milestone is done is left to escalation_clock (a "passend" offer needs more than a date).
    earliest_offset = min(MILESTONE_OFFSETS.values())
    cases = (
        _active_cases(user)
        .filter(escalation_start_on__lte=horizon - earliest_offset)
        .only(*ROW_CASE_FIELDS, *ESCALATION_CLOCK_FIELDS)
    )
    rows = [
        MilestoneRow(case, view.milestone, view.label, view.due_on, _state(view.due_on, today))
        for case in cases
        for view in escalation_clock(case, today)
        if view.state != MilestoneState.DONE and view.due_on <= horizon
    ]
    return sorted(rows, key=lambda row: (row.due_on, row.case.reference, row.milestone))


def _action_row(action: ActionItem, today: date) -> ActionRow:
    return ActionRow(
        case=action.case,
        action_id=action.pk,
        description=action.description,
        holder=action.owner_name,
        due_on=action.due_on,
        state=_state(action.due_on, today),
    )


def action_rows(user: AnyUser, today: date) -> tuple[list[ActionRow], list[ActionRow]]:
    """(the user's own open actions, open actions on their cases without a WIO owner), due soon."""
    horizon = today + timedelta(days=ACTION_WARNING_DAYS)
    actions = (
        ActionItem.objects.filter(case__in=_active_cases(user), done_on__isnull=True, due_on__lte=horizon)
        .filter(Q(owner_id=user.pk) | Q(owner__isnull=True))
        .select_related("case")
        .only(
            "description", "owner", "owner_name", "due_on", "case", *(f"case__{f}" for f in ROW_CASE_FIELDS)
        )
        .order_by("due_on", "case__reference", "id")
    )
    own: list[ActionRow] = []
    unowned: list[ActionRow] = []
    for action in actions:
        (unowned if action.owner_id is None else own).append(_action_row(action, today))
    return own, unowned


def my_work_for(user: AnyUser, today: date) -> MyWork:
    own, unowned = action_rows(user, today)
    return MyWork(milestones=milestone_rows(user, today), my_actions=own, unowned_actions=unowned)


def digest_enabled_for(user: AnyUser) -> bool:
    """The weekly e-mail is on unless the user switched it off."""
    if user.pk is None:
        return False
    stored = (
        NotificationPreference.objects.filter(user_id=user.pk).values_list("weekly_digest", flat=True).first()
    )
    return True if stored is None else stored


def digest_recipient_ids() -> list[int]:
    """Active users holding a case-working role who did not switch the weekly e-mail off."""
    users = (
        User.objects.people()
        .filter(memberships__role__in=CASE_WORKER_ROLES)
        .exclude(case_notifications__weekly_digest=False)
        .distinct()
        .order_by("pk")
    )
    return list(users.values_list("pk", flat=True))
