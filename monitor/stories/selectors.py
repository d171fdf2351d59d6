"""Reads of stories ("vertellen") and rode draden, for the monitor pages and the report.

A story is shown, listed or reported only while the family's story consent is active: every read
re-checks it, so a withdrawal takes effect at once (the nightly `stories_withdraw_unconsented` only
tidies the status). Nothing here hands case data to a page: the views get the anonymised text, the
region and the perspective, never a name, date of birth or case reference.

Lessons, accountability and knelpunt hotspots live in `monitor.stories.learning` and are re-exported here,
so the report helper finds every "vertellen" selector in one place.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, F, Q, QuerySet
from django.http import Http404, HttpRequest

from cases.constants import ConsentScope
from cases.identity_check import (
    KnownPeople,
    identity_findings,
    known_people,
    known_people_for_texts,
    known_people_per_case,
    texts_pass,
)
from cases.models import Case
from cases.row_counts import row_count
from cases.selectors import cases_visible_to, story_consent_given
from cases.selectors_consent import consent_in_force_q
from monitor.constants import StoryStatus
from monitor.models import Story, Theme
from monitor.permissions import AnyUser
from monitor.stories.learning import (
    AccountabilityView,
    Hotspot,
    LessonView,
    accountability_for_report,
    knelpunt_hotspots,
    lessons_for_report,
)
from monitor.stories.permissions import can_edit_as_author, can_write_story_for
from wio.audit.constants import Purpose
from wio.audit.reads import note_shown

__all__ = [
    "AccountabilityView",
    "Hotspot",
    "LessonView",
    "StoryView",
    "ThemeView",
    "accountability_for_report",
    "approved_stories_for_report",
    "knelpunt_hotspots",
    "lessons_for_report",
    "themes_for_report",
]

# --- consent, re-checked at every read ------------------------------------------------------------


def story_consent_active() -> Q:
    """`cases.selectors.story_consent_given` for a whole queryset at once (one query for a list):
    given, and withdrawn by nobody — the youth's own withdrawal counts too."""
    return consent_in_force_q(ConsentScope.ANONYMISED_STORY, case_field="case_id")


def usable_stories() -> QuerySet[Story]:
    """Stories whose consent still holds. The case reference rides along for the audit trail only."""
    return Story.objects.filter(story_consent_active()).annotate(audit_youth_ref=F("case__reference"))


def region_of_case(case: Case) -> Any:
    """The case's region: its SWV's (where the project quota lives), else its gemeente's."""
    return case.swv.region or case.gemeente.region


# --- the identity check (cases.identity_check, ADR 0016) ----------------------------------------------


def story_findings(story: Story) -> list[str]:
    """The identity check of one story (title and text) against its own case and its people."""
    return identity_findings(f"{story.title}\n{story.text}", known_people([story.case_id]))


# --- the monitor pages -----------------------------------------------------------------------------


@dataclass(frozen=True)
class StoryFilter:
    status: str = ""
    region_id: int | None = None
    theme_id: int | None = None


def story_list(filters: StoryFilter) -> QuerySet[Story]:
    """Stories for project staff; withdrawn ones only when asked for."""
    stories = usable_stories().select_related("region").prefetch_related("themes")
    if filters.status:
        stories = stories.filter(status=filters.status)
    else:
        stories = stories.exclude(status=StoryStatus.WITHDRAWN)
    if filters.region_id:
        stories = stories.filter(region_id=filters.region_id)
    if filters.theme_id:
        stories = stories.filter(themes=filters.theme_id)
    return stories.order_by("-created_at", "id")


def get_story_or_404(request: HttpRequest, story_id: int) -> Story:
    """One story for project staff; a story without consent is as absent as a missing one."""
    story = usable_stories().select_related("region").prefetch_related("themes").filter(pk=story_id).first()
    if story is None:
        raise Http404
    note_shown(request, story, purpose=Purpose.MONITORING)
    return story


def get_story_for_author_or_404(request: HttpRequest, story_id: int) -> Story:
    """A case worker's own story, while they still work on its case and it is not yet approved."""
    story = (
        usable_stories()
        .filter(case__in=cases_visible_to(request.user))
        .select_related("region")
        .prefetch_related("themes")
        .filter(pk=story_id)
        .first()
    )
    if story is None or not can_edit_as_author(request.user, story):
        raise Http404
    note_shown(request, story, purpose=Purpose.CASE_MANAGEMENT)
    return story


