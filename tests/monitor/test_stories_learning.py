"""Rode draden, lessons ("brengen en halen"), accountability per region and period, and the
knelpunt hotspots."""

from collections.abc import Callable
from datetime import date
from typing import Any

from django.test import Client
from django.urls import reverse

import pytest

from cases.constants import KnelpuntCategory
from cases.models import Consent
from monitor.models import Accountability, Lesson, Theme
from monitor.stories.selectors import (
    AccountabilityView,
    Hotspot,
    ThemeView,
    accountability_for_report,
    knelpunt_hotspots,
    lessons_for_report,
    themes_for_report,
)
from tests.cases.factories import CaseFactory, KnelpuntFactory
from tests.factories import OrganisationFactory, RegionFactory, user_with_role
from tests.monitor.factories import AccountabilityFactory, LessonFactory, StoryFactory, ThemeFactory
from tests.moreelberaad.factories import ReflectionFactory
from wio.accounts.constants import Role
from wio.accounts.models import Region
from wio.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(signed_in: Callable[..., Client]) -> Client:
    return signed_in(user_with_role(Role.PROJECT_STAFF))


# --- rode draden -------------------------------------------------------------------------------------


def test_a_theme_links_stories_knelpunten_and_reflections(staff_client: Client) -> None:
    # given
    story = StoryFactory(approved=True)
    knelpunt = KnelpuntFactory(cases=[CaseFactory()])
    reflection = ReflectionFactory(level="rode_draad", released=True)
    ReflectionFactory(level="individual")  # not a rode draad: not offered
    ReflectionFactory(level="rode_draad")  # not released, from a beraad this user did not lead: not offered
    form = staff_client.get(reverse("monitor:theme_create")).context["form"]
    # when
    response = staff_client.post(
        reverse("monitor:theme_create"),
        {
            "name": "Wachtlijsten",
            "description": "Wachten bepaalt wat mogelijk lijkt.",
            "stories": [story.pk],
            "knelpunten": [knelpunt.pk],
            "reflections": [reflection.pk],
        },
    )
    # then
    theme = Theme.objects.get()
    assert response["Location"] == reverse("monitor:theme_list")
    assert list(form.fields["reflections"].queryset) == [reflection]
    assert (list(theme.stories.all()), list(theme.knelpunten.all())) == ([story], [knelpunt])
    assert AuditEvent.objects.filter(event_type="monitor.theme.create").exists()


def test_a_theme_is_edited(staff_client: Client) -> None:
    # given
    theme = ThemeFactory()
    theme.stories.add(StoryFactory())
    # when
    response = staff_client.post(
        reverse("monitor:theme_edit", args=[theme.pk]), {"name": "Nieuwe naam", "description": ""}
    )
    # then
    theme.refresh_from_db()
    assert response.status_code == 302
    assert (theme.name, theme.stories.count()) == ("Nieuwe naam", 0)


def test_themes_for_report_count_only_approved_consented_stories() -> None:
    # given
    theme = ThemeFactory(name="Ritme", approved=True)
    ThemeFactory(name="Wacht op een tweede lezer")  # not approved: not in a report
    unconsented = StoryFactory(approved=True)
    Consent.objects.filter(case=unconsented.case).update(withdrawn_on=date(2024, 1, 1))
    theme.stories.add(StoryFactory(approved=True), StoryFactory(), unconsented)
    theme.knelpunten.add(KnelpuntFactory(), KnelpuntFactory())
    theme.reflections.add(ReflectionFactory(level="rode_draad"))
    ThemeFactory(name="Leeg", description="", approved=True)
    # when
    views = themes_for_report()
    # then
    assert views == [
        ThemeView("Ritme", theme.description, stories=1, knelpunten=2, reflections=1),
        ThemeView("Leeg", "", stories=0, knelpunten=0, reflections=0),
    ]


def test_the_theme_form_shows_no_knelpunt_description(staff_client: Client) -> None:
    # given a knelpunt whose free text could name a child
    KnelpuntFactory(description="Zeldzaamnaam wacht al een jaar", cases=[CaseFactory()])
    # when
    content = staff_client.get(reverse("monitor:theme_create")).content.decode()
    # then
    assert "Zeldzaamnaam" not in content
    assert str(KnelpuntCategory.WACHTLIJST.label) in content


# --- lessons -------------------------------------------------------------------------------------------


def test_lessons_of_every_region_are_listed_and_new_ones_recorded(staff_client: Client) -> None:
    # given
    lessons = [LessonFactory(), LessonFactory()]
    region = RegionFactory()
    # when
    listed = staff_client.get(reverse("monitor:lesson_list"))
    created = staff_client.post(
        reverse("monitor:lesson_create"), {"region": region.pk, "title": "Halen", "text": "Wat werkt."}
    )
    # then
    assert set(listed.context["page"].object_list) == set(lessons)
    assert created["Location"] == reverse("monitor:lesson_list")
    assert Lesson.objects.get(region=region).title == "Halen"


def test_lessons_for_report_per_region() -> None:
    # given
    wanted = LessonFactory(approved=True)
    LessonFactory(approved=True)
    LessonFactory()  # awaiting a second reader: in no report
    # when
    views = lessons_for_report([wanted.region_id])
    # then
    assert [(view.region, view.title) for view in views] == [(wanted.region.name, wanted.title)]
    assert len(lessons_for_report(None)) == 2


