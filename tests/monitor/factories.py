"""Factories for the monitor's models (helpers append theirs below)."""

from django.utils import timezone

import factory

from monitor.constants import ReportScope, ReportStatus
from monitor.models import Report
from tests.factories import UserFactory


class ReportFactory(factory.django.DjangoModelFactory):
    """A national report; `done=True` for a finished one, `published=True` for one the ministries see."""

    class Meta:
        model = Report

    scope = ReportScope.NATIONAL
    period_start = factory.LazyFunction(lambda: timezone.localdate().replace(month=1, day=1))
    period_end = factory.LazyFunction(timezone.localdate)
    peildatum = factory.LazyFunction(timezone.localdate)
    parameters_key = factory.Sequence(lambda n: f"{n:064x}")
    requested_by = factory.SubFactory(UserFactory)

    class Params:
        done = factory.Trait(
            status=ReportStatus.DONE,
            progress=100,
            file_name=factory.LazyAttribute(
                lambda report: f"reports/factory-{report.parameters_key[-8:]}.pdf"
            ),
            finished_at=factory.LazyFunction(timezone.now),
        )
        published = factory.Trait(
            done=True,
            published_at=factory.LazyFunction(timezone.now),
            published_by=factory.SubFactory(UserFactory),
        )


class StoryFactory(factory.django.DjangoModelFactory):
    """A draft story of a case whose family gave story consent (`consent=False` for one without)."""

    class Meta:
        model = "monitor.Story"
        skip_postgeneration_save = True

    case = factory.SubFactory("tests.cases.factories.CaseFactory")
    region = factory.LazyAttribute(lambda story: story.case.swv.region)
    perspective = "ouder"  # StoryPerspective.OUDER
    title = factory.Sequence(lambda n: f"Een dag op de zorgboerderij {n}")
    text = "Sinds de zorgboerderij komt er weer ritme in de week. Dat werkt."
    author = factory.SubFactory(UserFactory)

    class Params:
        reviewed = factory.Trait(status="reviewed")  # StoryStatus.REVIEWED
        approved = factory.Trait(status="approved", approved_at=factory.LazyFunction(timezone.now))

    @factory.post_generation
    def consent(self, create: bool, extracted: bool | None, **kwargs: object) -> None:
        if create and extracted is not False:
            from tests.cases.factories import ConsentFactory

            ConsentFactory(case=self.case, scope="anonymised_story")  # ConsentScope.ANONYMISED_STORY


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "monitor.Theme"

    name = factory.Sequence(lambda n: f"Wachtlijsten {n}")
    description = "Wachtlijsten bepalen wat mogelijk lijkt."

    class Params:
        # Four eyes (ADR 0016): approved by someone other than the author, so reports show it.
        approved = factory.Trait(
            approved_by=factory.SubFactory(UserFactory), approved_at=factory.LazyFunction(timezone.now)
        )


class LessonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "monitor.Lesson"

    region = factory.SubFactory("tests.factories.RegionFactory")
    title = factory.Sequence(lambda n: f"Begin bij wat er al is {n}")
    text = "Vraag eerst naar de ontwikkeling die er al wel is."
    author = factory.SubFactory(UserFactory)

    class Params:
        # Four eyes (ADR 0016): approved by someone other than the author, so reports show it.
        approved = factory.Trait(
            approved_by=factory.SubFactory(UserFactory), approved_at=factory.LazyFunction(timezone.now)
        )


class AccountabilityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "monitor.Accountability"

    region = factory.SubFactory("tests.factories.RegionFactory")
    period_start = factory.LazyFunction(lambda: timezone.localdate().replace(month=1, day=1))
    period_end = factory.LazyFunction(lambda: timezone.localdate().replace(month=12, day=31))
    needed = "Een plek waar leren en zorg samengaan."
    possible_now = "Een zorgboerderij met onderwijs op afstand."
    needed_for_more = "Bekostiging die onderwijs en zorg samen mogelijk maakt."
    author = factory.SubFactory(UserFactory)

    class Params:
        # Four eyes (ADR 0016): approved by someone other than the author, so reports show it.
        approved = factory.Trait(
            approved_by=factory.SubFactory(UserFactory), approved_at=factory.LazyFunction(timezone.now)
        )
