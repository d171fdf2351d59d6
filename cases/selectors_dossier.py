"""The dossier: one case with what its page or its printed copy shows, already scoped to the user.

The page (`get_dossier_for_user_or_404(..., complete_sections=False)`) reads the case with the row
count of every list it shows, and reads only the lists that are not empty: the header's lists here,
the sections a page of rows at a time in `section_pages.dossier_sections`. The printed dossier and
`case_dossier` read every list in full.
"""

from django.db.models import (
    Count,
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce
from django.http import HttpRequest

from .constants import HandoverStatus
from .extensions import panel_relations
from .hours import case_hours_annotations
from .models import (
    ActionItem,
    Case,
    CaseHandover,
    Consent,
    Conversation,
    Knelpunt,
    StatusChange,
    TimelineEntry,
)
from .permissions import PENDING_HANDOVER_ID_ANNOTATION, AnyUser
from .row_counts import related_model, row_count, row_count_annotations
from .sections import SECTIONS
from .selectors import case_in_scope, gated_case


def get_dossier_for_user_or_404(
    request: HttpRequest, case_id: int, *, complete_sections: bool = True
) -> Case:
    """`get_case_for_user_or_404` and `case_dossier` in one read: the gate loads every section, or
    without `complete_sections` the header's lists and the row counts of the sections."""
    cases = _dossier_queryset(case_in_scope(request.user, case_id))
    if complete_sections:
        return gated_case(request, case_id, cases.prefetch_related(*_complete_sections(), *_header_lists()))
    case = gated_case(request, case_id, cases.annotate(**row_count_annotations(_counted_relations())))
    page_lists = _header_lists(with_people_named=False)  # the sections read them for every row at once
    prefetch_related_objects([case], *(_nothing_if_empty(case, lookup) for lookup in page_lists))
    return case


def case_dossier(case_id: int, user: AnyUser) -> Case:
    """One case with every section prefetched: a constant number of queries, whatever its size."""
    cases = _dossier_queryset(case_in_scope(user, case_id))
    return cases.prefetch_related(*_complete_sections(), *_header_lists()).get()


def _header_lists(*, with_people_named: bool = True) -> list[Prefetch]:
    """What the page shows of a case beyond its sections, in full (none of them grows long)."""
    consents = Consent.objects.select_related("person")
    return [
        Prefetch("preparation_items"),
        Prefetch(
            "consents", queryset=consents.prefetch_related("shared_with") if with_people_named else consents
        ),
        Prefetch("attachments"),
        Prefetch("knelpunten", queryset=Knelpunt.objects.order_by("-raised_on", "id")),
        Prefetch("status_changes", queryset=StatusChange.objects.select_related("changed_by")),
    ]


def _counted_relations() -> set[str]:
    header = {lookup.prefetch_to for lookup in _header_lists()}
    return header | {section.related_name for section in SECTIONS} | panel_relations()


def _nothing_if_empty(case: Case, lookup: Prefetch) -> Prefetch:
    """`lookup`, or for a list the case has no rows in, an empty one that asks the database nothing."""
    if row_count(case, lookup.prefetch_to) != 0:
        return lookup
    return Prefetch(lookup.prefetch_to, queryset=related_model(lookup.prefetch_to)._default_manager.none())


def _complete_sections() -> list[str | Prefetch]:
    """Every entry of the sections a page may show a part of, in the model's (chronological) order."""
    return [
        Prefetch("timelineentrys", queryset=TimelineEntry.objects.prefetch_related("involved")),
        "involveds",
        Prefetch("conversations", queryset=Conversation.objects.prefetch_related("attendees")),
        "developments",
        "movements",
        Prefetch("actionitems", queryset=ActionItem.objects.select_related("owner")),
        "plans",
        "goals",
        "arrangements",
        "referrals",
        "outcomes",
        "narratives",
    ]


def _dossier_queryset(cases: QuerySet[Case]) -> QuerySet[Case]:
    return cases.select_related(
        "gemeente", "swv", "gemeente__region", "swv__region", "exemption", "absenteeism"
    ).annotate(
        **{
            PENDING_HANDOVER_ID_ANNOTATION: CaseHandover.objects.filter(
                case_id=OuterRef("pk"), status=HandoverStatus.PENDING
            ).values("pk")[:1]
        },
        **case_hours_annotations(),
        held_conversation_count=Coalesce(
            Subquery(
                Conversation.objects.filter(case_id=OuterRef("pk"), is_held=True)
                .order_by()
                .values("case_id")
                .annotate(held=Count("pk"))
                .values("held")
            ),
            0,
        ),
    )
