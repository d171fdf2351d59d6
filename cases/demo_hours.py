"""Demo hours for Borger-Odoorn: its budget of 87 regular and 125 extra hours and what was spent.

The spending follows the activities of the source plan's hours table (DOMAIN.md §4.3) and stays
under the budget, so the hours report has something to compare.
"""

from datetime import date, timedelta
from decimal import Decimal

from wio.accounts.models import User

from .constants import ActivityCategory, ConversationKind, HoursKind
from .demo_cases import CaseDraft, DemoWorld
from .models import Conversation, HoursBudget, TimeEntry

REGULAR_BUDGET, EXTRA_BUDGET = Decimal(87), Decimal(125)

# (activity, regular or extra, hours, by the LPA (else the ondersteuner), when, note)
PROJECT_HOURS = (
    (
        ActivityCategory.VOORBEREIDING,
        HoursKind.REGULIER,
        8,
        True,
        date(2021, 9, 14),
        "Afstemming met het SWV",
    ),
    (ActivityCategory.VOORBEREIDING, HoursKind.REGULIER, 4, False, date(2021, 10, 5), "Plan van aanpak"),
    (ActivityCategory.SCHOLING, HoursKind.EXTRA, 8, True, date(2021, 11, 2), "Training gespreksvoering"),
    (
        ActivityCategory.VOORZITTER,
        HoursKind.EXTRA,
        4,
        False,
        date(2022, 2, 8),
        "Voorbereiden voorzitterschap",
    ),
    (ActivityCategory.NOTULIST, HoursKind.EXTRA, 6, False, date(2022, 3, 1), "Analyse van de gesprekken"),
    (ActivityCategory.RAPPORTAGE, HoursKind.EXTRA, 6, True, date(2022, 9, 20), "Bijdrage aan de monitor"),
    (ActivityCategory.BIJEENKOMST, HoursKind.EXTRA, 3, True, date(2022, 10, 11), "Opbrengsten delen"),
)
CONVERSATION_ACTIVITY: dict[str, tuple[str, str]] = {
    ConversationKind.VOORSTEL: (ActivityCategory.OUDERGESPREK, HoursKind.REGULIER),
    ConversationKind.OUDERGESPREK: (ActivityCategory.OUDERGESPREK, HoursKind.REGULIER),
    ConversationKind.CASUSGESPREK: (ActivityCategory.CASUSGESPREK, HoursKind.EXTRA),
    ConversationKind.NAZORG: (ActivityCategory.NAZORG, HoursKind.EXTRA),
}


def _case_hours(draft: CaseDraft, person: User, supporter: User) -> list[TimeEntry]:
    case = draft.case
    common = {"case": case, "gemeente": case.gemeente}
    entries = [
        TimeEntry(
            **common,
            person=supporter,
            activity=ActivityCategory.INFO_VERZAMELEN,
            kind=HoursKind.REGULIER,
            hours=Decimal(3),
            worked_on=case.registered_on + timedelta(days=3),
        )
    ]
    held = [row for row in draft.rows if isinstance(row, Conversation) and row.is_held]
    for conversation in held:
        activity, kind = CONVERSATION_ACTIVITY[conversation.kind]
        hours = Decimal(conversation.duration_minutes) / 60 + 1  # the conversation and its preparation
        entries.append(
            TimeEntry(
                **common,
                person=person,
                activity=activity,
                kind=kind,
                hours=hours,
                worked_on=conversation.held_on,
            )
        )
        entries.append(
            TimeEntry(
                **common,
                person=person,
                activity=ActivityCategory.VERVOER,
                kind=HoursKind.EXTRA,
                hours=Decimal("0.5"),
                worked_on=conversation.held_on,
            )
        )
    return entries


def seed_hours(world: DemoWorld, drafts: list[CaseDraft]) -> Decimal:
    """The budget and the time entries of the demo LPA's municipality; returns the hours spent."""
    lpa = world.lpa
    if lpa is None or not drafts:
        return Decimal(0)
    gemeente = drafts[0].case.gemeente
    HoursBudget.objects.get_or_create(
        gemeente=gemeente, defaults={"regular_hours": REGULAR_BUDGET, "extra_hours": EXTRA_BUDGET}
    )
    supporter = User.objects.filter(email="ondersteuner@wio.example").first() or lpa
    entries = [
        TimeEntry(
            gemeente=gemeente,
            person=lpa if by_lpa else supporter,
            activity=activity,
            kind=kind,
            hours=Decimal(hours),
            worked_on=worked_on,
            note=note,
        )
        for activity, kind, hours, by_lpa, worked_on, note in PROJECT_HOURS
    ]
    for draft in drafts:
        entries.extend(_case_hours(draft, lpa, supporter))
    TimeEntry.objects.bulk_create(entries)
    return sum((entry.hours for entry in entries), Decimal(0))
