"""Changes with rules of their own: consent withdrawal, knelpunt lifecycle, checklist, actions."""

from datetime import date
from typing import Any
from uuid import UUID

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wio.accounts.models import User
from wio.audit import services as audit
from wio.audit.constants import Action, Purpose
from wio.submissions.services import submission_claim, submission_settle

from ..consent_hooks import run_consent_withdrawal_hooks
from ..constants import KNELPUNT_TRANSITIONS, KnelpuntStatus
from ..models import ActionItem, Case, Consent, Knelpunt, KnelpuntStatusChange, PreparationItem
from .entries import entry_create
from .errors import TransitionError
from .handover import refuse_during_handover
from .versioning import save_versioned


def _record(actor: audit.Actor, obj: Any, action: str, event: str, detail: dict[str, Any]) -> None:
    audit.record_change(
        actor=actor, obj=obj, action=action, event_type=event, purpose=Purpose.CASE_MANAGEMENT, detail=detail
    )


@transaction.atomic
def consent_withdraw(*, consent: Consent, actor: audit.Actor, on: date | None = None) -> Consent:
    """Withdrawal takes effect immediately: every selector that shares data checks it (A11)."""
    if consent.withdrawn_on is not None:
        return consent  # already withdrawn: keep the first withdrawal's date and author
    consent = save_versioned(
        consent,
        expected_version=consent.version,
        fields={"withdrawn_on": on or timezone.localdate(), "withdrawn_by": actor.user},
    )
    _record(actor, consent, Action.UPDATE, "case.consent.withdraw", {"scope": consent.scope})
    # Files and published copies outside the database follow once the withdrawal has committed.
    transaction.on_commit(lambda: run_consent_withdrawal_hooks(consent))
    return consent


@transaction.atomic
def preparation_item_update(
    *, item: PreparationItem, actor: audit.Actor, status: str, note: str, expected_version: int
) -> PreparationItem:
    refuse_during_handover(item.case)
    item = save_versioned(item, expected_version=expected_version, fields={"status": status, "note": note})
    _record(actor, item, Action.UPDATE, "case.preparation.update", {"item": item.kind, "status": status})
    return item


@transaction.atomic
def knelpunt_create(
    *, case: Case, actor: audit.Actor, data: dict[str, Any], submission_key: UUID | None = None
) -> Knelpunt:
    refuse_during_handover(case)
    submission = submission_claim(key=submission_key, actor=actor)
    knelpunt = Knelpunt.objects.create(**data, created_by=actor.user)
    knelpunt.cases.add(case)
    submission_settle(submission, knelpunt)
    _record(actor, case, Action.CREATE, "case.knelpunt.create", {"knelpunt": knelpunt.pk})
    return knelpunt


@transaction.atomic
def knelpunt_transition(*, knelpunt: Knelpunt, case: Case, to_status: str, actor: audit.Actor) -> Knelpunt:
    """Verzameld → onderzocht → geadresseerd / geagendeerd, each step logged with a date (A17)."""
    if to_status not in KNELPUNT_TRANSITIONS[knelpunt.status]:
        raise TransitionError(
            _("A bottleneck cannot go from “%(current)s” to “%(target)s”.")
            % {
                "current": KnelpuntStatus(knelpunt.status).label,
                "target": KnelpuntStatus(to_status).label
                if to_status in KnelpuntStatus.values
                else to_status,
            },
            code="invalid_transition",
        )
    KnelpuntStatusChange.objects.create(
        knelpunt=knelpunt, from_status=knelpunt.status, to_status=to_status, changed_by=actor.user
    )
    knelpunt = save_versioned(
        knelpunt,
        expected_version=knelpunt.version,
        fields={"status": to_status, "status_changed_on": timezone.localdate()},
    )
    _record(actor, case, Action.UPDATE, "case.knelpunt.status", {"knelpunt": knelpunt.pk, "to": to_status})
    return knelpunt


@transaction.atomic
def action_complete(*, action: ActionItem, actor: audit.Actor, expected_version: int) -> ActionItem:
    refuse_during_handover(action.case)
    action = save_versioned(
        action, expected_version=expected_version, fields={"done_on": timezone.localdate()}
    )
    _record(actor, action, Action.UPDATE, "case.actionitem.done", {})
    return action


def action_create_from_beraad(
    *,
    case: Case,
    actor: audit.Actor,
    description: str,
    due_on: date,
    owner: User | None = None,
    owner_name: str = "",
    origin: str = "",
) -> ActionItem:
    """For moreelberaad: a follow-up action agreed in a beraad becomes an action on the case."""
    return entry_create(
        model=ActionItem,
        case=case,
        actor=actor,
        data={
            "description": description,
            "due_on": due_on,
            "owner": owner,
            "owner_name": owner_name,
            "origin": origin,
        },
    )