def case_panel_context(case: Case, user: AnyUser) -> dict[str, Any]:
    """The stories panel on a case page: may a story be written, and the case's own stories."""
    consent = story_consent_given(case)
    counted = row_count(case, "stories")  # read with the dossier's case
    stories = [] if counted == 0 else list(Story.objects.filter(case=case).order_by("-created_at", "id"))
    return {
        "consent": consent,
        "may_write": consent and can_write_story_for(user, case),
        "stories": [(story, can_edit_as_author(user, story)) for story in stories],
    }


def approved_story_count() -> Any:
    """For counting a theme's stories: approved and still consented."""
    approved = usable_stories().filter(status=StoryStatus.APPROVED).values("pk")
    return Count("stories", filter=Q(stories__in=approved), distinct=True)


def theme_list() -> QuerySet[Theme]:
    return Theme.objects.annotate(
        story_count=approved_story_count(),
        knelpunt_count=Count("knelpunten", distinct=True),
        reflection_count=Count("reflections", distinct=True),
    ).order_by("name")


def get_theme_or_404(theme_id: int) -> Theme:
    theme = Theme.objects.filter(pk=theme_id).first()
    if theme is None:
        raise Http404
    return theme


# --- for the report ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class StoryView:
    """A story as a report shows it: no case, no author, no dates that could point at a child."""

    perspective: str
    title: str
    text: str
    positive_experience: bool
    theme_names: tuple[str, ...]
    region: str


@dataclass(frozen=True)
class ThemeView:
    """A rode draad with how many records it links (records, not persons)."""

    name: str
    description: str
    stories: int
    knelpunten: int
    reflections: int

    @property
    def links(self) -> int:
        return self.stories + self.knelpunten + self.reflections


def approved_stories_for_report(
    region_ids: list[int] | None, period_start: date, period_end: date
) -> list[StoryView]:
    """Approved stories of the period (by approval date) whose consent still holds.

    The identity check runs again here: a name that slipped in never reaches a report.
    """
    stories = (
        usable_stories()
        .filter(
            status=StoryStatus.APPROVED,
            approved_at__date__gte=period_start,
            approved_at__date__lte=period_end,
        )
        .select_related("region")
        .prefetch_related("themes")
        .order_by("region__name", "approved_at", "id")
    )
    if region_ids is not None:
        stories = stories.filter(region_id__in=region_ids)
    people = known_people_per_case({story.case_id for story in stories})
    return [
        StoryView(
            perspective=str(story.get_perspective_display()),
            title=story.title,
            text=story.text,
            positive_experience=story.positive_experience,
            theme_names=tuple(theme.name for theme in story.themes.all()),
            region=story.region.name,
        )
        for story in stories
        if not identity_findings(f"{story.title}\n{story.text}", people.get(story.case_id, KnownPeople()))
    ]


def themes_for_report() -> list[ThemeView]:
    """Every approved rode draad (four eyes) that passes the identity check, the most linked first
    (the dashboard takes the top few)."""
    rows = (
        Theme.objects.filter(approved_at__isnull=False)
        .annotate(
            story_count=approved_story_count(),
            knelpunt_count=Count("knelpunten", distinct=True),
            reflection_count=Count("reflections", distinct=True),
        )
        .order_by("name")
        .values("name", "description", "story_count", "knelpunt_count", "reflection_count")
    )
    every_case = known_people_for_texts(
        [row[field] for row in rows for field in ("name", "description")], None
    )
    views = [
        ThemeView(
            name=row["name"],
            description=row["description"],
            stories=row["story_count"],
            knelpunten=row["knelpunt_count"],
            reflections=row["reflection_count"],
        )
        for row in rows
        if texts_pass([row["name"], row["description"]], every_case)
    ]
    return sorted(views, key=lambda view: (-view.links, view.name))


def story_choices() -> QuerySet[Story]:
    """The stories a rode draad can link: every usable story that is not withdrawn."""
    return (
        usable_stories()
        .exclude(status=StoryStatus.WITHDRAWN)
        .select_related("region")
        .order_by("region__name", "title", "id")
    )
