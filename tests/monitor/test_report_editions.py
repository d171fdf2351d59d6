"""Issue 10: a report is tied to a counts edition, and a published report is re-issued as a new
edition when a story it printed loses its consent (ADR 0017)."""

import io
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

import pytest

from cases.constants import ConsentScope
from cases.models import Consent
from cases.services import consent_withdraw
from monitor.constants import ReportScope, StoryPerspective, StoryStatus
from monitor.models import Publication, Report, Story
from monitor.publications.reporting_dates import reporting_dates
from monitor.services import reports as services
from monitor.services.publications import publish_correction
from monitor.services.report_editions import reissue_reports_for_case
from tests.cases.factories import CaseFactory, ConsentFactory
from tests.factories import OrganisationFactory, RegionFactory, user_with_role
from wio.accounts.constants import Role
from wio.accounts.models import User
from wio.audit import services as audit

pytestmark = pytest.mark.django_db


def _staff_actor() -> audit.Actor:
    return audit.actor_from(user=user_with_role(Role.PROJECT_STAFF))


def _request_national(actor: audit.Actor) -> Report:
    today = timezone.localdate()
    return services.report_request(
        scope=ReportScope.NATIONAL,
        region=None,
        period_start=today - timedelta(days=400),
        period_end=today,
        peildatum=reporting_dates()[0],
        actor=actor,
    )


def test_asking_again_returns_the_stored_report_and_a_correction_makes_a_new_one() -> None:
    # Given a national report for the latest reporting date
    actor = _staff_actor()
    first = _request_national(actor)

    # When it is asked for again, then after a correction of the counts
    again = _request_national(actor)
    correction = publish_correction(
        reporting_date=first.peildatum, reason="Dubbele casus verwijderd", actor=actor
    )
    corrected = _request_national(actor)

    # Then the first request returns the stored report of the first edition; the correction, a new one
    assert again.pk == first.pk
    assert first.publication is not None
    assert first.publication.edition == 1
    assert corrected.pk != first.pk
    assert corrected.publication == correction
    assert (correction.edition, correction.reason) == (2, "Dubbele casus verwijderd")


def _published_report_with_story() -> tuple[Report, Story, Consent]:
    region = RegionFactory(name="Regio Verhaal")
    case = CaseFactory(
        swv=OrganisationFactory(swv=True, region=region), gemeente=OrganisationFactory(region=region)
    )
    consent = ConsentFactory(case=case, scope=ConsentScope.ANONYMISED_STORY)
    story = Story.objects.create(
        region=region,
        case=case,
        perspective=StoryPerspective.OUDER,
        title="Weer naar buiten",
        text="Een moeder vertelt hoe de zorgboerderij hielp.",
        status=StoryStatus.APPROVED,
        author=user_with_role(Role.LPA),
        reviewer=user_with_role(Role.PROJECT_STAFF),
        approved_at=timezone.now() - timedelta(days=1),
    )
    report = _request_national(_staff_actor())
    Report.objects.filter(pk=report.pk).update(
        status="done", finished_at=timezone.now(), published_at=timezone.now(), file_name="reports/x.pdf"
    )
    report.refresh_from_db()
    return report, story, consent


def test_withdrawing_story_consent_reissues_the_published_report_for_the_ministry(
    signed_in: Callable[[User], Client], django_capture_on_commit_callbacks: Any
) -> None:
    # Given a published national report that printed a story
    report, _story, consent = _published_report_with_story()
    ministry = signed_in(user_with_role(Role.MINISTRY))
    assert ministry.get(reverse("monitor:report_detail", args=[report.pk])).status_code == 200

    # When the family withdraws the story consent
    with django_capture_on_commit_callbacks(execute=True):
        consent_withdraw(consent=consent, actor=_staff_actor())

    # Then the report is withdrawn for the ministry and a new edition replaces it
    report.refresh_from_db()
    assert report.withdrawn_at is not None
    successor = Report.objects.get(replaces=report)
    assert (successor.edition, successor.publication) == (2, report.publication)
    assert successor.reissue_reason
    assert ministry.get(reverse("monitor:report_detail", args=[report.pk])).status_code == 404
    page = ministry.get(reverse("monitor:report_detail", args=[successor.pk]))
    assert page.status_code == 200
    assert "vervangt een eerdere editie" in page.content.decode()


def test_a_second_withdrawal_does_not_reissue_again(django_capture_on_commit_callbacks: Any) -> None:
    # Given a report already re-issued after a withdrawal
    report, story, consent = _published_report_with_story()
    with django_capture_on_commit_callbacks(execute=True):
        consent_withdraw(consent=consent, actor=_staff_actor())

    # When the hook runs again (hooks must be idempotent)
    again = reissue_reports_for_case(case_id=story.case_id, actor=_staff_actor())

    # Then nothing more is re-issued
    assert again == []
    assert Report.objects.filter(replaces=report).count() == 1


def test_a_correction_is_published_from_the_command_line() -> None:
    # Given a published reporting date
    staff = user_with_role(Role.PROJECT_STAFF)
    date = reporting_dates()[0]
    first = _request_national(audit.actor_from(user=staff)).publication

    # When project staff publish a correction
    out = io.StringIO()
    call_command(
        "publish_correction", date.isoformat(), by=staff.email, reason="Late registratie", stdout=out
    )

    # Then edition 2 replaces the first, with the reason
    second = Publication.objects.get(replaces=first)
    assert (second.edition, second.reason, second.created_by) == (2, "Late registratie", staff)
    assert "Edition 2" in out.getvalue()
