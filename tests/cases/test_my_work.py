"""“My work” (issue item 6): overdue and upcoming milestones and actions, and the weekly e-mail."""

import smtplib
from collections.abc import Callable
from datetime import date, timedelta
from unittest import mock

from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest
from pytest_django import DjangoAssertNumQueries

from cases.constants import Milestone, MilestoneState, Status
from cases.models import Case, NotificationPreference
from cases.tasks import DIGEST_TOPIC, send_weekly_digest, send_weekly_digests
from tests.cases.factories import ActionItemFactory, CaseFactory
from tests.factories import user_with_role
from wio.accounts.constants import Role
from wio.accounts.models import Organisation, User
from wio.audit.constants import Action
from wio.audit.models import AuditEvent
from wio.outbox.models import Job

pytestmark = pytest.mark.django_db

MY_WORK = reverse("cases:my_work")
DIGEST_PREFERENCE = reverse("cases:digest_preference")


def _organisation(user: User) -> Organisation:
    return user.memberships.get().organisation


def _officer() -> User:
    return user_with_role(Role.LPA)


def _case_with_overdue_milestone(officer: User) -> Case:
    """Registered six weeks ago: casusregie (+4 weeks) is two weeks late, the rest not yet near."""
    return CaseFactory(gemeente=_organisation(officer), overdue=True)


def _days(n: int) -> date:
    return timezone.localdate() + timedelta(days=n)


# --- the page -----------------------------------------------------------------------------------


def test_overdue_action_appears_in_the_owners_list(signed_in: Callable[[User], Client]) -> None:
    # given an officer who holds an overdue action on a case of their municipality (DOMAIN A9)
    officer = _officer()
    case = CaseFactory(gemeente=_organisation(officer))
    action = ActionItemFactory(case=case, owner=officer, owner_name="", due_on=_days(-3))
    # when they open My work
    response = signed_in(officer).get(MY_WORK)
    # then the action is in their own list, marked overdue, linking to the case
    assert response.status_code == 200
    rows = response.context["work"].my_actions
    assert [(row.action_id, row.state) for row in rows] == [(action.pk, MilestoneState.OVERDUE)]
    assert reverse("cases:detail", args=[case.pk]) in response.content.decode()
    assert case.full_name in response.content.decode()


def test_only_open_actions_of_the_user_due_within_two_weeks_are_listed_as_theirs(
    signed_in: Callable[[User], Client],
) -> None:
    # given actions that are done, far off, someone else's, or on a closed case
    officer = _officer()
    colleague = user_with_role(Role.LPA)
    case = CaseFactory(gemeente=_organisation(officer))
    closed = CaseFactory(gemeente=_organisation(officer), status=Status.AFGESLOTEN)
    due = ActionItemFactory(case=case, owner=officer, due_on=_days(14))
    ActionItemFactory(case=case, owner=officer, due_on=_days(-1), done_on=_days(-2))
    ActionItemFactory(case=case, owner=officer, due_on=_days(15))
    ActionItemFactory(case=case, owner=colleague, due_on=_days(-1))
    ActionItemFactory(case=closed, owner=officer, due_on=_days(-1))
    # when the officer opens My work
    response = signed_in(officer).get(MY_WORK)
    # then only the open, own action due within 14 days is theirs, and it is not overdue yet
    rows = response.context["work"].my_actions
    assert [(row.action_id, row.state) for row in rows] == [(due.pk, MilestoneState.DUE)]


def test_actions_without_a_wio_owner_are_listed_separately(signed_in: Callable[[User], Client]) -> None:
    # given an action on the officer's case held by someone outside WIO, and one on another case
    officer = _officer()
    case = CaseFactory(gemeente=_organisation(officer))
    unowned = ActionItemFactory(case=case, owner=None, owner_name="School", due_on=_days(2))
    ActionItemFactory(owner=None, due_on=_days(2))
    # when the officer opens My work
    response = signed_in(officer).get(MY_WORK)
    # then it is in the second list, not in their own
    work = response.context["work"]
    assert [row.action_id for row in work.unowned_actions] == [unowned.pk]
    assert work.my_actions == []


def test_overdue_milestone_is_listed(signed_in: Callable[[User], Client]) -> None:
    # given a case six weeks into the escalation clock, a fresh case, a closed one and another gemeente's
    officer = _officer()
    late = _case_with_overdue_milestone(officer)
    CaseFactory(gemeente=_organisation(officer))
    CaseFactory(gemeente=_organisation(officer), overdue=True, status=Status.AFGESLOTEN)
    CaseFactory(overdue=True)
    # when the officer opens My work
    response = signed_in(officer).get(MY_WORK)
    # then only the late casusregie milestone is listed, as overdue, with its due date
    rows = response.context["work"].milestones
    assert [(row.case.pk, row.milestone, row.state) for row in rows] == [
        (late.pk, Milestone.CASUSREGIE, MilestoneState.OVERDUE)
    ]
    assert rows[0].due_on == late.escalation_start_on + timedelta(weeks=4)


