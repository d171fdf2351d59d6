"""A youth moves: the case's LPA offers the file to another municipality, whose LPA accepts or declines.

While an offer is pending nobody edits the case (`refuse_during_handover`, called by every service a
person edits through); both municipalities read it. On acceptance the case's municipality and
partnership change in one transaction, so the old municipality's access ends at that moment. Every
step is audited on the case, naming both municipalities (ADR 0015).
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wio.accounts.constants import OrganisationKind
from wio.accounts.models import Organisation
from wio.audit import services as audit
from wio.audit.constants import Action, Purpose

from ..constants import HandoverStatus
from ..models import Case, CaseHandover
from ..partnerships import swv_serves
from ..permissions import forget_pending_handover


class HandoverPendingError(ValidationError):
    """The case awaits acceptance by another municipality: it is read-only until then."""


def refuse_during_handover(case: Case) -> None:
    """Raise when the case is offered to another municipality (enforced here, not only by the views)."""
    if CaseHandover.objects.filter(case_id=case.pk, status=HandoverStatus.PENDING).exists():
        raise HandoverPendingError(
            _(
                "This case is being handed over to another municipality: it cannot be changed until "
                "the handover is accepted, declined or withdrawn."
            ),
            code="handover_pending",
        )


def _record(actor: audit.Actor, handover: CaseHandover, action: str, event: str) -> None:
    """On the case, so the youth's access overview shows it; both municipalities by id, no names."""
    audit.record_change(
        actor=actor,
        obj=handover.case,
        action=action,
        event_type=event,
        purpose=Purpose.CASE_MANAGEMENT,
        detail={
            "handover": handover.pk,
            "from_gemeente": handover.from_gemeente_id,
            "to_gemeente": handover.to_gemeente_id,
            "to_swv": handover.to_swv_id,
            "status": handover.status,
        },
    )


@transaction.atomic
def handover_request(*, case: Case, to_gemeente: Organisation, actor: audit.Actor) -> CaseHandover:
    locked = Case.objects.select_for_update().get(pk=case.pk)
    if to_gemeente.kind != OrganisationKind.GEMEENTE or to_gemeente.pk == locked.gemeente_id:
        raise ValidationError(
            {"to_gemeente": _("Choose another municipality than the one that holds the case now.")},
            code="handover_same_gemeente",
        )
    refuse_during_handover(locked)
    handover = CaseHandover(
        case=locked, from_gemeente_id=locked.gemeente_id, to_gemeente=to_gemeente, requested_by=actor.user
    )
    try:
        with transaction.atomic():
            handover.save()
    except IntegrityError:  # a second officer offered it at the same moment
        raise HandoverPendingError(_("This case has already been offered to another municipality.")) from None
    forget_pending_handover(case)
    _record(actor, handover, Action.CREATE, "case.handover.request")
    return handover


def _locked_pending(handover: CaseHandover) -> CaseHandover:
    locked = CaseHandover.objects.select_for_update().select_related("case").get(pk=handover.pk)
    if locked.status != HandoverStatus.PENDING:
        raise ValidationError(
            _("This handover has already been decided or withdrawn."), code="handover_not_pending"
        )
    return locked


def _close(handover: CaseHandover, status: str, actor: audit.Actor) -> None:
    handover.status = status
    handover.decided_by = actor.user
    handover.decided_at = timezone.now()
    handover.save(update_fields=["status", "decided_by", "decided_at", "to_swv"])
    forget_pending_handover(handover.case)


@transaction.atomic
def handover_accept(*, handover: CaseHandover, to_swv: Organisation, actor: audit.Actor) -> CaseHandover:
    """The receiving municipality takes the file over, with the partnership that serves it now."""
    locked = _locked_pending(handover)
    if not swv_serves(swv_id=to_swv.pk, gemeente_id=locked.to_gemeente_id):
        raise ValidationError(
            {"to_swv": _("This partnership does not serve your municipality. Choose one that does.")},
            code="swv_not_serving",
        )
    locked.to_swv = to_swv
    _close(locked, HandoverStatus.ACCEPTED, actor)
    case = Case.objects.select_for_update().get(pk=locked.case_id)
    case.gemeente_id, case.swv_id = locked.to_gemeente_id, to_swv.pk
    case.version += 1  # an edit form opened before the move must not overwrite it
    case.save(update_fields=["gemeente", "swv", "version", "updated_at"])
    locked.case = case
    _record(actor, locked, Action.UPDATE, "case.handover.accept")
    return locked


@transaction.atomic
def handover_decline(*, handover: CaseHandover, actor: audit.Actor) -> CaseHandover:
    locked = _locked_pending(handover)
    _close(locked, HandoverStatus.DECLINED, actor)
    _record(actor, locked, Action.UPDATE, "case.handover.decline")
    return locked


@transaction.atomic
def handover_cancel(*, handover: CaseHandover, actor: audit.Actor) -> CaseHandover:
    locked = _locked_pending(handover)
    _close(locked, HandoverStatus.CANCELLED, actor)
    _record(actor, locked, Action.UPDATE, "case.handover.cancel")
    return locked
