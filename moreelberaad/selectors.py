"""Every read of beraad data a user can trigger, scoped to that user."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.models import Case
from cases.permissions import gemeente_ids, swv_ids
from cases.row_counts import row_count
from cases.selectors import case_summary
from wio.accounts.constants import Role
from wio.accounts.models import Organisation, User
from wio.audit import services as audit
from wio.audit.constants import Purpose
from wio.audit.reads import note_shown

from .constants import NON_PROFESSIONAL_CATEGORIES, OPEN_STATUSES, LearningLevel, ParticipantCategory
from .models import Beraad, MeetingPlace, Participant, Reflection
from .permissions import AnyUser, linkable_participations


def beraden_visible_to(user: AnyUser) -> QuerySet[Beraad]:
    """The case's municipality and SWV see its beraden; project staff only those they lead or minute.

    A participation opens a beraad only to a user who may be linked to it (`linkable_participations`):
    a row that links anyone else, however it came about, opens nothing.

    The beraden a user leads or minutes are read first, as a list of ids (empty for most users): as
    a subquery inside the OR they kept PostgreSQL from using the case indexes, and every overview
    scanned all beraden nationally (issue 13).
    """
    if not user.is_authenticated:
        return Beraad.objects.none()
    scope = Q(case__gemeente_id__in=gemeente_ids(user)) | Q(case__swv_id__in=swv_ids(user))
    led = linkable_participations(user.pk).filter(Q(is_gespreksleider=True) | Q(is_notulist=True))
    led_ids = list(led.values_list("beraad_id", flat=True))
    if led_ids:
        scope |= Q(pk__in=led_ids)
    return Beraad.objects.filter(scope)


def get_beraad_for_user_or_404(request: HttpRequest, beraad_id: int) -> Beraad:
    beraad = (
        beraden_visible_to(request.user)
        .select_related("case", "case__gemeente", "case__swv", "meeting_place")
        .prefetch_related("participants")
        .filter(pk=beraad_id)
        .first()
    )
    if beraad is None:
        existing = Beraad.objects.filter(pk=beraad_id).values_list("case__reference", flat=True).first()
        if existing is not None:
            audit.record_denial(
                request=request,
                event_type="beraad.out_of_scope",
                purpose=Purpose.MOREEL_BERAAD,
                obj_type="moreelberaad.beraad",
                obj_id=beraad_id,
                youth_ref=existing,
            )
        raise Http404
    note_shown(request, beraad, purpose=Purpose.MOREEL_BERAAD)
    return beraad


def _upcoming_scope(now: datetime) -> Q:
    return Q(starts_at__gte=now - timedelta(hours=3), status__in=OPEN_STATUSES)


def overview_beraden(user: AnyUser) -> tuple[QuerySet[Beraad], QuerySet[Beraad]]:
    """(upcoming, past) in the user's scope, the scope read once for both. Upcoming: open beraden
    from three hours ago on, the first coming up first; past: held, cancelled and earlier ones,
    the newest first."""
    visible = _overview_rows(beraden_visible_to(user))
    scope = _upcoming_scope(timezone.now())
    return (
        visible.filter(scope).order_by("starts_at", "id"),
        visible.exclude(scope).order_by("-starts_at", "-id"),
    )


def _overview_rows(beraden: QuerySet[Beraad]) -> QuerySet[Beraad]:
    """What a row of the overview shows: the case's reference and partnership, in the same query."""
    return beraden.select_related("case", "case__swv")


def case_panel_context(case: Case, user: AnyUser) -> dict[str, Any]:
    """The beraden of one case, for its dossier page."""
    from .permissions import can_plan_beraad, sees_every_beraad_of

    beraden: list[Beraad] = []
    if row_count(case, "beraden") != 0:  # counted with the dossier's case: none means nothing to read
        visible = Beraad.objects.all() if sees_every_beraad_of(user, case) else beraden_visible_to(user)
        beraden = list(visible.filter(case=case).order_by("sequence_number"))
    return {"beraden": beraden, "can_plan": can_plan_beraad(user, case)}


# --- meeting places ------------------------------------------------------------------------------


def meeting_places_of(user: AnyUser) -> QuerySet[MeetingPlace]:
    """The meeting places of the partnerships the user coordinates, in use first."""
    return MeetingPlace.objects.filter(swv_id__in=swv_ids(user)).select_related("swv")


def get_meeting_place_for_user_or_404(user: AnyUser, place_id: int) -> MeetingPlace:
    place = meeting_places_of(user).filter(pk=place_id).first()
    if place is None:
        raise Http404
    return place


def partnerships_of(user: AnyUser) -> QuerySet[Organisation]:
    return Organisation.objects.filter(pk__in=swv_ids(user)).order_by("name")


