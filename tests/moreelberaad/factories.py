from datetime import timedelta

from django.db.models import Max
from django.utils import timezone

import factory

from moreelberaad.constants import ParticipantCategory, ProposedBy
from moreelberaad.models import Beraad, MeetingPlace, Participant
from tests.cases.factories import CaseFactory
from tests.factories import OrganisationFactory


def _next_number(beraad: Beraad) -> int:
    highest = Beraad.objects.filter(case=beraad.case).aggregate(highest=Max("sequence_number"))["highest"]
    return (highest or 0) + 1


class BeraadFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Beraad

    case = factory.SubFactory(CaseFactory)
    sequence_number = factory.LazyAttribute(_next_number)
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=14))
    location = "Gemeentehuis, vergaderzaal 2"
    ethical_question = "Mogen we van de ouders vragen hun zoon toch naar school te laten gaan?"
    concrete_example = "De jongen zit sinds een jaar thuis."


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    beraad = factory.SubFactory(BeraadFactory)
    name = factory.Sequence(lambda n: f"Deelnemer {n}")
    email = factory.Sequence(lambda n: f"deelnemer{n}@voorbeeld.example")
    category = ParticipantCategory.ZORGPARTNER
    proposed_by = ProposedBy.PARENTS

    class Params:
        leader = factory.Trait(is_gespreksleider=True, category=ParticipantCategory.GEDRAGSWERK_OZJ)
        notulist = factory.Trait(is_notulist=True, category=ParticipantCategory.GEDRAGSWERK_OZJ)
        parent = factory.Trait(category=ParticipantCategory.OUDER)


class MeetingPlaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeetingPlace

    swv = factory.SubFactory(OrganisationFactory, swv=True)
    name = factory.Sequence(lambda n: f"Kantoor, zaal {n}")
    address = "Stationsplein 1, Emmen"


def ready_table(beraad: Beraad) -> list[Participant]:
    """A table the invitations may go out to: a parent, a leader, a notulist, approved by the parents."""
    people = [
        ParticipantFactory(beraad=beraad, parent=True),
        ParticipantFactory(beraad=beraad, leader=True),
        ParticipantFactory(beraad=beraad, notulist=True),
    ]
    Beraad.objects.filter(pk=beraad.pk).update(
        parents_approved_on=timezone.localdate(), preparation_waiver="Test: de voorbereiding volgt."
    )
    beraad.refresh_from_db()
    return people


# --- recording the session ---------------------------------------------------------------------


class PerspectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "moreelberaad.Perspective"

    beraad = factory.SubFactory(BeraadFactory)
    participant = factory.SubFactory(ParticipantFactory, beraad=factory.SelfAttribute("..beraad"))
    perspective = "Als zorgpartner zie ik vooral de angst van de jongen."
    values = "Veiligheid, vertrouwen"
    norms = "Niemand wordt gedwongen"
    choice = "A"


class CommitmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "moreelberaad.OrganisationCommitment"

    beraad = factory.SubFactory(BeraadFactory)
    organisation_name = factory.Sequence(lambda n: f"Organisatie {n}")
    commitment = "Levert binnen twee weken een begeleider."


class ReflectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "moreelberaad.Reflection"

    beraad = factory.SubFactory(BeraadFactory)
    level = "individual"  # LearningLevel.INDIVIDUAL
    theme = "Wachtlijsten"
    text = "De wachtlijst bepaalde te veel wat er mogelijk leek."

    class Params:
        # Released for the monitor by a second person (ADR 0016).
        released = factory.Trait(
            released_by=factory.SubFactory("tests.factories.UserFactory"),
            released_at=factory.LazyFunction(timezone.now),
        )
