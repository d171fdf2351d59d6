"""Issue 10 acceptance in Chromium: withdrawing each consent on the case page removes the youth from
the next pack and the next report, and deletes the pack PDF made while the consent held."""

from datetime import timedelta
from pathlib import Path
from typing import Any

from django.core.files.storage import FileSystemStorage
from django.urls import reverse
from django.utils import timezone

import pytest

from cases.constants import ConsentScope, InvolvedRole
from cases.models import Consent
from cases.storage import private_storage
from monitor.constants import ReportScope
from monitor.publications.reporting_dates import latest_reporting_date
from monitor.services import reports as report_services
from monitor.stories.selectors import approved_stories_for_report
from monitor.tasks import generate_report
from moreelberaad.pack_files import pdf_name
from moreelberaad.tasks_pack import generate_pack_pdf
from tests.cases.factories import CaseFactory, ConsentFactory, InvolvedFactory
from tests.e2e.conftest import BrowserSession
from tests.monitor.factories import StoryFactory
from tests.moreelberaad.factories import BeraadFactory, ParticipantFactory
from tests.pdftools import pdf_text
from wio.accounts.demo import seed as seed_accounts
from wio.accounts.models import Organisation, User
from wio.audit import services as audit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

YOUTH = "Kwikstaartsentinel"
STORY = "Een ochtend op de zorgboerderij"


def _report_text(scope: str, region: Any, requester: User, tmp_path: Path) -> str:
    """A report asked for and generated now (the worker played inline), as its text."""
    report = report_services.report_request(
        scope=scope,
        region=region,
        period_start=timezone.localdate() - timedelta(days=30),
        period_end=timezone.localdate(),
        peildatum=latest_reporting_date(),
        actor=audit.actor_from(user=requester),
    )
    generate_report(report.pk)
    report.refresh_from_db()
    with private_storage().open(report.file_name, "rb") as handle:
        return " ".join(pdf_text(handle.read(), tmp_path).split())


def _withdraw_on_the_case_page(session: BrowserSession, case_id: int, consent: Consent) -> None:
    """Open the case, follow the consent's "Intrekken" link, confirm on the page that asks."""
    session.goto(reverse("cases:detail", args=[case_id]))
    link = session.page.locator(f"a[href='{reverse('cases:consent_withdraw', args=[case_id, consent.pk])}']")
    link.click()
    session.wait_for(reverse("cases:consent_withdraw", args=[case_id, consent.pk]))
    session.check_page()
    session.page.click("main form button[type=submit]")
    session.page.wait_for_load_state("load")


def test_withdrawing_each_consent_in_the_browser_removes_the_youth_from_pack_and_report(
    browser_session: BrowserSession, settings: Any, tmp_path: Path
) -> None:
    # given a case of the demo coordinator whose parent consented to both sharing and a story
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    storage = FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT)
    seed_accounts()
    coordinator = User.objects.get(email="coordinator@wio.example")
    case = CaseFactory(
        first_name="Lieke",
        last_name=YOUTH,
        gemeente=Organisation.objects.get(code="GM1681"),
        swv=Organisation.objects.get(code="PO 22-02"),
    )
    parent = InvolvedFactory(case=case, role=InvolvedRole.OUDER, name="Ouder Meeuwsen")
    share = ConsentFactory(case=case, person=parent)
    share.shared_with.set([parent])
    story_consent = ConsentFactory(case=case, person=parent, scope=ConsentScope.ANONYMISED_STORY)
    beraad = BeraadFactory(case=case)
    ParticipantFactory(beraad=beraad, parent=True, involved=parent, name=parent.name)
    StoryFactory(case=case, approved=True, title=STORY, consent=False)
    generate_pack_pdf(beraad.pk, coordinator.pk)
    with storage.open(pdf_name(beraad.pk), "rb") as handle:
        assert YOUTH in pdf_text(handle.read(), tmp_path)  # shared while the consent held
    period = (timezone.localdate() - timedelta(days=30), timezone.localdate())
    assert [view.title for view in approved_stories_for_report(None, *period)] == [STORY]
    assert STORY in _report_text(ReportScope.NATIONAL, None, coordinator, tmp_path)
    browser_session.log_in("coordinator@wio.example")

    # when the coordinator withdraws the sharing consent on the case page
    _withdraw_on_the_case_page(browser_session, case.pk, share)

    # then the pack made under it is gone from the disk, and the next pack holds no youth
    assert not storage.exists(pdf_name(beraad.pk))
    browser_session.goto(reverse("moreelberaad:pack", args=[beraad.pk]))
    browser_session.check_page()
    assert YOUTH not in browser_session.page.content()
    generate_pack_pdf(beraad.pk, coordinator.pk)
    with storage.open(pdf_name(beraad.pk), "rb") as handle:
        assert YOUTH not in pdf_text(handle.read(), tmp_path)

    # when the story consent is withdrawn the same way
    _withdraw_on_the_case_page(browser_session, case.pk, story_consent)

    # then the next report leaves the story out
    assert approved_stories_for_report(None, *period) == []
    assert STORY not in _report_text(ReportScope.REGION, case.swv.region, coordinator, tmp_path)
    assert Consent.objects.filter(case=case, withdrawn_on__isnull=True).count() == 0