def meeting_place_choices(swv_id: int, current_id: int | None = None) -> QuerySet[MeetingPlace]:
    """What the beraad form offers: the partnership's places in use, and the one chosen before."""
    return (
        MeetingPlace.objects.filter(swv_id=swv_id)
        .filter(Q(is_active=True) | Q(pk=current_id or 0))
        .order_by("name", "pk")
    )


def reply_coordinator(beraad: Beraad) -> User | None:
    """Whom the participants answer to: the coordinator who planned the beraad while they still
    coordinate its partnership, else the partnership's longest-serving active coordinator."""
    coordinators = (
        User.objects.people()
        .filter(
            memberships__role=Role.SWV_COORDINATOR,
            memberships__organisation_id=beraad.case.swv_id,
        )
        .exclude(email="")
    )
    planner = coordinators.filter(pk=beraad.created_by_id).first() if beraad.created_by_id else None
    return planner or coordinators.order_by("memberships__created_at", "pk").first()


# --- readiness and composition -------------------------------------------------------------------


def invitation_blockers(beraad: Beraad, participants: list[Participant]) -> list[str]:
    """What stops the invitations from going out (issue #4: approval, one leader, a notulist)."""
    blockers = []
    if beraad.parents_approved_on is None:
        blockers.append(_("The parents have not yet approved the list of participants."))
    leaders = sum(p.is_gespreksleider for p in participants)
    if leaders != 1:
        blockers.append(_("A beraad has exactly one gespreksleider (now %(count)d).") % {"count": leaders})
    if not any(p.is_notulist for p in participants):
        blockers.append(_("Appoint at least one notulist."))
    if not preparation_ready(beraad) and not beraad.preparation_waiver:
        blockers.append(
            _("The preparation checklist is not ready; complete it or record why the beraad goes ahead.")
        )
    if not any(p.email for p in participants):
        blockers.append(_("No participant has an e-mail address to invite."))
    return blockers


def preparation_ready(beraad: Beraad) -> bool:
    case = Case.objects.prefetch_related("preparation_items", "consents", "conversations").get(
        pk=beraad.case_id
    )
    return case_summary(case).ready_for_beraad


def composition_warnings(participants: list[Participant]) -> list[str]:
    """Non-blocking advice on the table (DOMAIN.md §10 B31)."""
    warnings = []
    categories = {p.category for p in participants}
    if ParticipantCategory.LPA not in categories:
        warnings.append(_("Nobody from leerplicht takes part."))
    if not any(p.has_mandate for p in participants):
        warnings.append(_("Nobody at the table has a mandate in their organisation."))
    if participants and categories <= set(ParticipantCategory.values) - NON_PROFESSIONAL_CATEGORIES:
        warnings.append(_("Only professionals take part: no parent, youth or relevant other."))
    professional = categories - NON_PROFESSIONAL_CATEGORIES
    if len(professional) <= 1:
        warnings.append(_("The table is monodisciplinary."))
    if not any(p.spoke_with_youth for p in participants):
        warnings.append(_("Nobody at the table has spoken with the youth."))
    return warnings


# --- learning ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RodeDraad:
    theme: str
    text: str
    region: str


def rode_draad_reflections_for(user: AnyUser) -> QuerySet[Reflection]:
    """The rode draden a monitor user may read (ADR 0016): those released for the monitor (checked
    and released by a second person), and the full text of those from beraden the user led or
    minuted. The caller records every read."""
    if not user.is_authenticated:
        return Reflection.objects.none()
    led = linkable_participations(user.pk).filter(Q(is_gespreksleider=True) | Q(is_notulist=True))
    return Reflection.objects.filter(level=LearningLevel.RODE_DRAAD).filter(
        Q(released_at__isnull=False) | Q(beraad_id__in=led.values("beraad_id"))
    )


def rode_draad_reflections() -> list[RodeDraad]:
    """Released rode-draad reflections for the monitor: theme, text and region only, no case data."""
    reflections = Reflection.objects.filter(
        level=LearningLevel.RODE_DRAAD, released_at__isnull=False
    ).select_related("beraad__case__swv__region")
    return [
        RodeDraad(
            theme=r.theme,
            text=r.text,
            region=r.beraad.case.swv.region.name if r.beraad.case.swv.region else "",
        )
        for r in reflections
    ]


def beraad_with_everything(beraad_id: int) -> Beraad:
    """One beraad with all it shows, prefetched (the caller has checked access)."""
    return (
        Beraad.objects.select_related("case", "case__gemeente", "case__swv", "meeting_place")
        .prefetch_related(
            Prefetch("participants", queryset=Participant.objects.select_related("user", "involved")),
            "steps",
            "perspectives__participant",
            "commitments",
            "reflections",
            "follow_up_actions",
        )
        .get(pk=beraad_id)
    )
