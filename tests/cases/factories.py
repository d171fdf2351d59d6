from datetime import date, timedelta

from django.utils import timezone

import factory

from cases.constants import (
    Category,
    ConsentScope,
    InvolvedRole,
    KnelpuntCategory,
    PreparationKind,
    TimelineType,
)
from cases.models import (
    ActionItem,
    Case,
    Consent,
    Development,
    ExemptionDetails,
    Involved,
    Knelpunt,
    Movement,
    PreparationItem,
    TimelineEntry,
)
from tests.factories import OrganisationFactory


class CaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Case
        skip_postgeneration_save = True

    reference = factory.Sequence(lambda n: f"WIO-T{n:06d}")
    first_name = factory.Sequence(lambda n: f"Jeugdige{n}")
    last_name = "Testdata"
    date_of_birth = date(2014, 5, 17)
    gemeente = factory.SubFactory(OrganisationFactory)
    swv = factory.SubFactory(OrganisationFactory, swv=True)
    category = Category.VRIJSTELLING_5A
    registered_on = factory.LazyFunction(timezone.localdate)
    escalation_start_on = factory.LazyAttribute(lambda case: case.registered_on)

    class Params:
        absoluut_verzuim = factory.Trait(category=Category.ABSOLUUT_VERZUIM)
        overdue = factory.Trait(
            registered_on=factory.LazyFunction(lambda: timezone.localdate() - timedelta(weeks=6))
        )

    @factory.post_generation
    def checklist(self, create: bool, extracted: object, **kwargs: object) -> None:
        """Every case has its five preparation items and its category's detail record."""
        if not create:
            return
        PreparationItem.objects.bulk_create(
            PreparationItem(case=self, kind=kind) for kind in PreparationKind.values
        )
        if self.category == Category.VRIJSTELLING_5A:
            ExemptionDetails.objects.create(case=self)
        else:
            from cases.models import AbsenteeismDetails

            AbsenteeismDetails.objects.create(case=self)


class InvolvedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Involved

    case = factory.SubFactory(CaseFactory)
    name = factory.Sequence(lambda n: f"Betrokkene {n}")
    role = InvolvedRole.OUDER


class TimelineEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TimelineEntry

    case = factory.SubFactory(CaseFactory)
    occurred_on = factory.LazyFunction(timezone.localdate)
    entry_type = TimelineType.CONTACT
    description = "Telefonisch contact met de ouders."


class ConsentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consent

    case = factory.SubFactory(CaseFactory)
    person = factory.SubFactory(InvolvedFactory, case=factory.SelfAttribute("..case"))
    scope = ConsentScope.SHARE_WITH_BERAAD


class ActionItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionItem

    case = factory.SubFactory(CaseFactory)
    description = "Ouders bellen over de planning"
    owner_name = "Leerplichtambtenaar"
    due_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=7))


class DevelopmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Development

    case = factory.SubFactory(CaseFactory)
    form = "zorgboerderij"
    description = "Twee dagdelen per week op de zorgboerderij."


class MovementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Movement

    case = factory.SubFactory(CaseFactory)
    description = "Eerste proefdag op een school."


class KnelpuntFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Knelpunt
        skip_postgeneration_save = True

    description = "Wachtlijst voor dagbehandeling"
    category = KnelpuntCategory.WACHTLIJST

    @factory.post_generation
    def cases(self, create: bool, extracted: list[Case] | None, **kwargs: object) -> None:
        if create and extracted:
            self.cases.set(extracted)
