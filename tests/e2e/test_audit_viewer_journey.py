"""Issue 14 item 6 in Chromium: the privacy officer reads the audit trail in Dutch words, filters it on a
youth's reference by a posted form (the reference never enters a URL), exports the filtered events as CSV,
and finds that export in the trail itself."""

import csv
import io
from pathlib import Path

from django.urls import reverse

import pytest

from cases.models import Case
from tests.cases.factories import CaseFactory
from tests.e2e.conftest import BrowserSession
from wio.accounts.constants import Role
from wio.accounts.demo import seed as seed_accounts
from wio.accounts.models import Organisation, User
from wio.audit import services as audit
from wio.audit.constants import Action, Purpose
from wio.audit.models import AuditEvent

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _lpa_viewed(*cases: Case) -> None:
    lpa = User.objects.get(email="lpa@wio.example")
    actor = audit.actor_from(user=lpa, role=Role.LPA)
    for case in cases:
        audit.record_event(
            actor=actor,
            action=Action.READ,
            event_type="case.detail",
            purpose=Purpose.CASE_MANAGEMENT,
            obj=case,
        )


def _table_text(session: BrowserSession) -> str:
    return session.page.locator("main table tbody").inner_text()


def test_the_privacy_officer_filters_on_a_youth_and_exports_the_events_in_dutch(
    browser_session: BrowserSession,
) -> None:
    # Given the demo LPA viewed two dossiers
    seed_accounts()
    gemeente, swv = Organisation.objects.get(code="GM1681"), Organisation.objects.get(code="PO 22-02")
    sought = CaseFactory(gemeente=gemeente, swv=swv, reference="WIO-AUDIT01")
    other = CaseFactory(gemeente=gemeente, swv=swv, reference="WIO-AUDIT02")
    _lpa_viewed(sought, other)
    page = browser_session.page

    # When the privacy officer opens the audit trail from the menu
    browser_session.log_in("privacy@wio.example")
    page.locator("#main-navigation").get_by_role("link", name="Auditspoor").click()
    browser_session.wait_for(reverse("audit:event_list"))
    browser_session.check_page()

    # Then the events read as words: the event, the role and the object
    row = page.locator("main table tbody tr", has_text="WIO-AUDIT01")
    assert row.count() == 1
    words = row.inner_text()
    assert "Casus bekeken" in words
    assert "Leerplichtambtenaar" in words
    assert "Casus WIO-AUDIT01" in words
    assert "case.detail" not in _table_text(browser_session)
    kinds = page.locator("#id_event_type option").all_inner_texts()
    assert {"Dossiers", "Auditspoor"} <= set(kinds)

    # When they filter on one youth's reference, the form is posted and the URL stays clean
    page.fill("#id_youth_ref", "WIO-AUDIT01")
    with page.expect_navigation():
        page.get_by_role("button", name="Filteren").click()
    browser_session.wait_for(reverse("audit:event_list"))
    assert "WIO-AUDIT01" in _table_text(browser_session)
    assert "WIO-AUDIT02" not in _table_text(browser_session)
    browser_session.check_page()

    # And the export holds exactly the filtered events, in the same words, from a URL without the reference
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download deze gebeurtenissen als csv").click()
    download = download_info.value
    assert "WIO-AUDIT" not in download.url
    rows = list(csv.reader(io.StringIO(Path(download.path()).read_text(encoding="utf-8-sig")), delimiter=";"))
    assert rows[0][:4] == ["Tijdstip", "Actie", "Gebeurtenis", "Gebeurteniscode"]
    assert [(r[2], r[7], r[8]) for r in rows[1:]] == [("Casus bekeken", "WIO-AUDIT01", "Casus WIO-AUDIT01")]

    # And the export is itself in the trail, once the filters are cleared
    exported = AuditEvent.objects.get(event_type="audit.export")
    assert exported.actor_label == "privacy@wio.example"
    assert exported.detail == {"rows": 1}
    with page.expect_navigation():
        page.get_by_role("link", name="Wis filters").click()
    browser_session.wait_for(reverse("audit:event_list"))
    export_row = page.locator("main table tbody tr", has_text="Auditspoor geëxporteerd")
    assert export_row.count() == 1
    assert "Privacyfunctionaris" in export_row.inner_text()
    browser_session.check_page()
