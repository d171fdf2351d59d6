"""Every read of case data a user can trigger, already scoped to that user (AC-1, AC-2, AC-9)."""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import (
    Count,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
)
from django.db.models.functions import Lower
from django.http import Http404, HttpRequest
from django.utils import timezone

from wio.accounts.constants import OrganisationKind
from wio.accounts.models import Organisation
from wio.audit import services as audit
from wio.audit.constants import Purpose
from wio.audit.reads import note_shown
from wio.date_bounds import shift

from .constants import (
    ACTIVE_STATUSES,
    MILESTONE_OFFSETS,
    MILESTONE_WARNING_DAYS,
    PREPARATION_READY_STATUSES,
    PROJECT_CASES_PER_SWV,
    Category,
    ConsentGiver,
    ConsentScope,
    HandoverStatus,
    Milestone,
    MilestoneState,
)
from .list_columns import last_activity, milestone_open, next_milestone, next_milestone_due
from .models import (
    Case,
    CaseHandover,
    Consent,
    Involved,
)
from .permissions import (
    AnyUser,
    gemeente_ids,
    lpa_gemeente_ids,
    swv_ids,
)
from .selectors_consent import consent_in_force_among, story_consent_in_force


def cases_visible_to(user: AnyUser) -> QuerySet[Case]:
    """The cases of the user's municipalities (officers) and partnerships (coordinators), and the
    cases another municipality offers this attendance officer's municipality (read-only, ADR 0015).

    The offers are read first, as a list of ids (nearly always empty): as a subquery inside the OR
    they kept PostgreSQL from combining the gemeente and SWV indexes, and every list, count and
    filter choice scanned all cases nationally (issue 13).
    """
    scope = Q(gemeente_id__in=gemeente_ids(user)) | Q(swv_id__in=swv_ids(user))
    offered = _offered_case_ids(user)
    if offered:
        scope |= Q(pk__in=offered)
    return Case.objects.filter(scope)


def _offered_case_ids(user: AnyUser) -> list[int]:
    """The cases another municipality offers to the user's municipalities as attendance officer."""
    receiving = lpa_gemeente_ids(user)
    if not receiving:
        return []
    pending = CaseHandover.objects.filter(status=HandoverStatus.PENDING, to_gemeente_id__in=receiving)
    return list(pending.values_list("case_id", flat=True))


def case_in_scope(user: AnyUser, case_id: int) -> QuerySet[Case]:
    """The one case, if it is in `cases_visible_to(user)`. For a single row the offer to the user's
    municipality is checked inside the query: one query instead of reading the offers first."""
    scope = Q(gemeente_id__in=gemeente_ids(user)) | Q(swv_id__in=swv_ids(user))
    receiving = lpa_gemeente_ids(user)
    if receiving:
        offers = CaseHandover.objects.filter(
            case_id=OuterRef("pk"), status=HandoverStatus.PENDING, to_gemeente_id__in=receiving
        )
        scope |= Q(Exists(offers))
    return Case.objects.filter(scope, pk=case_id)


def get_case_for_user_or_404(request: HttpRequest, case_id: int) -> Case:
    """The case, or 404 — the same answer for "not yours" as for "does not exist" (AC-1).

    A refusal of an existing case is recorded as a denied read.
    """
    cases = case_in_scope(request.user, case_id).select_related(
        "gemeente", "swv", "swv__region", "gemeente__region"
    )
    return gated_case(request, case_id, cases)


def gated_case(request: HttpRequest, case_id: int, cases: QuerySet[Case]) -> Case:
    """The case from the scoped `cases`, noted as shown; or 404, recorded as a denial if it exists."""
    case = cases.filter(pk=case_id).first()
    if case is None:
        existing = Case.objects.filter(pk=case_id).values_list("reference", flat=True).first()
        if existing is not None:
            audit.record_denial(
                request=request,
                event_type="case.out_of_scope",
                purpose=Purpose.CASE_MANAGEMENT,
                obj_type="cases.case",
                obj_id=case_id,
                youth_ref=existing,
            )
        raise Http404
    note_shown(request, case, purpose=Purpose.CASE_MANAGEMENT)
    return case


