"""Issue 10, defects 6 and 9 and items 4 and 7: what the monitor publishes identifies no youth.

Every test drives the rendered form (GET the page, send what a browser sends) and reads the result
back; each failed on main before the identity check, the four eyes and the reflection scope.
"""

from collections.abc import Callable
from datetime import date, timedelta

from django.test import Client
from django.urls import reverse
from django.utils import timezone

import pytest

from cases.constants import ConsentGiver, ConsentScope, InvolvedRole
from cases.services import consent_withdraw
from monitor.models import Accountability, Lesson, Story, Theme
from monitor.stories.selectors import approved_stories_for_report, lessons_for_report, themes_for_report
from tests.cases.factories import CaseFactory, ConsentFactory, InvolvedFactory
from tests.factories import user_with_role
from tests.monitor.factories import LessonFactory, StoryFactory, ThemeFactory
from tests.moreelberaad.factories import BeraadFactory, ParticipantFactory, ReflectionFactory
from tests.moreelberaad.rendered_form import rendered_form
from wio.accounts.constants import Role
from wio.accounts.models import User
from wio.audit import services as audit
from wio.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

DEFECT_TEXT = (
    "Dossier {reference}: meisje geboren op 29 feb. 2012 … moeder Marieke werkt bij de bakker op de Brink"
)
YEAR = (timezone.localdate() - timedelta(days=365), timezone.localdate())


@pytest.fixture
def staff() -> User:
    return user_with_role(Role.PROJECT_STAFF)


def _defect_case(**extra: object) -> object:
    case = CaseFactory(first_name="Lieke", last_name="Zonderland", date_of_birth=date(2012, 2, 29), **extra)
    InvolvedFactory(case=case, name="Marieke Zonderland", role=InvolvedRole.OUDER)
    return case


def _submit(client: Client, url: str, having: str, **filled: str) -> object:
    form = rendered_form(client.get(url).content, having=having)
    return client.post(form.action or url, form.payload(**filled))


def test_the_defect_story_is_refused_by_the_form_and_never_reaches_a_report(
    signed_in: Callable[[User], Client],
) -> None:
    # given a case worker of a consented case
    lpa = user_with_role(Role.LPA)
    case = _defect_case(gemeente=lpa.memberships.get().organisation)
    ConsentFactory(case=case, scope=ConsentScope.ANONYMISED_STORY)
    text = DEFECT_TEXT.format(reference=case.reference)
    # when the story of the defect is written through the form
    response = _submit(
        signed_in(lpa),
        reverse("monitor:story_create", args=[case.pk]),
        "text",
        title="Een verhaal",
        text=text,
    )
    # then it is refused, kept in the form, and the error says what kind of data, not the data
    assert response.status_code == 422
    error = response.context["form"].errors["text"][0]
    for kind in ("een casusnummer", "een geboortedatum", "de naam van iemand rond een casus", "een adres"):
        assert kind in error
    assert "Marieke" not in error
    assert case.reference not in error
    assert text in response.content.decode()
    assert not Story.objects.filter(case=case).exists()
    # and one smuggled in behind the workflow's back stays out of the report
    StoryFactory(case=case, approved=True, text=text)
    assert approved_stories_for_report(None, *YEAR) == []


def test_a_lesson_naming_a_parent_of_the_region_is_refused(
    staff: User, signed_in: Callable[[User], Client]
) -> None:
    case = _defect_case()
    region = case.swv.region
    response = _submit(
        signed_in(staff),
        reverse("monitor:lesson_create"),
        "text",
        region=str(region.pk),
        title="Brengen en halen",
        text="Toen Marieke belde, bleek de school al bereid tot maatwerk.",
    )
    assert response.status_code == 422
    assert "de naam van iemand rond een casus" in response.context["form"].errors["text"][0]
    assert not Lesson.objects.exists()


def test_accountability_answers_and_theme_descriptions_are_checked(
    staff: User, signed_in: Callable[[User], Client]
) -> None:
    case = _defect_case()
    client = signed_in(staff)
    answer = _submit(
        client,
        reverse("monitor:accountability_edit", args=[case.swv.region_id]),
        "needed",
        period_start="2024-01-01",
        period_end="2024-12-31",
        needed="Een plek bij de Kerkstraat 12, 9501 AB.",
        possible_now="Maatwerk.",
        needed_for_more="Geld.",
    )
    theme = _submit(
        client,
        reverse("monitor:theme_create"),
        "description",
        name="Wachtlijsten",
        description=f"Zie {case.reference}, bel 06-12345678.",
    )
    assert answer.status_code == 422
    assert theme.status_code == 422
    assert "een adres of straatnaam" in answer.context["form"].errors["needed"][0]
    assert "een postcode" in answer.context["form"].errors["needed"][0]
    assert "een telefoonnummer" in theme.context["form"].errors["description"][0]
    assert not Accountability.objects.exists()
    assert not Theme.objects.exists()