# --- accountability ------------------------------------------------------------------------------------


def _answers(**overrides: Any) -> dict[str, Any]:
    answers = {
        "period_start": "2022-01-01",
        "period_end": "2022-07-31",
        "needed": "Leren en zorg samen.",
        "possible_now": "Een zorgboerderij.",
        "needed_for_more": "Gedeelde bekostiging.",
        "version": "0",
    }
    return {**answers, **overrides}


def test_accountability_is_recorded_then_changed_per_region_and_period(staff_client: Client) -> None:
    # given
    region = RegionFactory()
    url = reverse("monitor:accountability_edit", args=[region.pk])
    # when
    staff_client.post(url, _answers())
    opened = staff_client.get(url, {"period_start": "2022-01-01", "period_end": "2022-07-31"})
    staff_client.post(url, _answers(needed="Meer.", version=opened.context["form"].initial["version"]))
    # then
    row = Accountability.objects.get(region=region)
    assert (row.needed, row.version) == ("Meer.", 2)
    assert AuditEvent.objects.filter(event_type__startswith="monitor.accountability.").count() == 2


def test_a_stale_accountability_edit_is_refused(staff_client: Client) -> None:
    # given answers someone saved while this editor had the empty period open
    row = AccountabilityFactory(period_start=date(2022, 1, 1), period_end=date(2022, 7, 31))
    # when
    response = staff_client.post(
        reverse("monitor:accountability_edit", args=[row.region_id]), _answers(needed="Overschreven?")
    )
    # then
    row.refresh_from_db()
    assert response.status_code == 409
    assert row.needed != "Overschreven?"


def test_a_period_that_ends_before_it_starts_is_refused(staff_client: Client) -> None:
    # given / when
    response = staff_client.post(
        reverse("monitor:accountability_edit", args=[RegionFactory().pk]), _answers(period_end="2021-01-01")
    )
    # then
    assert response.status_code == 422
    assert "period_end" in response.context["form"].errors
    assert not Accountability.objects.exists()


def test_accountability_for_report_takes_overlapping_periods() -> None:
    # given
    inside = AccountabilityFactory(period_start=date(2022, 1, 1), period_end=date(2022, 7, 31), approved=True)
    AccountabilityFactory(period_start=date(2020, 1, 1), period_end=date(2020, 12, 31), approved=True)
    AccountabilityFactory(period_start=date(2022, 1, 1), period_end=date(2022, 7, 31))  # not approved
    # when
    views = accountability_for_report(None, date(2022, 6, 1), date(2022, 12, 31))
    # then
    assert views == [
        AccountabilityView(
            inside.region.name,
            inside.period_start,
            inside.period_end,
            inside.needed,
            inside.possible_now,
            inside.needed_for_more,
        )
    ]
    assert accountability_for_report([inside.region_id + 1000], date(2022, 1, 1), date(2022, 12, 31)) == []


# --- hotspots ------------------------------------------------------------------------------------------


def _case_in(region: Region) -> Any:
    return CaseFactory(
        gemeente=OrganisationFactory(region=region), swv=OrganisationFactory(swv=True, region=region)
    )


def test_a_region_with_many_more_knelpunten_of_a_category_is_a_hotspot(staff_client: Client) -> None:
    # given five regions: one with four waiting-list knelpunten, the others with none or one
    regions = RegionFactory.create_batch(5)
    for _ in range(4):
        KnelpuntFactory(cases=[_case_in(regions[0])])
    KnelpuntFactory(cases=[_case_in(regions[1])])
    shared_case = _case_in(regions[2])
    KnelpuntFactory(cases=[shared_case, _case_in(regions[2])])  # one knelpunt, counted once
    KnelpuntFactory(category=KnelpuntCategory.FINANCIERING, cases=[_case_in(regions[3])])
    # when
    waiting = knelpunt_hotspots(KnelpuntCategory.WACHTLIJST)
    page = staff_client.get(reverse("monitor:hotspots"), {"category": KnelpuntCategory.WACHTLIJST})
    # then
    label = str(KnelpuntCategory.WACHTLIJST.label)
    assert waiting == [Hotspot(regions[0].pk, regions[0].name, KnelpuntCategory.WACHTLIJST, label)]
    assert page.context["hotspots"] == waiting
    assert [(h.region, h.category) for h in knelpunt_hotspots()] == [
        (regions[3].name, KnelpuntCategory.FINANCIERING),
        (regions[0].name, KnelpuntCategory.WACHTLIJST),
    ]


def test_without_outliers_there_are_no_hotspots() -> None:
    # given every region with the same number of knelpunten
    for region in RegionFactory.create_batch(3):
        KnelpuntFactory(cases=[_case_in(region)])
    # when / then
    assert knelpunt_hotspots(KnelpuntCategory.WACHTLIJST) == []


def test_learning_pages_are_for_project_staff_only(signed_in: Callable[..., Client]) -> None:
    # given a case worker
    client = signed_in(user_with_role(Role.LPA))
    # when / then
    for name in (
        "monitor:theme_list",
        "monitor:lesson_list",
        "monitor:accountability_list",
        "monitor:hotspots",
    ):
        assert client.get(reverse(name)).status_code == 404