# --- the case list -------------------------------------------------------------------------------


class EscalationFilter:
    OVERDUE = "overdue"
    DUE_SOON = "due_soon"
    ON_TRACK = "on_track"
    DONE = "done"


def _any_open_milestone_due_by(day: date) -> Q:
    """Some milestone is not done and its due date is on or before `day`."""
    condition = Q(pk__in=[])
    for milestone, offset in MILESTONE_OFFSETS.items():
        condition |= milestone_open(milestone) & Q(escalation_start_on__lte=day - offset)
    return condition


def escalation_q(state: str, today: date) -> Q:
    """Cases in an escalation state; the clock only runs for active cases, so closed ones are never late."""
    all_done = ~milestone_open(Milestone.PASSEND_AANBOD)
    running = ~all_done & Q(status__in=ACTIVE_STATUSES)
    overdue = _any_open_milestone_due_by(today - timedelta(days=1))
    due_soon = _any_open_milestone_due_by(today + timedelta(days=MILESTONE_WARNING_DAYS))
    conditions: dict[str, Q] = {
        EscalationFilter.DONE: all_done,
        EscalationFilter.OVERDUE: running & overdue,
        EscalationFilter.DUE_SOON: running & ~overdue & due_soon,
        EscalationFilter.ON_TRACK: running & ~due_soon,
    }
    return conditions[state]


@dataclass(frozen=True)
class CaseFilter:
    query: str = ""
    category: str = ""
    status: str = ""
    swv_id: int | None = None
    gemeente_id: int | None = None
    escalation: str = ""
    project_case: bool | None = None
    ordering: str = "-registered_on"


ORDERINGS: dict[str, tuple[Any, ...]] = {
    "-registered_on": ("-registered_on", "reference"),
    "registered_on": ("registered_on", "reference"),
    "name": (Lower("last_name"), Lower("first_name"), "reference"),
    "status": ("status", "reference"),
    "escalation": ("escalation_start_on", "reference"),
    "next_milestone": (F("next_due").asc(nulls_last=True), "reference"),
    "-last_activity": ("-last_activity", "reference"),
}


def _search_q(query: str) -> Q:
    """A case reference, or every word of the query in the first or last name ("Anouk Bakker")."""
    term = query.strip()
    words = Q()
    for word in term.split():
        words &= Q(first_name__icontains=word) | Q(last_name__icontains=word)
    return Q(reference__iexact=term) | words


def case_list(user: AnyUser, filters: CaseFilter, today: date) -> QuerySet[Case]:
    cases = (
        cases_visible_to(user)
        .select_related("gemeente", "swv")
        .annotate(
            next_milestone=next_milestone(), next_due=next_milestone_due(), last_activity=last_activity()
        )
    )
    if filters.query:
        cases = cases.filter(_search_q(filters.query))
    if filters.category:
        cases = cases.filter(category=filters.category)
    if filters.status:
        cases = cases.filter(status=filters.status)
    if filters.swv_id:
        cases = cases.filter(swv_id=filters.swv_id)
    if filters.gemeente_id:
        cases = cases.filter(gemeente_id=filters.gemeente_id)
    if filters.escalation:
        cases = cases.filter(escalation_q(filters.escalation, today))
    if filters.project_case is not None:
        cases = cases.filter(is_project_case=filters.project_case)
    return cases.order_by(*ORDERINGS.get(filters.ordering, ORDERINGS["-registered_on"]))


