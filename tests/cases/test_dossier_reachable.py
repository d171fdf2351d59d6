"""Issue 14 items 5 and 8: the long dossier page is navigable, its timeline and entry forms are at
hand, the print speaks the screen's words and lists of names read as Dutch prose."""

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.test import Client
from django.urls import reverse
from django.utils import timezone

import pytest
import time_machine
from bs4 import BeautifulSoup

from cases.models import Case, Conversation, TimelineEntry
from tests.cases.factories import CaseFactory, ConsentFactory, InvolvedFactory, TimelineEntryFactory
from tests.factories import user_with_role
from tests.forms.page_language import visible_text
from tests.moreelberaad.rendered_form import rendered_form
from wio.accounts.constants import Role
from wio.accounts.models import User

pytestmark = pytest.mark.django_db

# Panels registered by other apps without a link in the section navigation: the monitor's stories
# panel (monitor/apps.py does not pass anchor/title to register_case_panel yet).
PANELS_WITHOUT_NAV_LINK: set[str] = set()

# Forms for a new record whose date is about now; conversations are planned ahead (no preset).
DATED_TODAY = {
    reverse("cases:entry_add", args=[0, "tijdlijn"]): "occurred_on",
    reverse("cases:entry_add", args=[0, "toestemming"]): "given_on",
    reverse("cases:entry_add", args=[0, "ontwikkeling"]): "noted_on",
    reverse("cases:entry_add", args=[0, "beweging"]): "occurred_on",
    reverse("cases:entry_add", args=[0, "escalaties"]): "referred_on",
    reverse("cases:entry_add", args=[0, "uitkomsten"]): "recorded_on",
    reverse("cases:knelpunt_add", args=[0]): "raised_on",
    reverse("cases:case_hours_add", args=[0]): "worked_on",
}


@pytest.fixture
def lpa() -> User:
    return user_with_role(Role.LPA)


@pytest.fixture
def lpa_client(lpa: User, signed_in: Callable[[User], Client]) -> Client:
    return signed_in(lpa)


@pytest.fixture
def case(lpa: User) -> Case:
    return CaseFactory(gemeente=lpa.memberships.get().organisation)


def _soup(html: bytes | str) -> Any:
    """The parsed page; Any, as a test reads the tags it expects (a missing one fails the test)."""
    return BeautifulSoup(html.decode() if isinstance(html, bytes) else html, "html.parser")


def _page(client: Client, url: str) -> Any:
    response = client.get(url)
    assert response.status_code == 200
    return _soup(response.content)


def _for_case(url: str, case: Case) -> str:
    return url.replace("/0/", f"/{case.pk}/", 1)


# --- the section navigation -------------------------------------------------------------------------


def test_the_section_navigation_links_to_every_section_of_the_dossier(lpa_client: Client, case: Case) -> None:
    page = _page(lpa_client, reverse("cases:detail", args=[case.pk]))

    nav = page.find("nav", id="secties")
    assert nav is not None
    assert nav["aria-label"] == "Onderdelen van deze casus"
    links = [a["href"] for a in nav.find_all("a")]
    sections = [section["id"] for section in page.find("main").find_all("section", id=True)]
    assert {"tijdlijn", "knelpunten", "uren", "beraden"} <= set(sections)
    assert [f"#{anchor}" for anchor in sections if anchor not in PANELS_WITHOUT_NAV_LINK] == links
    # the navigation comes before the sections, right under the case's header
    assert page.find("main").find(["nav", "section"], id=True)["id"] == "secties"


# --- the timeline -------------------------------------------------------------------------------------


def test_the_timeline_shows_the_newest_entry_first_and_the_print_the_oldest(
    lpa_client: Client, case: Case
) -> None:
    today = timezone.localdate()
    for days_ago, text in ((30, "Eerste melding"), (2, "Huisbezoek"), (10, "Gesprek op school")):
        TimelineEntryFactory(case=case, occurred_on=today - timedelta(days=days_ago), description=text)
    TimelineEntryFactory(case=case, occurred_on=today - timedelta(days=2), description="Daarna gebeld")

    screen = _page(lpa_client, reverse("cases:detail", args=[case.pk])).find("section", id="tijdlijn")
    printed = _page(lpa_client, reverse("cases:print", args=[case.pk]))

    newest_first = ["Daarna gebeld", "Huisbezoek", "Gesprek op school", "Eerste melding"]
    assert _order_of(visible_text(str(screen)), newest_first) == newest_first
    assert "Nieuwste bovenaan." in visible_text(str(screen))
    assert _order_of(visible_text(str(printed)), newest_first) == newest_first[::-1]
    assert "Oudste bovenaan." in visible_text(str(printed))


