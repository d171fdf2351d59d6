"""Stories ("vertellen"): consent re-checked at every read, a second pair of eyes for approval, an
anonymisation check, and no youth identity on any monitor page."""

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any, cast

from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from django.utils import timezone

import pytest

from cases.constants import ConsentScope
from cases.identity_check import KnownPeople, identity_findings
from cases.models import Case, Consent
from cases.selectors import story_consent_given
from cases.services import consent_withdraw
from monitor.constants import StoryPerspective, StoryStatus
from monitor.models import Story
from monitor.services import stories as services
from monitor.stories.selectors import (
    StoryFilter,
    StoryView,
    approved_stories_for_report,
    story_list,
    usable_stories,
)
from tests.cases.factories import CaseFactory, ConsentFactory
from tests.factories import user_with_role
from tests.monitor.factories import StoryFactory, ThemeFactory
from wio.accounts.constants import Role
from wio.accounts.models import User
from wio.audit import services as audit
from wio.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
YEAR = (TODAY - timedelta(days=365), TODAY)


@pytest.fixture
def staff() -> User:
    return user_with_role(Role.PROJECT_STAFF)


@pytest.fixture
def lpa() -> User:
    return user_with_role(Role.LPA)


def _gemeente(user: User) -> Any:
    return user.memberships.get().organisation


def _actor(user: User) -> audit.Actor:
    return audit.actor_from(user=user)


def _titles(views: list[StoryView]) -> list[str]:
    return [view.title for view in views]


# --- the report selector ---------------------------------------------------------------------------


def test_unapproved_or_unconsented_stories_never_appear_in_the_report() -> None:
    # given one story of every kind that must stay out, and one that may go in
    StoryFactory(title="Concept")
    StoryFactory(title="Beoordeeld", reviewed=True)
    StoryFactory(title="Zonder toestemming", approved=True, consent=False)
    StoryFactory(title="Ingetrokken", status=StoryStatus.WITHDRAWN, approved_at=timezone.now())
    StoryFactory(title="Te oud", approved=True, approved_at=timezone.now() - timedelta(days=800))
    withdrawn_consent = StoryFactory(title="Toestemming ingetrokken", approved=True)
    Consent.objects.filter(case=withdrawn_consent.case).update(withdrawn_on=TODAY)
    StoryFactory(title="Goedgekeurd", approved=True)
    # when
    views = approved_stories_for_report(None, *YEAR)
    # then
    assert _titles(views) == ["Goedgekeurd"]


def test_a_report_story_carries_no_case_data() -> None:
    # given
    theme = ThemeFactory(name="Ritme")
    story = StoryFactory(approved=True, positive_experience=True)
    story.themes.add(theme)
    # when
    [view] = approved_stories_for_report([story.region_id], *YEAR)
    # then
    assert view == StoryView(
        perspective=str(StoryPerspective.OUDER.label),
        title=story.title,
        text=story.text,
        positive_experience=True,
        theme_names=("Ritme",),
        region=story.region.name,
    )
    assert approved_stories_for_report([story.region_id + 1000], *YEAR) == []


def test_a_name_that_slipped_into_an_approved_story_stays_out_of_the_report() -> None:
    # given an approved story whose text was changed behind the workflow's back
    story = StoryFactory(approved=True)
    Story.objects.filter(pk=story.pk).update(text=f"Met {story.case.first_name} ging het goed.")
    # when / then
    assert approved_stories_for_report(None, *YEAR) == []


def test_withdrawing_consent_removes_the_story_immediately(
    staff: User, signed_in: Callable[..., Client]
) -> None:
    # given an approved story in the report and on the staff's pages
    story = cast(Story, StoryFactory(approved=True))
    consent = Consent.objects.get(case=story.case, scope=ConsentScope.ANONYMISED_STORY)
    client = signed_in(staff)
    assert len(approved_stories_for_report(None, *YEAR)) == 1
    # when the family withdraws the consent
    consent_withdraw(consent=consent, actor=_actor(user_with_role(Role.LPA)))
    # then the very next read no longer has it, before any tidy-up ran
    assert approved_stories_for_report(None, *YEAR) == []
    assert list(story_list(StoryFilter())) == []
    assert client.get(reverse("monitor:story_detail", args=[story.pk])).status_code == 404
    assert story.title not in client.get(reverse("monitor:story_list")).content.decode()


