"""axe-core and the CSP on every cases page an attendance officer can open (issue #3 acceptance)."""

from django.urls import reverse

import pytest

from cases.constants import Category
from cases.sections import SECTIONS
from tests.cases.factories import (
    ActionItemFactory,
    AttachmentFactory,
    CaseFactory,
    CaseImportFactory,
    ConsentFactory,
    KnelpuntFactory,
    TimeEntryFactory,
    TimelineEntryFactory,
)
from tests.e2e.conftest import BrowserSession
from wio.accounts.demo import seed as seed_accounts
from wio.accounts.models import Organisation, User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_every_cases_page_passes_axe(browser_session: BrowserSession) -> None:
    seed_accounts()
    gemeente = Organisation.objects.get(code="GM1681")
    swv = Organisation.objects.get(code="PO 22-02")
    case = CaseFactory(gemeente=gemeente, swv=swv)
    verzuim = CaseFactory(gemeente=gemeente, swv=swv, category=Category.ABSOLUUT_VERZUIM)
    entry = TimelineEntryFactory(case=case)
    consent = ConsentFactory(case=case)
    ActionItemFactory(case=case)
    KnelpuntFactory(cases=[case])
    upload = CaseImportFactory(gemeente=gemeente, uploaded_by=lpa_user())
    hours = TimeEntryFactory(case=case, person=lpa_user())
    attachment = AttachmentFactory(case=case)
    item = case.preparation_items.first()
    assert item is not None
    browser_session.log_in("lpa@wio.example")

    paths = [
        reverse("cases:list"),
        f"{reverse('cases:list')}?status=in_beeld&escalation=overdue",
        reverse("cases:create"),
        reverse("cases:detail", args=[case.pk]),
        reverse("cases:detail", args=[verzuim.pk]),
        reverse("cases:edit", args=[case.pk]),
        reverse("cases:print", args=[case.pk]),
        reverse("cases:delete", args=[case.pk]),
        reverse("cases:preparation_edit", args=[case.pk, item.pk]),
        reverse("cases:consent_withdraw", args=[case.pk, consent.pk]),
        reverse("cases:knelpunt_add", args=[case.pk]),
        reverse("cases:entry_edit", args=[case.pk, "tijdlijn", entry.pk]),
        reverse("cases:entry_delete", args=[case.pk, "tijdlijn", entry.pk]),
        reverse("cases:group_edit", args=[verzuim.pk, "verzuim"]),
        reverse("cases:my_work"),
        reverse("cases:import_upload"),
        reverse("cases:hours_overview"),
        reverse("cases:hours_add"),
        reverse("cases:case_hours_add", args=[case.pk]),
        reverse("cases:attachment_add", args=[case.pk]),
        reverse("cases:attachment_delete", args=[case.pk, attachment.pk]),
        reverse("cases:hours_delete", args=[hours.pk]),
        reverse("cases:import_preview", args=[upload.pk]),
    ]
    paths += [reverse("cases:entry_add", args=[case.pk, section.slug]) for section in SECTIONS]
    paths += [
        reverse("cases:group_edit", args=[case.pk, group])
        for group in ("regie", "stem", "aanbod", "escalatie", "vrijstelling")
    ]
    for path in paths:
        response = browser_session.goto(path)
        assert response is not None
        assert response.status < 400, f"{path}: {response.status}"
        browser_session.check_page()


def test_forms_with_errors_pass_axe(browser_session: BrowserSession) -> None:
    seed_accounts()
    browser_session.log_in("lpa@wio.example")
    browser_session.goto(reverse("cases:create"))
    browser_session.page.click("main form[method=post] button[type=submit]")
    browser_session.page.wait_for_load_state("load")
    assert browser_session.page.locator(".invalid-feedback").count() > 0
    browser_session.check_page()


def lpa_user() -> User:
    return User.objects.get(email="lpa@wio.example")