def filter_choices_for(user: AnyUser) -> tuple[list[Organisation], list[Organisation]]:
    """The SWVs and gemeenten that occur in the user's cases, for the list filters: the pairs come
    from the (gemeente, swv) index in one pass, the organisations in one more query."""
    pairs = set(cases_visible_to(user).order_by().values_list("swv_id", "gemeente_id").distinct())
    swv_ids, gemeente_ids = {swv for swv, _g in pairs}, {gemeente for _s, gemeente in pairs}
    organisations = Organisation.objects.filter(pk__in=swv_ids | gemeente_ids).order_by("name", "pk")
    swvs = [org for org in organisations if org.pk in swv_ids and org.kind == OrganisationKind.SWV]
    gemeenten = [
        org for org in organisations if org.pk in gemeente_ids and org.kind == OrganisationKind.GEMEENTE
    ]
    return swvs, gemeenten


@dataclass(frozen=True)
class ProjectCaseCount:
    swv: Organisation
    active: int

    @property
    def over_quota(self) -> bool:
        return self.active > PROJECT_CASES_PER_SWV

    @property
    def quota(self) -> int:
        return PROJECT_CASES_PER_SWV


def project_case_counts(user: AnyUser, swvs: list[Organisation] | None = None) -> list[ProjectCaseCount]:
    """Per SWV in the user's scope: all its active project cases against the 5 per SWV (A3).

    The count spans every municipality of the SWV: a number, not case data; the quota is the SWV's.
    `swvs`: the SWVs of the user's cases when the caller has read them already (the case list).
    """
    in_scope = filter_choices_for(user)[0] if swvs is None else swvs
    rows = (
        Case.objects.filter(swv__in=in_scope, is_project_case=True, status__in=ACTIVE_STATUSES)
        .values("swv_id")
        .annotate(active=Count("id"))
    )
    counts = {row["swv_id"]: row["active"] for row in rows}
    return [ProjectCaseCount(swv=swv, active=counts[swv.pk]) for swv in in_scope if swv.pk in counts]


def active_project_cases_in_swv(swv_id: int, *, excluding: int | None = None) -> int:
    """For the sixth-case warning; counts across every municipality of the SWV."""
    cases = Case.objects.filter(swv_id=swv_id, is_project_case=True, status__in=ACTIVE_STATUSES)
    if excluding is not None:
        cases = cases.exclude(pk=excluding)
    return cases.count()


# --- the escalation clock -------------------------------------------------------------------------


@dataclass(frozen=True)
class MilestoneView:
    milestone: str
    label: str
    due_on: date
    done_on: date | None
    state: str  # in words through templates/cases/includes/milestone_state.html, on screen and on paper


# What `escalation_clock` reads of a case: a list of many cases can load only these.
ESCALATION_CLOCK_FIELDS = (
    "escalation_start_on",
    "casusregie_on",
    "doorbraakteam_checked_on",
    "offer_agreed_on",
    "offer_description",
    "offer_durable",
    "offer_agreed_by_parents",
    "offer_agreed_by_youth",
    "offer_agreed_by_professionals",
)


def _done_on(case: Case, milestone: str) -> date | None:
    if milestone == Milestone.CASUSREGIE:
        return case.casusregie_on
    if milestone == Milestone.DOORBRAAKTEAM:
        return case.doorbraakteam_checked_on
    return case.offer_agreed_on if case.offer_is_passend else None


def escalation_clock(case: Case, today: date) -> list[MilestoneView]:
    """+4 weeks casusregie, +8 weeks doorbraakteam check, +12 weeks passend aanbod (A18)."""
    views = []
    for milestone, offset in MILESTONE_OFFSETS.items():
        due_on = shift(case.escalation_start_on, offset)
        done_on = _done_on(case, milestone)
        if done_on is not None:
            state = MilestoneState.DONE
        elif today > due_on:
            state = MilestoneState.OVERDUE
        else:
            state = MilestoneState.DUE
        views.append(MilestoneView(milestone, str(Milestone(milestone).label), due_on, done_on, state))
    return views


# --- consent, for the apps that share case data -------------------------------------------------


