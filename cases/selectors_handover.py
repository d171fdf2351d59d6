"""Reads about handovers between municipalities, scoped to the attendance officers on either side."""

from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest

from wio.accounts.constants import OrganisationKind
from wio.accounts.models import Organisation
from wio.audit import services as audit
from wio.audit.constants import Purpose

from .constants import HandoverStatus
from .models import CaseHandover
from .permissions import AnyUser, lpa_gemeente_ids


def _pending() -> QuerySet[CaseHandover]:
    return CaseHandover.objects.filter(status=HandoverStatus.PENDING).select_related(
        "case", "from_gemeente", "to_gemeente"
    )


def incoming_handovers(user: AnyUser) -> QuerySet[CaseHandover]:
    """ "Over te nemen": offers to the officer's municipality, oldest first."""
    return _pending().filter(to_gemeente_id__in=lpa_gemeente_ids(user)).order_by("requested_at", "id")


def outgoing_handovers(user: AnyUser) -> QuerySet[CaseHandover]:
    """Offers the officer's municipality made that the other side has not yet decided."""
    return _pending().filter(from_gemeente_id__in=lpa_gemeente_ids(user)).order_by("requested_at", "id")


def get_handover_for_user_or_404(request: HttpRequest, handover_id: int) -> CaseHandover:
    """A pending handover of which the user is the sending or receiving officer; 404 otherwise."""
    mine = Q(to_gemeente_id__in=lpa_gemeente_ids(request.user)) | Q(
        from_gemeente_id__in=lpa_gemeente_ids(request.user)
    )
    handover = _pending().filter(mine, pk=handover_id).first()
    if handover is None:
        existing = CaseHandover.objects.filter(pk=handover_id).select_related("case").first()
        if existing is not None:
            audit.record_denial(
                request=request,
                event_type="case.handover.out_of_scope",
                purpose=Purpose.CASE_MANAGEMENT,
                obj_type="cases.casehandover",
                obj_id=handover_id,
                youth_ref=existing.case.reference,
            )
        raise Http404
    return handover


def handover_destinations(current_gemeente_id: int) -> QuerySet[Organisation]:
    """Every other municipality: a youth may move anywhere in the country."""
    return (
        Organisation.objects.filter(kind=OrganisationKind.GEMEENTE)
        .exclude(pk=current_gemeente_id)
        .order_by("name")
    )
