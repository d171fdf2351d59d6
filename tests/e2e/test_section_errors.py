"""In-page (htmx) section forms in Chromium (issue #8, defect 2).

The server answers a form with errors with 422; htmx 2 swaps no 4xx unless told to, so before the
fix the user saw nothing at all. Each of the dossier's sections is opened in place and saved empty.
With the demo data, editing a consent or a conversation in place keeps the people it names, and the
preparation pack of a beraad whose participants the parents named shows the case information.
"""

from typing import Any

from django.db.models import Model
from django.urls import reverse

import pytest

from cases import demo as cases_demo
from cases.constants import CONSENTING_ROLES, ConsentScope
from cases.models import Consent, Conversation, TimelineEntry
from cases.sections import SECTIONS, Section
from cases.selectors import cases_visible_to
from monitor import demo as monitor_demo
from moreelberaad import demo as moreelberaad_demo
from moreelberaad.models import Beraad
from moreelberaad.selectors import beraden_visible_to
from tests.cases.factories import CaseFactory
from tests.e2e.conftest import BrowserSession
from wio.accounts.demo import seed as seed_accounts
from wio.accounts.models import Organisation, User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Every field of these forms may be left empty: saving the empty form records an entry.
VALID_WHEN_EMPTY = {"plan", "leerverhaal"}
REQUIRED = "Dit veld is verplicht."

# The first field marked invalid, the keyboard focus, and the Dutch message of the focused field's
# own wrapper (crispy puts the message in the same `div_id_<name>` as the field).
_FOCUS_STATE = """
(formId) => {
  const box = document.getElementById(formId);
  const first = box.querySelector('.is-invalid');
  const focused = document.activeElement;
  const wrapper = focused && focused.closest('[id^="div_id_"]');
  const feedback = wrapper && wrapper.querySelector('.invalid-feedback');
  return {
    firstInvalid: first && first.id,
    focused: focused && focused.id,
    feedback: feedback ? feedback.innerText.trim() : null,
  };
}
"""


def _open_form(session: BrowserSession, section: Section) -> Any:
    page = session.page
    page.locator(f"#{section.slug} > .card-body > div > a.btn-outline-primary").click()
    form = page.locator(f"#{section.slug}-form form")
    form.wait_for()
    return form


def _count(section: Section, case: Any) -> int:
    return section.model._default_manager.filter(case=case).count()


def test_every_section_saved_empty_shows_its_dutch_errors_next_to_the_fields(
    browser_session: BrowserSession,
) -> None:
    # Given a new case of the demo LPA's gemeente, open in the browser
    seed_accounts()
    case = CaseFactory(
        gemeente=Organisation.objects.get(code="GM1681"), swv=Organisation.objects.get(code="PO 22-02")
    )
    browser_session.log_in("lpa@wio.example")
    browser_session.goto(reverse("cases:detail", args=[case.pk]))
    page = browser_session.page
    checked_with_axe = False

    for section in SECTIONS:
        before = _count(section, case)

        # When the section's form is opened in place and saved without filling in anything
        form = _open_form(browser_session, section)
        form.locator("button[type=submit]").click()

        if section.slug in VALID_WHEN_EMPTY:
            # Then an empty form that is valid is saved, and the refreshed section shows the entry
            page.locator(f"#{section.slug}-form form").wait_for(state="detached")
            assert _count(section, case) == before + 1, section.slug
            rows = page.locator(f"#{section.slug} a[href$='/{section.slug}/{_last_pk(section, case)}/']")
            assert rows.count() >= 1, section.slug
            assert page.locator(f"#{section.slug}").get_by_text(str(section.empty_text)).count() == 0
            continue

        # Then the form stays in place with a Dutch message next to the field, which has the focus
        feedback = page.locator(f"#{section.slug}-form .invalid-feedback").first
        feedback.wait_for()
        assert feedback.is_visible(), section.slug
        assert page.locator(f"#{section.slug}-form form").count() == 1, section.slug
        page.wait_for_function(
            "(formId) => document.activeElement"
            " && document.activeElement === document.getElementById(formId).querySelector('.is-invalid')",
            arg=f"{section.slug}-form",
        )
        state = page.evaluate(_FOCUS_STATE, f"{section.slug}-form")
        assert state["focused"], (section.slug, state)
        assert state["focused"] == state["firstInvalid"], (section.slug, state)
        assert state["feedback"] == REQUIRED, (section.slug, state)
        # And nothing was saved
        assert _count(section, case) == before, section.slug
        if not checked_with_axe:
            browser_session.check_page()
            checked_with_axe = True

    assert checked_with_axe


def _last_pk(section: Section, case: Any) -> int:
    entry = section.model._default_manager.filter(case=case).order_by("-pk").first()
    assert entry is not None
    return entry.pk