def active_consents(case: Case, scope: str) -> QuerySet[Consent]:
    """Consents of `scope` that are given and not withdrawn; withdrawal takes effect at once.

    A youth of 16 or older decides for themselves (UAVG art. 5): once they withdrew their own consent
    of this scope, a parent's consent no longer counts, until the youth gives it again.
    """
    consents = Consent.objects.filter(case=case, scope=scope)
    youth_withdrew = consents.filter(given_by=ConsentGiver.JEUGDIGE, withdrawn_on__isnull=False).exists()
    youth_gives = consents.filter(given_by=ConsentGiver.JEUGDIGE, withdrawn_on__isnull=True).exists()
    if youth_withdrew and not youth_gives:
        return Consent.objects.none()
    return consents.filter(withdrawn_on__isnull=True)


def consents_in_force(consents: list[Consent], scope: str) -> list[Consent]:
    """`active_consents` for consents already in memory (the dossier header prefetches them)."""
    of_scope = [c for c in consents if c.scope == scope]
    youth = [c for c in of_scope if c.given_by == ConsentGiver.JEUGDIGE]
    if youth and all(c.withdrawn_on is not None for c in youth):
        return []
    return [c for c in of_scope if c.withdrawn_on is None]


def people_case_may_be_shared_with(case: Case) -> QuerySet[Involved]:
    """The betrokkenen named in an active "share with beraad participants" consent."""
    consents = active_consents(case, ConsentScope.SHARE_WITH_BERAAD)
    return Involved.objects.filter(consents_received__in=consents).distinct()


def may_share_with(case: Case, person: Involved) -> bool:
    return people_case_may_be_shared_with(case).filter(pk=person.pk).exists()


def story_consent_given(case: Case) -> bool:
    """Whether an anonymised story of this case may be used in the monitor: given, and withdrawn by
    nobody, the youth included (`selectors_consent`, ADR 0016)."""
    consents_read = getattr(case, "_prefetched_objects_cache", {}).get("consents")
    if consents_read is not None:  # the dossier has read every consent of the case
        return consent_in_force_among(consents_read, ConsentScope.ANONYMISED_STORY)
    return story_consent_in_force(case)


# --- the dossier header ---------------------------------------------------------------------------


@dataclass(frozen=True)
class CaseSummary:
    ready_for_beraad: bool
    preparation_done: int
    preparation_total: int
    share_consents: int
    story_consent: bool
    conversations_held: int
    conversations_planned: int
    education_not_involved: bool


def _held_conversations(case: Case) -> int:
    """Read with the dossier (the page holds only the newest conversations), else counted here."""
    counted: int | None = getattr(case, "held_conversation_count", None)
    if counted is not None:
        return counted
    return sum(c.is_held for c in case.conversations.all())


def case_summary(case: Case) -> CaseSummary:
    """Header facts of a dossier, computed from the prefetched sections (no extra queries)."""
    items = list(case.preparation_items.all())
    ready = [item for item in items if item.status in PREPARATION_READY_STATUSES]
    consents = list(case.consents.all())
    active_consents_ = [c for scope in ConsentScope.values for c in consents_in_force(consents, scope)]
    exemption = getattr(case, "exemption", None) if case.category == Category.VRIJSTELLING_5A else None
    return CaseSummary(
        ready_for_beraad=bool(items) and len(ready) == len(items),
        preparation_done=len(ready),
        preparation_total=len(items),
        share_consents=sum(c.scope == ConsentScope.SHARE_WITH_BERAAD for c in active_consents_),
        story_consent=any(c.scope == ConsentScope.ANONYMISED_STORY for c in active_consents_),
        conversations_held=_held_conversations(case),
        conversations_planned=case.planned_conversations,
        education_not_involved=exemption is not None and exemption.education_involved is False,
    )


def start_panel_context(user: AnyUser) -> dict[str, int]:
    """The counts on a case worker's start page."""
    active = cases_visible_to(user).filter(status__in=ACTIVE_STATUSES)
    return {
        "active": active.count(),
        "overdue": active.filter(escalation_q(EscalationFilter.OVERDUE, timezone.localdate())).count(),
    }