def test_milestone_due_within_the_warning_days_is_listed_as_due(signed_in: Callable[[User], Client]) -> None:
    # given a case whose casusregie milestone falls in three days
    coordinator = user_with_role(Role.SWV_COORDINATOR)
    case = CaseFactory(swv=_organisation(coordinator), escalation_start_on=_days(3 - 28))
    # when the partnership's coordinator opens My work
    response = signed_in(coordinator).get(MY_WORK)
    # then it is listed as due, not overdue
    rows = response.context["work"].milestones
    assert [(row.case.pk, row.state) for row in rows] == [(case.pk, MilestoneState.DUE)]


def test_nothing_to_do_shows_empty_states(signed_in: Callable[[User], Client]) -> None:
    # given an officer without cases
    officer = _officer()
    # when they open My work
    response = signed_in(officer).get(MY_WORK)
    # then the page says so instead of showing empty tables
    assert response.status_code == 200
    assert response.context["work"].is_empty
    assert b"<table" not in response.content


def test_every_case_shown_is_audited_once(signed_in: Callable[[User], Client]) -> None:
    # given two cases, one of them with both a late milestone and an own action
    officer = _officer()
    first = _case_with_overdue_milestone(officer)
    ActionItemFactory(case=first, owner=officer, due_on=_days(1))
    second = CaseFactory(gemeente=_organisation(officer))
    ActionItemFactory(case=second, owner=None, due_on=_days(1))
    # when the officer opens My work
    signed_in(officer).get(MY_WORK)
    # then there is one read event per case, naming the case reference and nothing of the youth
    events = AuditEvent.objects.filter(event_type="case.my_work")
    assert events.count() == 2
    assert set(events.values_list("youth_ref", flat=True)) == {first.reference, second.reference}
    assert set(events.values_list("action", flat=True)) == {Action.READ}
    assert all(first.first_name not in str(event.detail) for event in events)


def _busy_officer(case_count: int) -> User:
    officer = _officer()
    for _ in range(case_count):
        case = _case_with_overdue_milestone(officer)
        ActionItemFactory(case=case, owner=officer, due_on=_days(-1))
        ActionItemFactory(case=case, owner=None, due_on=_days(1))
    return officer


