"""Demo content for the monitor, after cases and beraden: rode draden, approved stories from cases
whose family consented to story use, lessons and accountability for the pilot regions.

Stories are written anonymised (no names, no dates); like the other seeds this is not a user action,
so it writes no audit events. Their approvals are dated in the months before the latest reporting
date, inside the period the report form offers by default (this year up to today), so the demo's
national report and the dashboard both tell them.
"""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from cases.constants import ConsentScope
from cases.models import Case, Knelpunt
from monitor.constants import StoryPerspective, StoryStatus
from monitor.models import Accountability, Lesson, Story, Theme
from monitor.publications.reporting_dates import latest_reporting_date, reporting_dates
from monitor.services.publications import publication_for
from moreelberaad.models import Reflection
from wio.accounts.models import Region, User

STAFF_EMAIL = "projectmedewerker@wio.example"
COORDINATOR_EMAIL = "coordinator@wio.example"
STORIES_PER_PERSPECTIVE = 4
APPROVAL_WINDOW = timedelta(days=90)  # approvals spread over about the last three months
THEMES = (
    (
        "Erkenning van ontwikkeling buiten school",
        "Ontwikkeling op een zorgboerderij of thuis telt pas mee als iemand het benoemt.",
    ),
    ("Financiering onderwijs-zorg", "Wie betaalt is onduidelijk zodra onderwijs en zorg samen moeten komen."),
    ("Ouders in de lead", "Als ouders de tafel kiezen, wordt het gesprek korter en concreter."),
)
STORY_TEXTS = {
    StoryPerspective.JEUGDIGE: (
        "Ik mocht zelf zeggen wat ik wil leren. Nu ga ik twee ochtenden naar de boerderij en één naar school."
    ),
    StoryPerspective.OUDER: (
        "Voor het eerst zaten we aan tafel met mensen die naar ons kind keken in plaats van naar de regels."
    ),
    StoryPerspective.PROFESSIONAL: (
        "Door het beraad zagen we dat de ontwikkeling er al was; we hoefden die alleen te erkennen."
    ),
}


def _themes(author: User, reviewer: User) -> list[Theme]:
    """Every thread but the last approved by a second reader (ADR 0016); the last awaits one."""
    now = timezone.now()
    themes = [
        Theme.objects.create(
            name=name,
            description=text,
            author=author,
            approved_by=reviewer if index < len(THEMES) - 1 else None,
            approved_at=now if index < len(THEMES) - 1 else None,
        )
        for index, (name, text) in enumerate(THEMES)
    ]
    themes[1].knelpunten.set(Knelpunt.objects.filter(category="financiering")[:10])
    themes[0].reflections.set(Reflection.objects.filter(level="rode_draad")[:10])
    return themes


def approval_moments(count: int, today: date | None = None) -> list[datetime]:
    """`count` approval moments, oldest first, spread over the months up to the latest reporting date
    and never before 1 January of this year (where the report form's default period starts)."""
    today = today or timezone.localdate()
    year_start = today.replace(month=1, day=1)
    latest = latest_reporting_date(today)
    if latest is None or latest < year_start:  # January: only this year's days are in the period
        first = last = today
    else:
        first, last = max(year_start, latest - APPROVAL_WINDOW), latest
    step = (last - first) / max(count - 1, 1)
    days = [first + step * index for index in range(count)]
    return [timezone.make_aware(datetime.combine(day, time(12))) for day in days]


def _stories(themes: list[Theme], author: User, reviewer: User) -> int:
    consented = (
        Case.objects.filter(
            consents__scope=ConsentScope.ANONYMISED_STORY, consents__withdrawn_on__isnull=True
        )
        .select_related("swv__region")
        .distinct()
        .order_by("pk")
    )
    placed = [
        (case, case.swv.region)
        for case in consented[: STORIES_PER_PERSPECTIVE * len(STORY_TEXTS)]
        if case.swv.region is not None
    ]
    moments = approval_moments(len(placed))
    created = 0
    for index, (case, region) in enumerate(placed):
        perspective = list(STORY_TEXTS)[index % len(STORY_TEXTS)]
        story = Story.objects.create(
            region=region,
            case=case,
            perspective=perspective,
            title=f"{StoryPerspective(perspective).label}: wat werkt",
            text=STORY_TEXTS[perspective],
            status=StoryStatus.APPROVED,
            author=author,
            reviewer=reviewer,
            reviewed_at=moments[index],
            approved_at=moments[index],
        )
        story.themes.set([themes[index % len(themes)]])
        created += 1
    return created


def _pilot_learning(author: User, reviewer: User) -> None:
    """Lessons and answers of the pilot regions, approved by a second reader except the last region's."""
    regions = list(Region.objects.filter(is_pilot=True).order_by("name"))
    for index, region in enumerate(regions):
        last = index == len(regions) - 1
        approval = {} if last else {"approved_by": reviewer, "approved_at": timezone.now()}
        Lesson.objects.create(
            region=region,
            title="Begin bij wat er al is",
            text=("Vraag eerst wat de jeugdige al doet en leert; dan volgt het gesprek over school vanzelf."),
            author=author,
            **approval,
        )
        Accountability.objects.create(
            region=region,
            period_start=date(2021, 7, 1),
            period_end=date(2022, 7, 31),
            needed="Een plek om te leren die past bij het tempo van de jeugdige.",
            possible_now="Maatwerk met de zorgboerderij en een school die dagdelen aanbiedt.",
            needed_for_more="Financiering die onderwijs en zorg samen laat betalen.",
            author=author,
            **approval,
        )


def seed() -> str:
    if Theme.objects.exists():
        return "monitor content already present"
    author = User.objects.filter(email=COORDINATOR_EMAIL).first()
    reviewer = User.objects.filter(email=STAFF_EMAIL).first()
    if author is None or reviewer is None:
        return "no demo users: skipped"
    themes = _themes(author, reviewer)
    stories = _stories(themes, author, reviewer)
    _pilot_learning(author, reviewer)
    published = _publish_latest_reporting_date()
    return f"{len(themes)} common threads, {stories} approved stories, {published}"


def _publish_latest_reporting_date() -> str:
    """The dashboard and exports show the latest reporting date; publishing it here spares the first
    visitor the wait for the joint suppression pattern (ADR 0017). The date before it is published
    first, as it would have been a month earlier, so that page 1 of the demo report shows changes."""
    dates = reporting_dates()[:2]
    if not dates:
        return "no reporting date yet"
    for reporting_date in reversed(dates):
        publication_for(reporting_date)
    return "counts published for " + ", ".join(day.isoformat() for day in reversed(dates))
