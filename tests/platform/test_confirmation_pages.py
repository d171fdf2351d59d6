"""Issue 14 item 3: every action that deletes, ends or cancels something asks on one confirmation page.

For each: GET (or the POST that leads there) shows the page with the action's name on its button,
the irreversibility sentence where it applies and a "Terug" link; a POST from that form performs the
action; a POST without the confirmation token, or with a token from a page about another state,
does not. Every confirmation template extends templates/confirm/base.html.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from django.conf import settings
from django.test import Client
from django.urls import reverse

import pytest
from bs4 import BeautifulSoup

from cases.constants import HandoverStatus, Status
from cases.models import Attachment, Case, CaseHandover, Consent, TimeEntry, TimelineEntry
from moreelberaad.constants import BeraadStatus, LearningLevel
from moreelberaad.models import Beraad, OrganisationCommitment, Participant, Perspective, Reflection
from tests.cases.core_support import member_of
from tests.cases.factories import (
    AttachmentFactory,
    CaseFactory,
    ConsentFactory,
    TimeEntryFactory,
    TimelineEntryFactory,
)
from tests.confirming import confirmation_form, post_confirmation
from tests.conftest import sign_in
from tests.factories import OrganisationFactory, user_with_role
from tests.moreelberaad.factories import BeraadFactory, ParticipantFactory
from wio.accounts.constants import Role
from wio.accounts.models import User
from wio.audit.models import AuditEvent
from wio.audit.services import actor_from

pytestmark = pytest.mark.django_db

IRREVERSIBLE = "Dit kan niet ongedaan worden gemaakt."
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


@dataclass
class Confirmation:
    client: Client
    page: str  # the confirmation's URL; the form posts back to it
    button: str  # the primary button's words, naming the action
    back: str  # where "Terug" goes
    done: Callable[[], bool]
    irreversible: bool = True
    reach: dict[str, str] | None = None  # reached by a POST of these fields instead of a GET
    typed: dict[str, str] = field(default_factory=dict)  # what the user types (a reason)
    shows: str = ""  # a text the page must show in Dutch


def _as(user: User) -> Client:
    return sign_in(Client(), user)


def _lpa_case(**fields: Any) -> tuple[Client, Case]:
    case = CaseFactory(**fields)
    return _as(member_of(case.gemeente, Role.LPA)), case


def _detail(case: Case, anchor: str = "") -> str:
    return reverse("cases:detail", args=[case.pk]) + (f"#{anchor}" if anchor else "")


def case_delete() -> Confirmation:
    client, case = _lpa_case()
    return Confirmation(
        client,
        reverse("cases:delete", args=[case.pk]),
        "Deze casus verwijderen",
        _detail(case),
        lambda: not Case.objects.filter(pk=case.pk).exists(),
        typed={"registered_in_error": "on", "note": "Dubbel ingevoerd"},
    )


def entry_delete() -> Confirmation:
    client, case = _lpa_case()
    entry = TimelineEntryFactory(case=case, occurred_on=date(2026, 12, 3))
    return Confirmation(
        client,
        reverse("cases:entry_delete", args=[case.pk, "tijdlijn", entry.pk]),
        "Verwijderen uit “Tijdlijn”",
        _detail(case, "tijdlijn"),
        lambda: not TimelineEntry.objects.filter(pk=entry.pk).exists(),
        shows="3 december 2026: Contact",
    )


def consent_withdraw() -> Confirmation:
    client, case = _lpa_case()
    consent = ConsentFactory(case=case, given_on=date(2026, 11, 2))
    return Confirmation(
        client,
        reverse("cases:consent_withdraw", args=[case.pk, consent.pk]),
        "Toestemming intrekken",
        _detail(case, "toestemming"),
        lambda: Consent.objects.get(pk=consent.pk).withdrawn_on is not None,
        shows="2 november 2026",
    )


def attachment_delete() -> Confirmation:
    client, case = _lpa_case()
    attachment = AttachmentFactory(case=case)
    return Confirmation(
        client,
        reverse("cases:attachment_delete", args=[case.pk, attachment.pk]),
        "Bijlage verwijderen",
        _detail(case, "bijlagen"),
        lambda: not Attachment.objects.filter(pk=attachment.pk).exists(),
    )


def hours_delete() -> Confirmation:
    case = CaseFactory()
    officer = member_of(case.gemeente, Role.LPA)
    entry = TimeEntryFactory(case=case, person=officer, worked_on=date(2026, 11, 30))
    return Confirmation(
        _as(officer),
        reverse("cases:hours_delete", args=[entry.pk]),
        "Uren verwijderen",
        _detail(case, "uren"),
        lambda: not TimeEntry.objects.filter(pk=entry.pk).exists(),
        shows="30 november 2026",
    )


def status_close() -> Confirmation:
    client, case = _lpa_case(status=Status.NAZORG)
    return Confirmation(
        client,
        reverse("cases:status", args=[case.pk]),
        "Casus afsluiten",
        _detail(case),
        lambda: Case.objects.get(pk=case.pk).status == Status.AFGESLOTEN,
        irreversible=False,
        reach={"to_status": Status.AFGESLOTEN},
        typed={"note": "Weer naar school"},
    )


def status_back() -> Confirmation:
    client, case = _lpa_case(status=Status.NAZORG)
    return Confirmation(
        client,
        reverse("cases:status", args=[case.pk]),
        "Terugzetten naar “Vervolg”",
        _detail(case),
        lambda: Case.objects.get(pk=case.pk).status == Status.VERVOLG,
        irreversible=False,
        reach={"to_status": Status.VERVOLG},
        typed={"note": "Toch nog niet klaar"},
    )


def _moving_case() -> tuple[User, Case, Any]:
    old, new = OrganisationFactory(), OrganisationFactory(name="Gemeente Aankomst")
    case = CaseFactory(gemeente=old, swv=OrganisationFactory(swv=True, region=old.region))
    return member_of(old, Role.LPA), case, new


def handover_offer() -> Confirmation:
    officer, case, new = _moving_case()
    client = _as(officer)
    return Confirmation(
        client,
        reverse("cases:handover_request", args=[case.pk]),
        "Casus overdragen",
        _detail(case),
        lambda: CaseHandover.objects.filter(case=case, status=HandoverStatus.PENDING).exists(),
        irreversible=False,
        reach={"to_gemeente": str(new.pk)},
        shows="Gemeente Aankomst",
    )


def handover_withdraw() -> Confirmation:
    from cases import services

    officer, case, new = _moving_case()
    handover = services.handover_request(case=case, to_gemeente=new, actor=actor_from(user=officer))
    return Confirmation(
        _as(officer),
        reverse("cases:handover_cancel", args=[handover.pk]),
        "Overdracht intrekken",
        _detail(case),
        lambda: CaseHandover.objects.get(pk=handover.pk).status != HandoverStatus.PENDING,
        irreversible=False,
    )


def _coordinator_beraad() -> tuple[Client, Beraad]:
    coordinator = user_with_role(Role.SWV_COORDINATOR)
    case = CaseFactory(swv=coordinator.memberships.get().organisation, status=Status.BERAAD_GEPLAND)
    return _as(coordinator), BeraadFactory(case=case)


def _beraad_page(beraad: Beraad, anchor: str) -> str:
    return f"{reverse('moreelberaad:detail', args=[beraad.pk])}#{anchor}"


def beraad_cancel() -> Confirmation:
    client, beraad = _coordinator_beraad()
    return Confirmation(
        client,
        reverse("moreelberaad:cancel", args=[beraad.pk]),
        "Beraad annuleren",
        _beraad_page(beraad, "uitnodigingen"),
        lambda: Beraad.objects.get(pk=beraad.pk).status == BeraadStatus.GEANNULEERD,
        typed={"reason": "De ouders trekken zich terug"},
    )


def participant_remove() -> Confirmation:
    client, beraad = _coordinator_beraad()
    participant = ParticipantFactory(beraad=beraad)
    return Confirmation(
        client,
        reverse("moreelberaad:participant_remove", args=[beraad.pk, participant.pk]),
        "Deelnemer verwijderen",
        _beraad_page(beraad, "deelnemers"),
        lambda: not Participant.objects.filter(pk=participant.pk).exists(),
    )


def perspective_remove() -> Confirmation:
    client, beraad = _coordinator_beraad()
    perspective = Perspective.objects.create(
        beraad=beraad, participant=ParticipantFactory(beraad=beraad), perspective="Als moeder"
    )
    return Confirmation(
        client,
        reverse("moreelberaad:perspective_remove", args=[beraad.pk, perspective.pk]),
        "Perspectief verwijderen",
        _beraad_page(beraad, "verslag"),
        lambda: not Perspective.objects.filter(pk=perspective.pk).exists(),
    )


def commitment_remove() -> Confirmation:
    client, beraad = _coordinator_beraad()
    commitment = OrganisationCommitment.objects.create(
        beraad=beraad, organisation_name="Zorgpartner", commitment="Een begeleider"
    )
    return Confirmation(
        client,
        reverse("moreelberaad:commitment_remove", args=[beraad.pk, commitment.pk]),
        "Toezegging verwijderen",
        reverse("moreelberaad:outcome", args=[beraad.pk]),
        lambda: not OrganisationCommitment.objects.filter(pk=commitment.pk).exists(),
        shows="Zorgpartner",
    )


def reflection_remove() -> Confirmation:
    client, beraad = _coordinator_beraad()
    reflection = Reflection.objects.create(
        beraad=beraad, level=LearningLevel.RODE_DRAAD, theme="Wachtlijsten", text="Overal dezelfde."
    )
    return Confirmation(
        client,
        reverse("moreelberaad:reflection_remove", args=[beraad.pk, reflection.pk]),
        "Reflectie verwijderen",
        _beraad_page(beraad, "uitkomst"),
        lambda: not Reflection.objects.filter(pk=reflection.pk).exists(),
        shows="Wachtlijsten",
    )


def _admin_action(action: str, event_type: str, button: str, irreversible: bool = True) -> Confirmation:
    colleague = user_with_role(Role.LPA)
    users = reverse("admin:accounts_user_changelist")
    return Confirmation(
        _as(user_with_role(Role.FUNCTIONAL_ADMIN)),
        users,
        button,
        users,
        lambda: AuditEvent.objects.filter(event_type=event_type, object_id=str(colleague.pk)).exists(),
        irreversible=irreversible,
        reach={"action": action, "_selected_action": str(colleague.pk), "index": "0"},
        shows=colleague.email,
    )


def end_sessions() -> Confirmation:
    return _admin_action("end_sessions", "account.sessions_ended", "Sessies beëindigen")


def deactivate() -> Confirmation:
    return _admin_action("deactivate", "account.deactivated", "Gebruikers deactiveren", irreversible=False)


CONFIRMATIONS = [
    case_delete,
    entry_delete,
    consent_withdraw,
    attachment_delete,
    hours_delete,
    status_close,
    status_back,
    handover_offer,
    handover_withdraw,
    beraad_cancel,
    participant_remove,
    perspective_remove,
    commitment_remove,
    reflection_remove,
    end_sessions,
    deactivate,
]


@pytest.fixture(autouse=True)
def _private_storage(settings: Any, tmp_path: Path) -> None:
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


def _shown(confirmation: Confirmation) -> Any:
    if confirmation.reach is None:
        return confirmation.client.get(confirmation.page)
    return confirmation.client.post(confirmation.page, confirmation.reach)


def _visible_text(response: Any) -> str:
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    for hidden in soup(["script", "style", "title"]):
        hidden.decompose()
    return " ".join(soup.get_text(" ").split())


@pytest.mark.parametrize("setup", CONFIRMATIONS, ids=lambda setup: setup.__name__)
def test_the_page_names_the_action_says_whether_it_can_be_undone_and_leads_back(
    setup: Callable[[], Confirmation],
) -> None:
    confirmation = setup()

    shown = _shown(confirmation)

    assert shown.status_code == 200
    soup = BeautifulSoup(shown.content.decode(), "html.parser")
    (form,) = [form for form in soup.find_all("form") if form.find("input", attrs={"name": "confirmed"})]
    assert [" ".join(button.get_text().split()) for button in form.select("button")] == [confirmation.button]
    back = [link for link in soup.find_all("a") if " ".join(link.get_text().split()) == "Terug"]
    assert [link["href"] for link in back] == [confirmation.back]
    text = _visible_text(shown)
    assert (IRREVERSIBLE in text) == confirmation.irreversible
    assert confirmation.shows in text
    assert not ISO_DATE.search(text), ISO_DATE.search(text)
    assert not confirmation.done()


@pytest.mark.parametrize("setup", CONFIRMATIONS, ids=lambda setup: setup.__name__)
def test_a_post_from_the_rendered_page_performs_the_action(setup: Callable[[], Confirmation]) -> None:
    confirmation = setup()

    response = post_confirmation(
        confirmation.client, _shown(confirmation), confirmation.page, **confirmation.typed
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    assert confirmation.done()


@pytest.mark.parametrize("setup", CONFIRMATIONS, ids=lambda setup: setup.__name__)
def test_a_post_without_the_confirmation_does_nothing_but_ask(setup: Callable[[], Confirmation]) -> None:
    confirmation = setup()
    typed = {**(confirmation.reach or {}), **confirmation.typed}

    without = confirmation.client.post(confirmation.page, typed)
    forged = confirmation.client.post(confirmation.page, {**typed, "confirmed": "1"})

    assert (without.status_code, forged.status_code) == (200, 409)
    assert confirmation_form(without, confirmation.page)
    assert confirmation_form(forged, confirmation.page)
    assert not confirmation.done()


def test_a_post_from_a_page_about_an_earlier_state_does_nothing_and_says_so() -> None:
    confirmation = entry_delete()
    shown = confirmation.client.get(confirmation.page)
    TimelineEntry.objects.filter(case__pk__isnull=False).update(version=2)  # someone edited it since

    response = post_confirmation(confirmation.client, shown, confirmation.page)

    assert response.status_code == 409
    assert "Er is iets veranderd nadat deze pagina werd geopend" in _visible_text(response)
    assert not confirmation.done()
    assert confirmation_form(response, confirmation.page)  # asked again, about the current state


def _templates() -> list[Path]:
    roots = [Path(settings.BASE_DIR) / "templates"]
    return [path for root in roots for path in root.rglob("*.html") if "monitor" not in path.parts]


def test_every_confirmation_template_extends_the_one_base() -> None:
    """A page that asks before acting (a file named *confirm*, *remove*, *cancel*) builds on confirm/base."""
    names = re.compile(r"confirm|remove|cancel")
    pages = [path for path in _templates() if names.search(path.stem) and "/confirm/" not in path.as_posix()]
    assert len(pages) >= 10, pages
    for path in pages:
        first = path.read_text().lstrip().splitlines()[0]
        assert first == '{% extends "confirm/base.html" %}', f"{path} starts with {first!r}"


def test_the_views_render_only_templates_that_extend_the_base() -> None:
    """Every template a view hands to confirmation_page extends confirm/base.html."""
    sources = [
        *Path(settings.BASE_DIR, "cases", "views").glob("*.py"),
        *Path(settings.BASE_DIR, "moreelberaad", "views").glob("*.py"),
        Path(settings.BASE_DIR, "wio", "accounts", "admin_user_actions.py"),
    ]
    used = {
        template
        for source in sources
        if "confirmation_page" in (text := source.read_text()) or "CONFIRMATION_TEMPLATE" in text
        for template in re.findall(r'"([\w/]+\.html)"', text)
        if "confirm" in template or "remove" in template or "cancel" in template
    }
    assert used
    for template in used:
        first = (Path(settings.BASE_DIR) / "templates" / template).read_text().splitlines()[0]
        assert first == '{% extends "confirm/base.html" %}', template