def test_the_nightly_tidy_up_marks_unconsented_stories_withdrawn() -> None:
    # given
    kept = StoryFactory(approved=True)
    gone = StoryFactory(approved=True)
    Consent.objects.filter(case=gone.case).update(withdrawn_on=TODAY)
    # when
    count = services.stories_withdraw_unconsented()
    # then
    gone.refresh_from_db()
    kept.refresh_from_db()
    assert (count, gone.status, kept.status) == (1, StoryStatus.WITHDRAWN, StoryStatus.APPROVED)
    event = AuditEvent.objects.get(event_type="monitor.story.consent_withdrawn")
    assert event.youth_ref == gone.case.reference
    assert services.stories_withdraw_unconsented() == 0


def test_the_list_consent_check_agrees_with_the_cases_selector() -> None:
    # given cases with active, withdrawn, other-scope and no consent
    stories = [StoryFactory(), StoryFactory(), StoryFactory(consent=False), StoryFactory(consent=False)]
    Consent.objects.filter(case=stories[1].case).update(withdrawn_on=TODAY)
    ConsentFactory(case=stories[2].case, scope=ConsentScope.SHARE_WITH_BERAAD)
    # when
    usable = set(usable_stories().values_list("pk", flat=True))
    # then
    assert usable == {story.pk for story in stories if story_consent_given(story.case)}
    assert usable == {stories[0].pk}


# --- writing ------------------------------------------------------------------------------------------


def _story_payload(**overrides: Any) -> dict[str, Any]:
    payload = {
        "perspective": "ouder",
        "title": "Weer ritme in de week",
        "text": "De zorgboerderij gaf rust. Wat werkte: kleine stappen.",
        "positive_experience": "on",
        "version": "",
    }
    return {**payload, **overrides}


def test_a_case_worker_writes_a_draft_story_from_the_case(
    lpa: User, signed_in: Callable[..., Client]
) -> None:
    # given a case of the officer's gemeente with story consent
    case = CaseFactory(gemeente=_gemeente(lpa))
    ConsentFactory(case=case, scope=ConsentScope.ANONYMISED_STORY)
    client = signed_in(lpa)
    assert client.get(reverse("monitor:story_create", args=[case.pk])).status_code == 200
    # when
    response = client.post(reverse("monitor:story_create", args=[case.pk]), _story_payload())
    # then
    story = Story.objects.get()
    assert response["Location"] == f"{reverse('cases:detail', args=[case.pk])}#verhalen"
    assert (story.status, story.author, story.region) == (StoryStatus.DRAFT, lpa, case.swv.region)
    assert AuditEvent.objects.filter(event_type="monitor.story.create", youth_ref=case.reference).exists()


def test_a_name_in_the_text_is_refused_with_a_form_error(lpa: User, signed_in: Callable[..., Client]) -> None:
    # given
    case = CaseFactory(gemeente=_gemeente(lpa), first_name="Zeldzaam")
    ConsentFactory(case=case, scope=ConsentScope.ANONYMISED_STORY)
    # when
    response = signed_in(lpa).post(
        reverse("monitor:story_create", args=[case.pk]),
        _story_payload(text="Zeldzaam ging weer naar de boerderij."),
    )
    # then nothing is saved, the text is kept and the error says what was found (not the name)
    assert response.status_code == 422
    assert Story.objects.filter(case=case).count() == 0
    errors = response.context["form"].errors["text"]
    assert "de naam van de jeugdige" in errors[0]
    assert "Zeldzaam" not in errors[0]


def test_without_story_consent_no_story_can_be_written(lpa: User, signed_in: Callable[..., Client]) -> None:
    # given a case whose family only consented to sharing with the beraad
    case = CaseFactory(gemeente=_gemeente(lpa))
    ConsentFactory(case=case, scope=ConsentScope.SHARE_WITH_BERAAD)
    client = signed_in(lpa)
    # when
    shown = client.get(reverse("monitor:story_create", args=[case.pk]), follow=True)
    posted = client.post(reverse("monitor:story_create", args=[case.pk]), _story_payload())
    # then
    assert [m.level_tag for m in shown.context["messages"]] == ["error"]
    assert posted.status_code == 302
    assert not Story.objects.exists()
    with pytest.raises(services.StoryRuleError):
        services.story_create(
            case=case, actor=_actor(lpa), perspective="ouder", title="T", text="T", positive_experience=True
        )


def test_a_case_worker_without_scope_gets_404(signed_in: Callable[..., Client]) -> None:
    # given a story and a case of another gemeente
    outsider = user_with_role(Role.LPA)
    story = StoryFactory()
    client = signed_in(outsider)
    # when / then
    assert client.get(reverse("monitor:story_create", args=[story.case_id])).status_code == 404
    assert client.get(reverse("monitor:story_edit", args=[story.pk])).status_code == 404
    assert client.get(reverse("monitor:story_detail", args=[story.pk])).status_code == 404