def _edit_in_place(session: BrowserSession, slug: str, entry: Model, field: str) -> set[str]:
    """Open the entry's edit form in its section, save it unchanged; the checked boxes of `field`."""
    page = session.page
    url = reverse("cases:entry_edit", args=[entry.case_id, slug, entry.pk])
    page.locator(f"#{slug} a[hx-get='{url}']").click()
    form = page.locator(f"#{slug}-form form")
    form.wait_for()
    boxes = form.locator(f"input[type=checkbox][name={field}]")
    assert boxes.count() > 0
    checked = {box.get_attribute("value") or "" for box in boxes.all() if box.is_checked()}
    form.locator("button[type=submit]").click()
    form.wait_for(state="detached")
    return checked


def _named(beraad: Beraad) -> bool:
    """Whether the parents' consent to share with the beraad names every participant without a login."""
    named = set(
        Consent.shared_with.through.objects.filter(
            consent__case_id=beraad.case_id,
            consent__scope=ConsentScope.SHARE_WITH_BERAAD,
            consent__withdrawn_on__isnull=True,
            consent__person__role__in=CONSENTING_ROLES,
        ).values_list("involved_id", flat=True)
    )
    participants = list(beraad.participants.all())
    return bool(participants) and all(p.user_id or p.involved_id in named for p in participants)


def test_the_demo_keeps_named_people_and_shares_the_pack_the_parents_agreed_to(
    browser_session: BrowserSession, browser: Any, live_server: Any
) -> None:
    # Given the full demo
    seed_accounts()
    cases_demo.seed()
    moreelberaad_demo.seed()
    monitor_demo.seed()
    lpa = User.objects.get(email="lpa@wio.example")
    visible = cases_visible_to(lpa)
    consent = (
        Consent.objects.filter(case__in=visible, withdrawn_on__isnull=True, shared_with__isnull=False)
        .distinct()
        .order_by("pk")
        .first()
    )
    conversation = (
        Conversation.objects.filter(case__in=visible, attendees__isnull=False)
        .distinct()
        .order_by("pk")
        .first()
    )
    assert consent is not None, "the demo has no consent naming people for the demo LPA"
    assert conversation is not None, "the demo has no conversation with attendees for the demo LPA"
    named = {str(pk) for pk in consent.shared_with.values_list("pk", flat=True)}
    attendees = {str(pk) for pk in conversation.attendees.values_list("pk", flat=True)}
    browser_session.log_in("lpa@wio.example")
    page = browser_session.page

    # When the LPA edits the consent in place and saves it unchanged
    browser_session.goto(reverse("cases:detail", args=[consent.case_id]))
    checked = _edit_in_place(browser_session, "toestemming", consent, "shared_with")
    page.reload()
    browser_session.check_page()

    # Then the form showed the named people checked, and the consent still names exactly them
    assert checked == named
    version = consent.version
    consent.refresh_from_db()
    assert consent.version == version + 1  # it was saved
    assert {str(pk) for pk in consent.shared_with.values_list("pk", flat=True)} == named

    # And the same for a conversation and its attendees
    browser_session.goto(reverse("cases:detail", args=[conversation.case_id]))
    checked = _edit_in_place(browser_session, "gesprekken", conversation, "attendees")
    page.reload()
    assert checked == attendees
    version = conversation.version
    conversation.refresh_from_db()
    assert conversation.version == version + 1
    assert {str(pk) for pk in conversation.attendees.values_list("pk", flat=True)} == attendees

    # When the demo coordinator opens the pack of a beraad whose participants the parents named
    coordinator = User.objects.get(email="coordinator@wio.example")
    shared = [b for b in beraden_visible_to(coordinator).order_by("pk") if _named(b)]
    assert shared, "no demo beraad of the demo coordinator whose participants the parents' consent names"
    beraad = shared[0]
    context = browser.new_context(locale="nl-NL", reduced_motion="reduce")
    session = BrowserSession(context.new_page(), live_server.url)
    session.log_in("coordinator@wio.example")
    session.goto(reverse("moreelberaad:pack", args=[beraad.pk]))
    session.check_page()

    # Then the case information is shared: the youth, the preparation, the timeline, the own voice
    about = session.page.locator("section[aria-labelledby=pakket-casus]")
    assert about.locator(".notice").count() == 0
    assert about.get_by_text(beraad.case.full_name, exact=True).count() == 1
    assert about.locator("h3").count() >= 5  # the youth, three preparation notes, timeline, voice
    timeline = TimelineEntry.objects.filter(case_id=beraad.case_id).count()
    assert timeline > 0
    assert about.locator("table tbody tr").count() == timeline
    context.close()
