"""Issue 11 in a real Chromium: an LPA hands a case to another municipality, whose LPA accepts it;
the first LPA then gets 404 and the audit trail shows both sides. Also the privacy officer's
subject-access pages. axe-core checks every new page."""

from typing import Any

from django.urls import reverse

import pytest

from cases.models import Case, SubjectAccessRequest
from cases.partnerships import swvs_serving
from cases.tasks_access import ACCESS_TOPIC
from tests.cases.factories import CaseFactory
from tests.e2e.conftest import BrowserSession
from tests.factories import TEST_PASSWORD, TEST_TOTP_SECRET, MembershipFactory
from wio.accounts.constants import OrganisationKind, Role
from wio.accounts.demo import seed as seed_accounts
from wio.accounts.models import Organisation
from wio.audit.models import AuditEvent
from wio.outbox import services as outbox
from wio.outbox.models import Job, JobState
from wio.outbox.tasks import run_job

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _play_the_worker() -> None:
    """Run the overview's outbox job here, as a worker would (pending, or already handed out)."""
    outbox.run_due_here()
    for job in Job.objects.filter(topic=ACCESS_TOPIC, state=JobState.DISPATCHED):
        outbox.run(job.pk)


def _second_session(browser: Any, live_server: Any) -> BrowserSession:
    context = browser.new_context(locale="nl-NL", reduced_motion="reduce")
    return BrowserSession(context.new_page(), live_server.url)


def _click(session: BrowserSession, selector: str) -> None:
    session.page.locator(selector).first.click()
    session.page.wait_for_load_state("load")


def test_a_case_moves_to_another_municipality(
    browser_session: BrowserSession, browser: Any, live_server: Any
) -> None:
    seed_accounts()
    home = Organisation.objects.get(code="GM1681")
    neighbour = (
        Organisation.objects.filter(kind=OrganisationKind.GEMEENTE, region=home.region)
        .exclude(pk=home.pk)
        .order_by("name")
        .first()
    )
    assert neighbour is not None
    new_swv = swvs_serving([neighbour.pk]).order_by("name").first()
    assert new_swv is not None
    case = CaseFactory(gemeente=home, swv=Organisation.objects.get(code="PO 22-02"))
    receiver = MembershipFactory(
        organisation=neighbour, role=Role.LPA, user__email="lpa.nieuw@wio.example"
    ).user
    page = browser_session.page

    # the LPA offers the case: choose the municipality, then confirm
    browser_session.log_in("lpa@wio.example")
    browser_session.goto(reverse("cases:detail", args=[case.pk]))
    _click(browser_session, f"a[href='{reverse('cases:handover_request', args=[case.pk])}']")
    browser_session.check_page()
    page.select_option("#id_to_gemeente", str(neighbour.pk))
    _click(browser_session, "main form button[type=submit]")
    browser_session.check_page()  # the confirmation page
    _click(browser_session, "main form button[type=submit]")
    browser_session.wait_for(reverse("cases:detail", args=[case.pk]))
    assert "Alleen lezen" in page.content()
    browser_session.check_page()

    # the receiving LPA finds it under "Over te nemen" and accepts it with the new partnership
    other = _second_session(browser, live_server)
    other.enter_password(receiver.email, TEST_PASSWORD)
    other.enter_code(TEST_TOTP_SECRET)
    other.goto(reverse("cases:handover_list"))
    other.check_page()
    _click(other, "main a.btn-primary")
    other.check_page()  # the decision page
    other.page.select_option("#id_to_swv", str(new_swv.pk))
    _click(other, "main form:has(input[value=accept]) button[type=submit]")
    other.wait_for(reverse("cases:detail", args=[case.pk]))
    other.check_page()

    moved = Case.objects.get(pk=case.pk)
    assert (moved.gemeente_id, moved.swv_id) == (neighbour.pk, new_swv.pk)
    # the first LPA has lost the case
    response = browser_session.goto(reverse("cases:detail", args=[case.pk]))
    assert response is not None
    assert response.status == 404
    # the audit trail shows both sides
    events = AuditEvent.objects.filter(youth_ref=case.reference, event_type__startswith="case.handover.")
    by_type = {event.event_type: event for event in events}
    assert by_type["case.handover.request"].actor_organisation_id == home.pk
    assert by_type["case.handover.accept"].actor_organisation_id == neighbour.pk
    assert by_type["case.handover.accept"].detail["from_gemeente"] == home.pk
    assert by_type["case.handover.accept"].detail["to_gemeente"] == neighbour.pk


def test_the_privacy_officer_requests_and_downloads_an_overview(
    browser_session: BrowserSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(run_job, "apply_async", lambda *args, **kwargs: None)  # the test is the worker
    seed_accounts()
    case = CaseFactory(gemeente=Organisation.objects.get(code="GM1681"))
    page = browser_session.page
    browser_session.log_in("privacy@wio.example")
    browser_session.goto(reverse("cases:access_list"))
    browser_session.check_page()
    page.fill("#id_reference", case.reference)
    _click(browser_session, "main form button[type=submit]")
    access = SubjectAccessRequest.objects.get(case=case)
    browser_session.wait_for(reverse("cases:access_detail", args=[access.pk]))
    assert case.reference not in page.url
    browser_session.check_page()  # waiting, with the progress bar
    _play_the_worker()
    page.locator("a[href$='/download/']").wait_for(timeout=10_000)  # the htmx poll shows the link
    browser_session.check_page()
    with page.expect_download() as download:
        page.locator("a[href$='/download/']").click()
    assert download.value.suggested_filename == f"inzage-{case.reference}.pdf"
    assert AuditEvent.objects.filter(
        youth_ref=case.reference, event_type="case.subject_access.download"
    ).exists()