def test_the_author_edits_their_draft_from_the_case(lpa: User, signed_in: Callable[..., Client]) -> None:
    # given
    case = CaseFactory(gemeente=_gemeente(lpa))
    story = StoryFactory(case=case, author=lpa)
    # when
    response = signed_in(lpa).post(
        reverse("monitor:story_edit", args=[story.pk]), _story_payload(title="Nieuw", version=story.version)
    )
    # then
    story.refresh_from_db()
    assert response["Location"] == f"{reverse('cases:detail', args=[case.pk])}#verhalen"
    assert (story.title, story.version) == ("Nieuw", 2)


def test_the_case_page_links_to_writing_a_story_only_with_consent(
    lpa: User, signed_in: Callable[..., Client]
) -> None:
    # given
    with_consent = CaseFactory(gemeente=_gemeente(lpa))
    ConsentFactory(case=with_consent, scope=ConsentScope.ANONYMISED_STORY)
    without = CaseFactory(gemeente=_gemeente(lpa))
    client = signed_in(lpa)
    # when
    shown = client.get(reverse("cases:detail", args=[with_consent.pk])).content.decode()
    hidden = client.get(reverse("cases:detail", args=[without.pk])).content.decode()
    # then
    assert reverse("monitor:story_create", args=[with_consent.pk]) in shown
    assert reverse("monitor:story_create", args=[without.pk]) not in hidden


# --- review and approval -----------------------------------------------------------------------------


def _post(client: Client, name: str, story: Story) -> Any:
    return client.post(reverse(name, args=[story.pk]), {"version": story.version}, follow=True)


def test_someone_else_reviews_and_approves(staff: User, signed_in: Callable[..., Client]) -> None:
    # given
    story = StoryFactory()
    client = signed_in(staff)
    # when
    _post(client, "monitor:story_review", story)
    story.refresh_from_db()
    _post(client, "monitor:story_approve", story)
    # then
    story.refresh_from_db()
    assert (story.status, story.reviewer) == (StoryStatus.APPROVED, staff)
    assert story.approved_at is not None
    events = AuditEvent.objects.filter(object_id=str(story.pk)).values_list("event_type", flat=True)
    assert {"monitor.story.review", "monitor.story.approve"} <= set(events)


def test_the_author_cannot_approve_their_own_story(staff: User, signed_in: Callable[..., Client]) -> None:
    # given a story written by this project staff member and reviewed by a colleague
    story = StoryFactory(author=staff, reviewed=True)
    # when
    response = signed_in(staff).post(reverse("monitor:story_approve", args=[story.pk]), {"version": 1})
    # then
    story.refresh_from_db()
    assert response.status_code == 403
    assert story.status == StoryStatus.REVIEWED
    with pytest.raises(PermissionDenied):
        services.story_approve(story=story, actor=_actor(staff), expected_version=story.version)


def test_the_anonymisation_check_blocks_approval(staff: User, signed_in: Callable[..., Client]) -> None:
    # given a reviewed story that still names the youth
    case = CaseFactory(first_name="Zeldzaam", last_name="de Vries")
    story = StoryFactory(case=case, reviewed=True, text="Het gaat goed met Vries.")
    client = signed_in(staff)
    # when
    detail = client.get(reverse("monitor:story_detail", args=[story.pk]))
    response = _post(client, "monitor:story_approve", story)
    # then
    story.refresh_from_db()
    assert story.status == StoryStatus.REVIEWED
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    assert len(detail.context["findings"]) == 1
    assert "Vries" not in detail.content.decode().replace(story.text, "")


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Anna ging naar school.", 1),
        ("ANNA ging naar school.", 1),
        ("Annabel en haar moeder.", 0),
        ("Het gezin Bakker werkte mee.", 1),
        ("Geboren op 17 mei 2014.", 1),
        ("Geboren op 17-05-2014.", 1),
        ("Geboren op 2014-05-17.", 1),
        ("In mei 2014 begon het.", 1),  # the month and year of the birthday (ADR 0016)
        ("In mei 2016 begon het.", 0),
        ("Anna Bakker, 17/5/2014.", 2),  # the name and the date of birth
    ],
)
def test_identity_findings_on_a_story(text: str, found: int) -> None:
    # given / when
    known = KnownPeople(
        youth_names=("Anna Bakker", "Anna", "Bakker"), birth_dates=frozenset({date(2014, 5, 17)})
    )
    findings = identity_findings(text, known)
    # then
    assert len(findings) == found


