"""A dossier with rows in every list its page shows, its panels included: the worst case for the
page's reads."""

from datetime import date

from cases.constants import (
    ArrangementKind,
    ConversationKind,
    GoalDomain,
    OutcomePerspective,
    ReferralKind,
    Status,
)
from cases.models import (
    Arrangement,
    Case,
    Conversation,
    Goal,
    Narrative,
    Outcome,
    Plan,
    PreparationItem,
    Referral,
    StatusChange,
)
from tests.cases.factories import (
    ActionItemFactory,
    AttachmentFactory,
    ConsentFactory,
    DevelopmentFactory,
    InvolvedFactory,
    KnelpuntFactory,
    MovementFactory,
    TimelineEntryFactory,
)
from tests.monitor.factories import StoryFactory
from tests.moreelberaad.factories import BeraadFactory


def fill_every_list(case: Case, rows: int = 2) -> None:
    """`rows` rows in every section and header list of the dossier, with people on the entries (the
    preparation checklist comes with the case)."""
    assert PreparationItem.objects.filter(case=case).exists()
    people = InvolvedFactory.create_batch(rows, case=case)
    plan = Plan.objects.create(case=case, education="Halve dagen les")
    Narrative.objects.create(case=case, movement="Kleine stappen")  # one per case
    for number in range(rows):
        ConsentFactory(case=case, person=people[number])
        TimelineEntryFactory(case=case).involved.set(people)
        conversation = Conversation.objects.create(
            case=case, kind=ConversationKind.OUDERGESPREK, held_on=date(2026, 5, 1 + number)
        )
        conversation.attendees.set(people)
        DevelopmentFactory(case=case)
        MovementFactory(case=case)
        ActionItemFactory(case=case)
        Goal.objects.create(case=case, plan=plan, description=f"Doel {number}", domain=GoalDomain.ZORG)
        Arrangement.objects.create(case=case, kind=ArrangementKind.OZA)
        Referral.objects.create(case=case, kind=ReferralKind.DOORBRAAKTEAM)
        Outcome.objects.create(case=case, perspective=OutcomePerspective.OUDER, description="Rust")
        KnelpuntFactory(cases=[case])
        AttachmentFactory(case=case)
        StatusChange.objects.create(case=case, from_status=Status.IN_BEELD, to_status=Status.VOORGESTELD)
        BeraadFactory(case=case, sequence_number=number + 1)
        StoryFactory(case=case)