def test_the_timeline_saved_in_place_keeps_the_newest_entry_first(lpa_client: Client, case: Case) -> None:
    TimelineEntryFactory(case=case, occurred_on=timezone.localdate() - timedelta(days=5), description="Ouder")
    url = reverse("cases:entry_add", args=[case.pk, "tijdlijn"])
    form = rendered_form(lpa_client.get(url).content, having="occurred_on")

    response = lpa_client.post(
        url,
        form.payload(entry_type="contact", description="Vandaag gebeld"),
        headers={"HX-Request": "true"},
    )

    assert response.status_code == 200
    assert _order_of(visible_text(response.content.decode()), ["Ouder", "Vandaag gebeld"]) == [
        "Vandaag gebeld",
        "Ouder",
    ]


def _order_of(text: str, phrases: list[str]) -> list[str]:
    assert all(phrase in text for phrase in phrases), text
    return sorted(phrases, key=text.index)


# --- dates preset to today ----------------------------------------------------------------------------


@pytest.mark.parametrize(("url", "field"), DATED_TODAY.items())
def test_a_new_records_date_is_today_in_amsterdam(
    signed_in: Callable[[User], Client], lpa: User, case: Case, url: str, field: str
) -> None:
    # 23:30 UTC on 31 December is already New Year's Day in Amsterdam
    with time_machine.travel(datetime(2026, 12, 31, 23, 30, tzinfo=ZoneInfo("UTC")), tick=False):
        page = _page(signed_in(lpa), _for_case(url, case))

    assert page.find("input", attrs={"name": field})["value"] == "2027-01-01"


def test_a_date_the_user_sent_is_kept_when_the_form_comes_back(lpa_client: Client, case: Case) -> None:
    url = reverse("cases:entry_add", args=[case.pk, "tijdlijn"])
    form = rendered_form(lpa_client.get(url).content, having="occurred_on")

    response = lpa_client.post(url, form.payload(occurred_on="2026-11-02", entry_type="", description=""))

    assert response.status_code == 422
    page = _soup(response.content)
    assert page.find("input", attrs={"name": "occurred_on"})["value"] == "2026-11-02"
    assert not TimelineEntry.objects.exists()


def test_a_changed_record_keeps_its_own_date(lpa_client: Client, case: Case) -> None:
    entry = TimelineEntryFactory(case=case, occurred_on=date(2026, 3, 9))

    page = _page(lpa_client, reverse("cases:entry_edit", args=[case.pk, "tijdlijn", entry.pk]))

    assert page.find("input", attrs={"name": "occurred_on"})["value"] == "2026-03-09"


def test_a_conversation_is_planned_with_a_date_the_user_chooses(lpa_client: Client, case: Case) -> None:
    page = _page(lpa_client, reverse("cases:entry_add", args=[case.pk, "gesprekken"]))

    assert not page.find("input", attrs={"name": "held_on"}).get("value")


# --- the print speaks the screen's words -------------------------------------------------------------


def test_the_printed_milestones_read_as_on_screen(lpa_client: Client, lpa: User) -> None:
    late = CaseFactory(
        gemeente=lpa.memberships.get().organisation,
        registered_on=timezone.localdate() - timedelta(weeks=6),
        escalation_start_on=timezone.localdate() - timedelta(weeks=6),
    )

    screen = _page(lpa_client, reverse("cases:detail", args=[late.pk])).find("section", id="escalatieklok")
    printed = _page(lpa_client, reverse("cases:print", args=[late.pk]))

    states = [_states(screen), _states(printed)]
    assert states[0] == states[1] == ["te laat", "verwacht", "verwacht"]
    assert "Uiterlijk" not in states[1]


def _states(page: Any) -> list[str]:
    """The last cell of each milestone row: its state in words."""
    rows = page.find("table").select("tbody tr")
    return [" ".join(row.find_all("td")[-1].get_text().split()) for row in rows]


# --- lists of names -----------------------------------------------------------------------------------


def test_lists_of_names_have_no_space_before_a_comma(lpa_client: Client, case: Case) -> None:
    anna, bas, cees = (InvolvedFactory(case=case, name=name) for name in ("Anna", "Bas", "Cees"))
    entry = TimelineEntryFactory(case=case)
    entry.involved.set([anna, bas, cees])
    conversation = Conversation.objects.create(case=case, kind="casusgesprek", held_on=timezone.localdate())
    conversation.attendees.set([anna, bas])
    ConsentFactory(case=case, person=anna).shared_with.set([bas, cees])

    for url in (reverse("cases:detail", args=[case.pk]), reverse("cases:print", args=[case.pk])):
        text = visible_text(lpa_client.get(url).content.decode())

        assert " ," not in text
        assert "Anna, Bas, Cees" in text
        assert "Anna, Bas" in text
