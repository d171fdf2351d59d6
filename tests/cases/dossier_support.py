"""A dossier with rows in every list its page shows, its panels included: the worst case for the
page's reads; and that page as a browser shows it once every section has loaded."""

from datetime import date

from django.test import Client
from django.urls import reverse

from bs4 import BeautifulSoup, Tag

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


def deferred_links(page: BeautifulSoup) -> dict[str, Tag]:
    """The links of the sections the page left to load when seen, by section id."""
    links = {}
    for link in page.select("section a[hx-trigger]"):
        section = link.find_parent("section")
        if section and "intersect once" in str(link["hx-trigger"]):
            links[str(section["id"])] = link
    return links


def dossier_as_seen(client: Client, case: Case) -> BeautifulSoup:
    """The case page after every section it left for later has loaded its rows in place, as htmx
    does when the user scrolls to them."""
    page = BeautifulSoup(client.get(reverse("cases:detail", args=[case.pk])).content, "html.parser")
    for link in deferred_links(page).values():
        rows = client.get(str(link["hx-get"]), headers={"HX-Request": "true"})
        target = page.select_one(str(link["hx-target"]))
        assert target is not None
        target.replace_with(BeautifulSoup(rows.content, "html.parser"))
    return page