def test_query_count_does_not_grow_with_the_number_of_cases(
    signed_in: Callable[[User], Client], django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    # given the page's queries for an officer with one case
    few = signed_in(_busy_officer(1))
    with CaptureQueriesContext(connection) as baseline:
        few.get(MY_WORK)
    few.logout()
    # when an officer with fifty cases opens the page
    many = signed_in(_busy_officer(50))
    with django_assert_max_num_queries(len(baseline.captured_queries)):
        response = many.get(MY_WORK)
    # then it took no more queries, and counts every row while it shows a page of each list
    assert len(response.context["work"].milestones) == 50
    assert len(response.context["work"].my_actions) == 50
    assert len(response.context["milestones"].rows) == len(response.context["my_actions"].rows) == 20


# --- the weekly e-mail preference ----------------------------------------------------------------


def test_switching_the_weekly_email_off_is_saved_and_audited(signed_in: Callable[[User], Client]) -> None:
    # given an officer who never chose (the e-mail is on by default)
    officer = _officer()
    client = signed_in(officer)
    assert client.get(MY_WORK).context["form"].initial == {"weekly_digest": True}
    # when they submit the form with the box unticked
    response = client.post(DIGEST_PREFERENCE, {})
    # then it is off, the change is audited, and they are back on My work with the box unticked
    assert response.status_code == 302
    assert response["Location"] == MY_WORK
    assert NotificationPreference.objects.get(user=officer).weekly_digest is False
    event = AuditEvent.objects.get(event_type="case.digest_preference")
    assert (event.actor_id, event.detail) == (officer.pk, {"weekly_digest": False})
    assert client.get(MY_WORK).context["form"].initial == {"weekly_digest": False}


def test_switching_the_weekly_email_back_on(signed_in: Callable[[User], Client]) -> None:
    # given an officer who switched the e-mail off
    officer = _officer()
    NotificationPreference.objects.create(user=officer, weekly_digest=False)
    # when they tick the box again
    signed_in(officer).post(DIGEST_PREFERENCE, {"weekly_digest": "on"})
    # then it is on again, and both states are one row
    assert NotificationPreference.objects.get(user=officer).weekly_digest is True
    assert AuditEvent.objects.filter(event_type="case.digest_preference", action=Action.UPDATE).count() == 1


# --- the weekly e-mail ---------------------------------------------------------------------------


def _officer_with_work() -> tuple[User, Case]:
    officer = _officer()
    case = _case_with_overdue_milestone(officer)
    ActionItemFactory(case=case, owner=officer, due_on=_days(-2), description="Bel moeder van Jeugdige")
    return officer, case


def _whole_message(message: mail.EmailMultiAlternatives) -> str:
    html = "".join(str(content) for content, _mimetype in message.alternatives)
    return "\n".join((message.subject, message.body, html))


def test_weekly_email_names_case_references_but_never_the_youth() -> None:
    # given an officer with a late milestone and a late action
    officer, case = _officer_with_work()
    # when the weekly task runs for them
    sent = send_weekly_digest(officer.pk)
    # then exactly one e-mail goes to them, with the reference, the link, and no name or free text
    assert sent is True
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [officer.email]
    text = _whole_message(message)
    assert case.reference in text
    assert f"http://127.0.0.1:8000{MY_WORK}" in text
    assert case.first_name not in text
    assert case.last_name not in text
    assert "Bel moeder" not in text
    assert case.date_of_birth.strftime("%Y") not in text


def test_weekly_email_is_audited_as_an_export_per_case() -> None:
    # given an officer with work on one case
    officer, case = _officer_with_work()
    # when the weekly e-mail is sent
    send_weekly_digest(officer.pk)
    # then the case reference that left WIO is on the trail once
    events = AuditEvent.objects.filter(event_type="case.my_work.digest")
    assert list(events.values_list("youth_ref", "action", "actor_id")) == [
        (case.reference, Action.EXECUTE, officer.pk)
    ]


def test_weekly_email_is_sent_once_per_week() -> None:
    # given an officer who already got this week's e-mail
    officer, _case = _officer_with_work()
    send_weekly_digest(officer.pk)
    # when the task runs again in the same week
    sent_again = send_weekly_digest(officer.pk)
    # then nothing more is sent
    assert sent_again is False
    assert len(mail.outbox) == 1


def test_failed_send_is_retried_rather_than_marked_sent() -> None:
    # given an officer with work and an SMTP server that fails once
    officer, _case = _officer_with_work()
    with (
        mock.patch("django.core.mail.EmailMultiAlternatives.send", side_effect=smtplib.SMTPException),
        pytest.raises(smtplib.SMTPException),
    ):
        send_weekly_digest(officer.pk)
    # when the task is tried again
    sent = send_weekly_digest(officer.pk)
    # then the e-mail goes out, and the failed attempt left nothing on the trail
    assert sent is True
    assert len(mail.outbox) == 1
    assert AuditEvent.objects.filter(event_type="case.my_work.digest").count() == 1


def test_opted_out_user_gets_no_email() -> None:
    # given an officer with work who switched the e-mail off
    officer, _case = _officer_with_work()
    NotificationPreference.objects.create(user=officer, weekly_digest=False)
    # when the weekly task runs for them
    sent = send_weekly_digest(officer.pk)
    # then nothing is sent
    assert sent is False
    assert mail.outbox == []


def test_inactive_user_and_user_without_work_get_no_email() -> None:
    # given an officer who left, and one with nothing due
    departed, _case = _officer_with_work()
    User.objects.filter(pk=departed.pk).update(is_active=False)
    idle = _officer()
    # when the weekly task runs for both
    results = [send_weekly_digest(departed.pk), send_weekly_digest(idle.pk)]
    # then nothing is sent
    assert results == [False, False]
    assert mail.outbox == []


def test_weekly_run_fans_out_to_case_workers_who_want_it() -> None:
    # given an officer, a support officer and a coordinator, one who opted out, staff and an inactive officer
    wanted = [user_with_role(role) for role in (Role.LPA, Role.ONDERSTEUNER, Role.SWV_COORDINATOR)]
    opted_out = _officer()
    NotificationPreference.objects.create(user=opted_out, weekly_digest=False)
    user_with_role(Role.PROJECT_STAFF)
    user_with_role(Role.LPA, is_active=False)
    # when the scheduled task runs
    queued = send_weekly_digests()
    send_weekly_digests()  # a second beat run in the same week adds nothing
    # then one job per wanted user is waiting, by id
    jobs = Job.objects.filter(topic=DIGEST_TOPIC)
    assert sorted(job.kwargs["user_id"] for job in jobs) == sorted(user.pk for user in wanted)
    assert queued == len(wanted)