def test_a_stale_edit_is_refused(staff: User, signed_in: Callable[..., Client]) -> None:
    # given a story someone saved after this editor opened it
    story = StoryFactory()
    Story.objects.filter(pk=story.pk).update(version=2, title="Intussen gewijzigd")
    # when
    response = signed_in(staff).post(
        reverse("monitor:story_edit", args=[story.pk]), _story_payload(title="Mijn versie", version=1)
    )
    # then
    story.refresh_from_db()
    assert response.status_code == 409
    assert story.title == "Intussen gewijzigd"


def test_editing_an_approved_story_sends_it_back_to_review(staff: User) -> None:
    # given
    story = cast(Story, StoryFactory(approved=True))
    data = {"perspective": story.perspective, "title": story.title, "text": "Nieuwe tekst."}
    # when
    story = services.story_update(
        story=story,
        actor=_actor(staff),
        expected_version=story.version,
        data={**data, "positive_experience": True},
        themes=[],
    )
    # then
    assert (story.status, story.approved_at) == (StoryStatus.DRAFT, None)


def test_a_withdrawn_story_leaves_the_default_list(staff: User, signed_in: Callable[..., Client]) -> None:
    # given
    story = StoryFactory(approved=True)
    client = signed_in(staff)
    # when
    _post(client, "monitor:story_withdraw", story)
    # then
    story.refresh_from_db()
    assert story.status == StoryStatus.WITHDRAWN
    assert list(client.get(reverse("monitor:story_list")).context["page"].object_list) == []
    assert approved_stories_for_report(None, *YEAR) == []


# --- what project staff see ---------------------------------------------------------------------------


def test_project_staff_pages_never_contain_the_case_reference_or_youth_name(
    staff: User, signed_in: Callable[..., Client]
) -> None:
    # given a story of a youth with unmistakable names, linked to a rode draad
    case = cast(Case, CaseFactory(first_name="Zeldzaamvoornaam", last_name="Zeldzaamachternaam"))
    story = cast(Story, StoryFactory(case=case, text="Zij vond een plek op de boerderij."))
    ThemeFactory().stories.add(story)
    client = signed_in(staff)
    pages = [
        reverse("monitor:story_list"),
        reverse("monitor:story_detail", args=[story.pk]),
        reverse("monitor:story_edit", args=[story.pk]),
        reverse("monitor:theme_list"),
        reverse("monitor:theme_edit", args=[story.themes.get().pk]),
    ]
    # when
    responses = [client.get(page) for page in pages]
    # then
    assert [response.status_code for response in responses] == [200] * len(pages)
    for content in (response.content.decode() for response in responses):
        for identifying in (case.reference, "Zeldzaamvoornaam", "Zeldzaamachternaam", "17 mei 2014"):
            assert identifying not in content


def test_story_reads_are_audited(staff: User, signed_in: Callable[..., Client]) -> None:
    # given
    stories = StoryFactory.create_batch(2)
    client = signed_in(staff)
    # when
    client.get(reverse("monitor:story_list"))
    client.get(reverse("monitor:story_detail", args=[stories[0].pk]))
    # then
    listed = AuditEvent.objects.filter(event_type="monitor.story.list")
    assert sorted(listed.values_list("youth_ref", flat=True)) == sorted(s.case.reference for s in stories)
    assert AuditEvent.objects.filter(
        event_type="monitor.story.detail", youth_ref=stories[0].case.reference, purpose="monitoring"
    ).exists()


def test_story_list_query_count_is_constant(
    staff: User, signed_in: Callable[..., Client], django_assert_max_num_queries: Any
) -> None:
    # given
    theme = ThemeFactory()
    StoryFactory().themes.add(theme)
    client = signed_in(staff)
    with django_assert_max_num_queries(40) as few:
        assert client.get(reverse("monitor:story_list")).status_code == 200
    for story in StoryFactory.create_batch(20):
        story.themes.add(theme)
    # when / then
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(reverse("monitor:story_list")).status_code == 200


def test_the_list_filters_by_status_region_and_theme(staff: User, signed_in: Callable[..., Client]) -> None:
    # given
    theme = ThemeFactory()
    wanted = StoryFactory(approved=True)
    wanted.themes.add(theme)
    StoryFactory(approved=True)
    StoryFactory(region=wanted.region)
    # when
    response = signed_in(staff).get(
        reverse("monitor:story_list"),
        {"status": StoryStatus.APPROVED, "region": wanted.region_id, "theme": theme.pk},
    )
    # then
    assert list(response.context["page"].object_list) == [wanted]
