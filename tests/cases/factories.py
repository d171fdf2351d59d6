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
    # Parents and guardians hold parental authority unless a test says otherwise (who consents).
    has_parental_authority = factory.LazyAttribute(
        lambda person: person.role in (InvolvedRole.OUDER, InvolvedRole.VOOGD)
    )


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


def _sha256(text: str) -> str:
    import hashlib

    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class CaseImportFactory(factory.django.DjangoModelFactory):
    """An uploaded, not yet committed CSV file with one valid-looking row."""

    class Meta:
        model = "cases.CaseImport"

    gemeente = factory.SubFactory(OrganisationFactory)
    uploaded_by = factory.SubFactory("tests.factories.UserFactory")
    content = (
        "voornaam;achternaam;geboortedatum;swv_code;categorie;projectcasus;registratiedatum\r\n"
        "Sam;Jansen;2013-03-04;PO 99-99;absoluut_verzuim;ja;\r\n"
    )
    checksum = factory.LazyAttribute(lambda upload: _sha256(upload.content))


def _hours(text: str) -> object:
    from decimal import Decimal

    return Decimal(text)


class AttachmentFactory(factory.django.DjangoModelFactory):
    """An attachment row only: the file name points nowhere, so nothing is written to storage.

    Tests that need the bytes upload through `cases.services.attachment_create` instead.
    """

    class Meta:
        model = "cases.Attachment"

    case = factory.SubFactory(CaseFactory)
    token = factory.Sequence(lambda n: f"{n:032x}")
    file = factory.LazyAttribute(lambda attachment: f"cases/{attachment.case.pk}/{attachment.token}")
    original_name = "verslag.pdf"
    content_type = "application/pdf"
    size = 1024


class TimeEntryFactory(factory.django.DjangoModelFactory):
    """Hours on a case (the case's municipality); pass case=None and gemeente=... for project hours."""

    class Meta:
        model = "cases.TimeEntry"

    case = factory.SubFactory(CaseFactory)
    gemeente = factory.LazyAttribute(
        lambda entry: entry.case.gemeente if entry.case else OrganisationFactory()
    )
    person = factory.SubFactory("tests.factories.UserFactory")
    activity = "oudergesprek"
    kind = "regulier"
    hours = factory.LazyFunction(lambda: _hours("2.00"))
    worked_on = factory.LazyFunction(timezone.localdate)


class HoursBudgetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "cases.HoursBudget"

    gemeente = factory.SubFactory(OrganisationFactory)
    regular_hours = factory.LazyFunction(lambda: _hours("87"))
    extra_hours = factory.LazyFunction(lambda: _hours("125"))
