"""Reads for "uitwisselen": lessons per region, accountability per region and period, the records a
rode draad can link, and the knelpunt hotspots (DOMAIN.md §6.6, §6.7, §10 C47, C48, C55).

Knelpunten and reflections are read from their models, never changed; their region is the region of
the case they came from (its SWV's, else its gemeente's), as for stories.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date
from statistics import fmean, pstdev

from django.db.models import F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from cases.constants import KnelpuntCategory
from cases.identity_check import known_people_for_texts, regions_filter, texts_pass
from cases.models import Knelpunt
from monitor.models import Accountability, Lesson
from monitor.permissions import AnyUser
from moreelberaad.models import Reflection
from moreelberaad.selectors import rode_draad_reflections_for
from wio.accounts.models import Region

CaseLinks = Knelpunt.cases.through


def get_region_or_404(region_id: int) -> Region:
    region = Region.objects.filter(pk=region_id).first()
    if region is None:
        raise Http404
    return region


# --- lessons ("brengen en halen") -----------------------------------------------------------------


@dataclass(frozen=True)
class LessonView:
    region: str
    title: str
    text: str
    created_on: date


def lesson_list(region_id: int | None = None) -> QuerySet[Lesson]:
    lessons = Lesson.objects.select_related("region").order_by("-created_at", "id")
    return lessons.filter(region_id=region_id) if region_id else lessons


class RegionCheck:
    """The identity check against a region's cases: only the names the texts could mention are read
    (from indexes, `cases.identity_candidates`), so a check costs a few small queries."""

    def passes(self, region_id: int, *texts: str) -> bool:
        return texts_pass(texts, known_people_for_texts(texts, regions_filter([region_id])))


def lessons_for_report(region_ids: list[int] | None) -> list[LessonView]:
    """Approved lessons (four eyes) that still pass the identity check."""
    lessons = (
        Lesson.objects.filter(approved_at__isnull=False)
        .select_related("region")
        .order_by("region__name", "created_at", "id")
    )
    if region_ids is not None:
        lessons = lessons.filter(region_id__in=region_ids)
    check = RegionCheck()
    return [
        LessonView(
            region=lesson.region.name,
            title=lesson.title,
            text=lesson.text,
            created_on=timezone.localdate(lesson.created_at),
        )
        for lesson in lessons
        if check.passes(lesson.region_id, lesson.title, lesson.text)
    ]


# --- accountability (Van Donkelaar's three questions) ---------------------------------------------


@dataclass(frozen=True)
class AccountabilityView:
    region: str
    period_start: date
    period_end: date
    needed: str
    possible_now: str
    needed_for_more: str


def accountability_list(region_id: int | None = None) -> QuerySet[Accountability]:
    rows = Accountability.objects.select_related("region").order_by("-period_end", "region__name")
    return rows.filter(region_id=region_id) if region_id else rows


def accountability_for(region: Region, period_start: date, period_end: date) -> Accountability | None:
    return Accountability.objects.filter(
        region=region, period_start=period_start, period_end=period_end
    ).first()


def accountability_for_report(
    region_ids: list[int] | None, period_start: date, period_end: date
) -> list[AccountabilityView]:
    """Approved answers (four eyes) whose period overlaps the report's period and that still pass the
    identity check."""
    rows = accountability_list().filter(
        period_start__lte=period_end, period_end__gte=period_start, approved_at__isnull=False
    )
    check = RegionCheck()
    if region_ids is not None:
        rows = rows.filter(region_id__in=region_ids)
    return [
        AccountabilityView(
            region=row.region.name,
            period_start=row.period_start,
            period_end=row.period_end,
            needed=row.needed,
            possible_now=row.possible_now,
            needed_for_more=row.needed_for_more,
        )
        for row in rows.order_by("region__name", "period_start")
        if check.passes(row.region_id, row.needed, row.possible_now, row.needed_for_more)
    ]


# --- what a rode draad can link ---------------------------------------------------------------------


def knelpunt_choices() -> QuerySet[Knelpunt]:
    """Knelpunten with the region of their first case; the description stays out (it is free text)."""
    first_region = (
        CaseLinks.objects.filter(knelpunt_id=OuterRef("pk"))
        .order_by("id")
        .values_list(Coalesce("case__swv__region__name", "case__gemeente__region__name"))[:1]
    )
    return (
        Knelpunt.objects.annotate(region_name=Subquery(first_region))
        .only("id", "category", "status", "raised_on")
        .order_by("category", "-raised_on", "id")
    )


def reflection_choices(user: AnyUser) -> QuerySet[Reflection]:
    """The rode-draad reflections this user may read and link (`rode_draad_reflections_for`: released
    for the monitor, or from a beraad they led or minuted), with the ids a link needs. Whoever shows
    them records the read (`monitor.views.stories_themes`)."""
    return (
        rode_draad_reflections_for(user)
        .select_related("beraad__case")
        .annotate(
            region_name=Coalesce(
                F("beraad__case__swv__region__name"), F("beraad__case__gemeente__region__name")
            )
        )
        .order_by("theme", "id")
    )


# --- knelpunt hotspots (C55) ------------------------------------------------------------------------


@dataclass(frozen=True)
class Hotspot:
    """A region with more knelpunten of a category than usual: a reason for a conversation."""

    region_id: int
    region: str
    category: str
    category_label: str


def _knelpunt_counts(category: str | None) -> Counter[tuple[int, str]]:
    """Knelpunten per (region, category); one linked to two cases of a region counts once."""
    links = CaseLinks.objects.filter(
        Q(case__swv__region__isnull=False) | Q(case__gemeente__region__isnull=False)
    )
    if category:
        links = links.filter(knelpunt__category=category)
    region = Coalesce("case__swv__region_id", "case__gemeente__region_id")
    triples = links.values_list(region, "knelpunt__category", "knelpunt_id").distinct()
    return Counter((region_id, cat) for region_id, cat, _knelpunt in triples)


def _active_regions(counted: set[int]) -> dict[int, str]:
    """Regions that have joined by today (and any with knelpunten): the ones compared."""
    joined = Q(phase_joined__starts_on__lte=timezone.localdate()) | Q(pk__in=counted)
    return dict(Region.objects.filter(joined).order_by("name").values_list("pk", "name"))


def knelpunt_hotspots(category: str | None = None) -> list[Hotspot]:
    """Regions whose count of a category exceeds the mean over regions plus one standard deviation.

    Only region names and the flag leave this function: the counts themselves are not published.
    """
    counts = _knelpunt_counts(category)
    regions = _active_regions({region_id for region_id, _cat in counts})
    categories = [category] if category else list(KnelpuntCategory.values)
    hotspots = []
    for cat in categories:
        per_region = [counts[(region_id, cat)] for region_id in regions]
        if len(per_region) < 2:
            continue
        threshold = fmean(per_region) + pstdev(per_region)
        label = str(KnelpuntCategory(cat).label) if cat in KnelpuntCategory.values else cat
        hotspots += [
            Hotspot(region_id, name, cat, label)
            for region_id, name in regions.items()
            if counts[(region_id, cat)] > threshold
        ]
    return hotspots
