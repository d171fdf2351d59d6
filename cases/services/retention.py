"""Retention of closed case files: the destruction date, the nightly lists and their two approvals.

A list is destroyed only after a functional administrator and the privacy officer, two different
people, approved it (four eyes, ADR 0014). The database holds the same rule: one approval per
approver and one per role on a list.
"""

from collections import defaultdict
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wio.audit import services as audit
from wio.audit.constants import Action, Purpose

from ..constants import ApproverRole, DestructionListStatus, Status
from ..models import Case, DestructionApproval, DestructionList, DestructionListItem
from ..retention import destruction_date, retention_years_for
from .destruction import destroy_list

OPEN_LIST_STATUSES = (DestructionListStatus.PROPOSED, DestructionListStatus.APPROVED)
SYSTEM = audit.Actor(user=None, label="system", role="", organisation_id=None, source_ip=None)


def lifecycle_dates(case: Case, *, status: str, today: date) -> dict[str, date | None]:
    """`closed_on` and `destroy_on` for `case` entering `status`: set on closing, cleared on reopening."""
    if status != Status.AFGESLOTEN:
        return {"closed_on": None, "destroy_on": None}
    closed_on = case.closed_on or today
    return {"closed_on": closed_on, "destroy_on": _destroy_on(case, closed_on)}


def _destroy_on(case: Case, closed_on: date) -> date:
    return destruction_date(
        closed_on=closed_on,
        date_of_birth=case.date_of_birth,
        legal_basis=case.legal_basis,
        retention_years=retention_years_for(case.gemeente_id),
    )


def refreshed_destroy_on(case: Case) -> date | None:
    """The destruction date after an edit (date of birth, legal basis, municipality) of a closed case."""
    if case.status != Status.AFGESLOTEN or case.closed_on is None:
        return case.destroy_on
    return _destroy_on(case, case.closed_on)


@transaction.atomic
def destruction_lists_create(*, today: date | None = None) -> list[DestructionList]:
    """One list per municipality of the closed cases due that are on no open list yet (nightly)."""
    today = today or timezone.localdate()
    due = (
        Case.objects.filter(status=Status.AFGESLOTEN, destroy_on__lte=today)
        .exclude(destruction_items__destruction_list__status__in=OPEN_LIST_STATUSES)
        .order_by("gemeente_id", "destroy_on", "reference")
    )
    per_gemeente: dict[int, list[Case]] = defaultdict(list)
    for case in due:
        per_gemeente[case.gemeente_id].append(case)
    created = []
    for gemeente_id, cases in per_gemeente.items():
        destruction_list = DestructionList.objects.create(gemeente_id=gemeente_id, due_on=today)
        DestructionListItem.objects.bulk_create(
            DestructionListItem(
                destruction_list=destruction_list,
                case=case,
                case_reference=case.reference,
                destroy_on=case.destroy_on or today,
            )
            for case in cases
        )
        audit.record_event(
            actor=SYSTEM,
            action=Action.CREATE,
            event_type="destruction_list.create",
            purpose=Purpose.RETENTION,
            obj=destruction_list,
            detail={"cases": len(cases)},
        )
        created.append(destruction_list)
    return created


def _refuse_second_approval(destruction_list: DestructionList, approver_id: int, role: str) -> None:
    approvals = list(destruction_list.approvals.all())
    if any(approval.approver_id == approver_id for approval in approvals):
        raise ValidationError(
            _(
                "You have already approved this list. A second person, in the other role, must "
                "approve it before the files are destroyed."
            ),
            code="same_approver",
        )
    if any(approval.role == role for approval in approvals):
        raise ValidationError(
            _("The %(role)s has already approved this list; the approval of the other role is missing.")
            % {"role": ApproverRole(role).label.lower()},
            code="same_role",
        )


@transaction.atomic
def destruction_list_approve(
    *, destruction_list: DestructionList, role: str, actor: audit.Actor
) -> DestructionList:
    """Record one approval; the second, by another person in the other role, destroys the list."""
    if actor.user is None:
        raise ValueError("an approval needs a person")
    locked = DestructionList.objects.select_for_update().get(pk=destruction_list.pk)
    if locked.status != DestructionListStatus.PROPOSED:
        raise ValidationError(_("This list is no longer awaiting approval."), code="not_proposed")
    _refuse_second_approval(locked, actor.user.pk, role)
    DestructionApproval.objects.create(destruction_list=locked, approver=actor.user, role=role)
    audit.record_event(
        actor=actor,
        action=Action.UPDATE,
        event_type="destruction_list.approve",
        purpose=Purpose.RETENTION,
        obj=locked,
        detail={"role": role},
    )
    if locked.approvals.count() == len(ApproverRole.values):
        locked.status = DestructionListStatus.APPROVED
        locked.save(update_fields=["status"])
        destroy_list(destruction_list=locked, actor=actor)
    return locked