def test_lessons_and_threads_reach_reports_only_after_a_second_reader(
    staff: User, signed_in: Callable[[User], Client]
) -> None:
    # given a lesson and a thread written by this staff member, and a colleague
    lesson = LessonFactory(author=staff)
    theme = ThemeFactory(author=staff)
    colleague = user_with_role(Role.PROJECT_STAFF)
    # when the author tries (the button is not shown to them; a crafted POST)
    client = signed_in(staff)
    own_action = reverse("monitor:lesson_approve", args=[lesson.pk])
    assert own_action not in client.get(reverse("monitor:lesson_list")).content.decode()
    client.post(own_action)
    # then nothing is approved
    assert lessons_for_report(None) == []
    assert themes_for_report() == []
    # when the colleague approves with the buttons the lists show them
    other = signed_in(colleague)
    for page, action in (
        (reverse("monitor:lesson_list"), reverse("monitor:lesson_approve", args=[lesson.pk])),
        (reverse("monitor:theme_list"), reverse("monitor:theme_approve", args=[theme.pk])),
    ):
        assert f'action="{action}"' in other.get(page).content.decode()
        other.post(action)
    # then both are in the report, approved by the colleague
    lesson.refresh_from_db()
    assert lesson.approved_by == colleague
    assert [view.title for view in lessons_for_report(None)] == [lesson.title]
    assert [view.name for view in themes_for_report()] == [theme.name]
    assert AuditEvent.objects.filter(event_type="monitor.lesson.approve", actor=colleague).exists()


def test_the_youths_own_withdrawal_takes_the_story_out_although_the_parent_still_consents() -> None:
    # given a story consented by a parent and by the youth (16+)
    story = StoryFactory(approved=True)  # the parent's consent
    youth = InvolvedFactory(case=story.case, role=InvolvedRole.JEUGDIGE)
    own = ConsentFactory(
        case=story.case, person=youth, scope=ConsentScope.ANONYMISED_STORY, given_by=ConsentGiver.JEUGDIGE
    )
    assert len(approved_stories_for_report(None, *YEAR)) == 1
    # when the youth withdraws their own consent
    consent_withdraw(consent=own, actor=audit.actor_from(user=user_with_role(Role.LPA)))
    # then no new output holds the story
    assert approved_stories_for_report(None, *YEAR) == []
    # and a consent given again by the youth counts again
    ConsentFactory(
        case=story.case, person=youth, scope=ConsentScope.ANONYMISED_STORY, given_by=ConsentGiver.JEUGDIGE
    )
    assert len(approved_stories_for_report(None, *YEAR)) == 1


def test_project_staff_read_only_released_rode_draden_or_their_own_beraden(
    staff: User, signed_in: Callable[[User], Client]
) -> None:
    # given three rode draden: released, from a beraad this staff member led, and neither
    released = ReflectionFactory(level="rode_draad", released=True, text="Vrijgegeven tekst.")
    led_beraad = BeraadFactory()
    ParticipantFactory(beraad=led_beraad, user=staff, leader=True)
    led = ReflectionFactory(beraad=led_beraad, level="rode_draad", text="Eigen beraad tekst.")
    hidden = ReflectionFactory(level="rode_draad", text="Volledige tekst van een ander beraad.")
    # when they open the rode-draad form
    page = signed_in(staff).get(reverse("monitor:theme_create"))
    content = page.content.decode()
    # then they read the released one and their own beraad's, not the other
    assert "Vrijgegeven tekst." in content
    assert "Eigen beraad tekst." in content
    assert hidden.text not in content
    reads = AuditEvent.objects.filter(event_type="monitor.rode_draad.read", actor=staff)
    assert set(reads.values_list("object_id", flat=True)) == {str(released.pk), str(led.pk)}
    assert set(reads.values_list("youth_ref", flat=True)) == {
        released.beraad.case.reference,
        led.beraad.case.reference,
    }


def test_each_approved_story_is_checked_against_its_own_case_when_a_report_reads_many() -> None:
    # Given two approved stories of two cases, both mentioning the name "Jorinde"
    own, other = CaseFactory(), CaseFactory()
    text = "Jorinde vond het fijn dat er naar haar werd geluisterd."
    named = StoryFactory(case=own, approved=True, text=text)
    kept = StoryFactory(case=other, approved=True, text=text)
    # When a parent called Jorinde is added to the first case only, after approval
    InvolvedFactory(case=own, name="Jorinde de Vries", role=InvolvedRole.OUDER)
    # Then the report leaves out that case's story and keeps the other, whose case has no Jorinde
    titles = [story.title for story in approved_stories_for_report(None, *YEAR)]
    assert titles == [kept.title]
    assert named.title not in titles
