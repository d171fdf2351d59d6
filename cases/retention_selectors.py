"""Reads for the destruction pages: lists and records show case references and dates, no names.

The functional administrators and privacy officers who approve destruction see every municipality's
lists, as they see the whole audit trail; nobody else reaches these reads (cases.permissions).
"""

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from .models import DestructionApproval, DestructionList, DestructionRecord
from .permissions import AnyUser, can_review_destruction

RECENT_RECORDS = 50


def destruction_lists_for(user: AnyUser) -> QuerySet[DestructionList]:
    if not can_review_destruction(user):
        return DestructionList.objects.none()
    return DestructionList.objects.select_related("gemeente").prefetch_related(
        "items", Prefetch("approvals", DestructionApproval.objects.select_related("approver"))
    )


def destruction_list_for_user_or_404(user: AnyUser, list_id: int) -> DestructionList:
    found = destruction_lists_for(user).filter(pk=list_id).first()
    if found is None:
        raise Http404
    return found


def recent_destruction_records(user: AnyUser) -> QuerySet[DestructionRecord]:
    if not can_review_destruction(user):
        return DestructionRecord.objects.none()
    return DestructionRecord.objects.select_related("gemeente", "deleted_by")[:RECENT_RECORDS]
