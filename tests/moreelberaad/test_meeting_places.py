"""Issue 10 item 6: a partnership's meeting places, kept by its coordinator and chosen in the beraad
form; invitations and calendars name the chosen place (or a checked typed place), never the youth."""

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.test import Client
from django.urls import reverse
from django.utils import timezone

import pytest

from cases.constants import InvolvedRole
from cases.models import Case
from moreelberaad import services
from moreelberaad.constants import BeraadStatus
from moreelberaad.models import Beraad, MeetingPlace
from tests.cases.factories import CaseFactory, InvolvedFactory
from tests.factories import user_with_role
from tests.moreelberaad.factories import BeraadFactory, MeetingPlaceFactory, ready_table
from tests.moreelberaad.rendered_form import rendered_form
from tests.outbox.fakes import run_on_dispatch
from wio.accounts.constants import Role
from wio.accounts.models import Organisation, User
from wio.audit import services as audit
from wio.audit.event_labels import is_labelled
from wio.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

YOUTH = "Kwikstaartsentinel"
PARENT = "Boomklevertsentinel"
LIST_URL = "moreelberaad:meeting_places"


@pytest.fixture
def coordinator() -> User:
    return user_with_role(Role.SWV_COORDINATOR)


@pytest.fixture
def swv(coordinator: User) -> Organisation:
    return coordinator.memberships.get().organisation


@pytest.fixture
def case(swv: Organisation) -> Case:
    case = CaseFactory(swv=swv, first_name="Lotte", last_name=YOUTH)
    InvolvedFactory(case=case, name=f"Marieke {PARENT}", role=InvolvedRole.OUDER)
    return case


def _actor(user: User) -> audit.Actor:
    return audit.actor_from(user=user)


def _future() -> str:
    return (timezone.localtime() + timedelta(days=10)).strftime("%Y-%m-%dT10:00")


# --- the model and the services -------------------------------------------------------------------


def test_a_place_reads_as_name_and_address() -> None:
    place = MeetingPlaceFactory(name="Gemeentehuis, zaal 2", address="Stationsplein 1, Emmen")
    assert place.public_text == "Gemeentehuis, zaal 2, Stationsplein 1, Emmen"
    assert str(place) == place.public_text


def test_services_add_change_and_take_out_of_use_with_labelled_audit_events(
    coordinator: User, swv: Organisation
) -> None:
    # when the coordinator adds, renames and deactivates a place, then uses it again
    place = services.meeting_place_add(swv=swv, actor=_actor(coordinator), name="Kantoor", address="Markt 1")
    place = services.meeting_place_update(
        place=place, actor=_actor(coordinator), name="Kantoor, zaal 3", address="Markt 1", expected_version=1
    )
    services.meeting_place_set_active(place=place, actor=_actor(coordinator), active=False)
    place.refresh_from_db()
    assert not place.is_active
    services.meeting_place_set_active(place=place, actor=_actor(coordinator), active=True)
    # then each step is audited, with words for the privacy officer
    events = list(
        AuditEvent.objects.filter(event_type__startswith="beraad.meeting_place").values_list(
            "event_type", flat=True
        )
    )
    assert sorted(events) == [
        "beraad.meeting_place.create",
        "beraad.meeting_place.deactivate",
        "beraad.meeting_place.reactivate",
        "beraad.meeting_place.update",
    ]
    assert all(is_labelled(code) for code in events)
    place.refresh_from_db()
    assert (place.name, place.is_active) == ("Kantoor, zaal 3", True)


def test_moving_a_place_sends_the_invited_table_an_update(
    coordinator: User,
    swv: Organisation,
    case: Case,
    monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: Any,
) -> None:
    # given an invited beraad at a meeting place
    run_on_dispatch(monkeypatch)
    place = MeetingPlaceFactory(swv=swv)
    beraad = BeraadFactory(case=case, meeting_place=place, location="")
    ready_table(beraad)
    with django_capture_on_commit_callbacks(execute=True):
        services.invitations_send(beraad=beraad, actor=_actor(coordinator))
    # when the place gets a new address
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_place_update(
            place=place,
            actor=_actor(coordinator),
            name=place.name,
            address="Markt 9, Emmen",
            expected_version=1,
        )
    # then the invitation moved with it
    beraad.refresh_from_db()
    assert beraad.ical_sequence == 1


# --- the coordinator's pages ----------------------------------------------------------------------


def test_the_coordinator_adds_a_place_through_the_rendered_form_and_reads_it_back(
    coordinator: User, swv: Organisation, signed_in: Callable[[User], Client]
) -> None:
    client = signed_in(coordinator)
    # given the empty list and the add form
    listing = client.get(reverse(LIST_URL))
    assert listing.status_code == 200
    assert "Uw samenwerkingsverband heeft nog geen vergaderlocaties." in listing.content.decode()
    url = reverse("moreelberaad:meeting_place_add")
    form = rendered_form(client.get(url).content, having="name")
    assert form.fields["swv"] == str(swv.pk)  # one partnership: nothing to choose
    # when the coordinator fills it in
    response = client.post(url, form.payload(name="Gemeentehuis, zaal 2", address="Stationsplein 1, Emmen"))
    # then the list shows it, in use
    assert response.status_code == 302
    page = client.get(reverse(LIST_URL)).content.decode()
    assert "Gemeentehuis, zaal 2" in page
    assert "Stationsplein 1, Emmen" in page
    assert "In gebruik" in page
    assert MeetingPlace.objects.get(swv=swv).name == "Gemeentehuis, zaal 2"


def test_a_home_or_a_family_name_is_refused_as_a_meeting_place(
    coordinator: User, case: Case, signed_in: Callable[[User], Client]
) -> None:
    client = signed_in(coordinator)
    url = reverse("moreelberaad:meeting_place_add")
    form = rendered_form(client.get(url).content, having="name")
    response = client.post(url, form.payload(name=f"Bij familie {PARENT}", address="Kerkstraat 5, Exloo"))
    assert response.status_code == 422
    error = response.context["form"].errors["name"][0]
    assert "een woning" in error
    assert PARENT not in error
    assert not MeetingPlace.objects.exists()


def test_the_coordinator_edits_and_deactivates_a_place_with_the_forms_on_the_page(
    coordinator: User, swv: Organisation, signed_in: Callable[[User], Client]
) -> None:
    client = signed_in(coordinator)
    place = MeetingPlaceFactory(swv=swv, name="Kantoor")
    # when the name is changed through the edit form
    url = reverse("moreelberaad:meeting_place_edit", args=[place.pk])
    form = rendered_form(client.get(url).content, having="name")
    assert client.post(url, form.payload(name="Kantoor, zaal 4")).status_code == 302
    # and the place is taken out of use with the button on the list
    listing = client.get(reverse(LIST_URL)).content
    toggle = rendered_form(listing, having="action")
    assert client.post(toggle.action, toggle.payload()).status_code == 302
    # then it reads so on the list
    place.refresh_from_db()
    assert (place.name, place.is_active) == ("Kantoor, zaal 4", False)
    assert "Wordt niet meer aangeboden" in client.get(reverse(LIST_URL)).content.decode()
    # and the button puts it back in use
    toggle = rendered_form(client.get(reverse(LIST_URL)).content, having="action")
    client.post(toggle.action, toggle.payload())
    place.refresh_from_db()
    assert place.is_active


def test_another_partnerships_place_is_not_there(
    coordinator: User, signed_in: Callable[[User], Client]
) -> None:
    foreign = MeetingPlaceFactory()
    client = signed_in(coordinator)
    assert client.get(reverse("moreelberaad:meeting_place_edit", args=[foreign.pk])).status_code == 404
    response = client.post(
        reverse("moreelberaad:meeting_place_active", args=[foreign.pk]), {"action": "deactivate"}
    )
    assert response.status_code == 404
    foreign.refresh_from_db()
    assert foreign.is_active


def test_only_coordinators_keep_meeting_places(signed_in: Callable[[User], Client]) -> None:
    client = signed_in(user_with_role(Role.LPA))
    assert client.get(reverse(LIST_URL)).status_code == 403
    assert client.get(reverse("moreelberaad:meeting_place_add")).status_code == 403


# --- the beraad form ------------------------------------------------------------------------------


def test_the_plan_form_offers_the_partnerships_places_in_use(
    coordinator: User, swv: Organisation, case: Case, signed_in: Callable[[User], Client]
) -> None:
    # given two places in use, one out of use and one of another partnership
    in_use = MeetingPlaceFactory(swv=swv, name="Gemeentehuis, zaal 2")
    MeetingPlaceFactory(swv=swv, name="Oud kantoor", is_active=False)
    MeetingPlaceFactory(name="Elders")
    client = signed_in(coordinator)
    url = reverse("moreelberaad:plan", args=[case.pk])
    page = client.get(url).content.decode()
    assert "Kies…" in page
    assert "Gemeentehuis, zaal 2" in page
    assert "Oud kantoor" not in page
    assert "Elders" not in page
    # when the coordinator chooses the place
    form = rendered_form(page, having="meeting_place")
    response = client.post(
        url,
        form.payload(
            starts_at=_future(),
            meeting_place=str(in_use.pk),
            location="",
            ethical_question="Vragen we de ouders om toch naar school te gaan?",
        ),
    )
    # then the beraad is held there, and its page says so
    assert response.status_code == 302
    beraad = Beraad.objects.get(case=case)
    assert beraad.meeting_place == in_use
    detail = client.get(reverse("moreelberaad:detail", args=[beraad.pk])).content.decode()
    assert in_use.public_text in detail


def test_a_typed_place_with_a_name_is_refused_with_the_dutch_message(
    coordinator: User, case: Case, signed_in: Callable[[User], Client]
) -> None:
    client = signed_in(coordinator)
    url = reverse("moreelberaad:plan", args=[case.pk])
    form = rendered_form(client.get(url).content, having="meeting_place")
    response = client.post(
        url,
        form.payload(
            starts_at=_future(),
            location=f"Kantine bij {YOUTH}",
            ethical_question="Vragen we de ouders om toch naar school te gaan?",
        ),
    )
    assert response.status_code == 422
    error = response.context["form"].errors["location"][0]
    assert "de naam van de jeugdige" in error
    assert YOUTH not in error
    assert not Beraad.objects.filter(case=case).exists()


def test_a_typed_place_that_passes_the_check_is_kept(
    coordinator: User, case: Case, signed_in: Callable[[User], Client]
) -> None:
    client = signed_in(coordinator)
    url = reverse("moreelberaad:plan", args=[case.pk])
    form = rendered_form(client.get(url).content, having="meeting_place")
    payload = form.payload(
        starts_at=_future(), location="Bibliotheek, leeszaal", ethical_question="Mag de jongen thuis leren?"
    )
    assert client.post(url, payload).status_code == 302
    beraad = Beraad.objects.get(case=case)
    assert (beraad.meeting_place, beraad.location) == (None, "Bibliotheek, leeszaal")


def test_a_place_and_a_typed_place_together_are_refused(
    coordinator: User, swv: Organisation, case: Case, signed_in: Callable[[User], Client]
) -> None:
    place = MeetingPlaceFactory(swv=swv)
    client = signed_in(coordinator)
    url = reverse("moreelberaad:plan", args=[case.pk])
    form = rendered_form(client.get(url).content, having="meeting_place")
    payload = form.payload(
        starts_at=_future(),
        meeting_place=str(place.pk),
        location="Bibliotheek",
        ethical_question="Mag de jongen thuis leren?",
    )
    response = client.post(url, payload)
    assert response.status_code == 422
    assert "niet allebei" in response.context["form"].errors["location"][0]


def test_editing_keeps_a_place_taken_out_of_use_since(
    coordinator: User, swv: Organisation, case: Case, signed_in: Callable[[User], Client]
) -> None:
    # given a beraad at a place that is no longer offered
    place = MeetingPlaceFactory(swv=swv, is_active=False)
    beraad = BeraadFactory(case=case, meeting_place=place, location="", status=BeraadStatus.CONCEPT)
    client = signed_in(coordinator)
    url = reverse("moreelberaad:edit", args=[beraad.pk])
    form = rendered_form(client.get(url).content, having="meeting_place")
    assert form.fields["meeting_place"] == str(place.pk)
    # when the form is sent back unchanged, then nothing changes
    assert client.post(url, form.payload()).status_code == 302
    beraad.refresh_from_db()
    assert beraad.meeting_place == place


def test_a_second_place_by_the_same_name_is_refused_but_the_same_form_twice_adds_one(
    coordinator: User, swv: Organisation, signed_in: Callable[[User], Client]
) -> None:
    client = signed_in(coordinator)
    url = reverse("moreelberaad:meeting_place_add")
    form = rendered_form(client.get(url).content, having="name")
    payload = form.payload(name="Kantoor", address="Markt 1, Emmen")
    # the same rendered form sent twice (a double click) adds one place
    assert client.post(url, payload).status_code == 302
    assert client.post(url, payload).status_code == 302
    assert MeetingPlace.objects.filter(swv=swv).count() == 1
    # a new form with the same name is refused, on the name
    again = rendered_form(client.get(url).content, having="name")
    response = client.post(url, again.payload(name="kantoor", address="Markt 2, Emmen"))
    assert response.status_code == 422
    assert "al een vergaderlocatie met deze naam" in response.context["form"].errors["name"][0]
    assert MeetingPlace.objects.filter(swv=swv).count() == 1


def test_a_phone_number_in_a_meeting_place_is_refused(
    coordinator: User, signed_in: Callable[[User], Client]
) -> None:
    client = signed_in(coordinator)
    url = reverse("moreelberaad:meeting_place_add")
    form = rendered_form(client.get(url).content, having="name")
    response = client.post(url, form.payload(name="Kantoor", address="Markt 1, Emmen, 06-12345678"))
    assert response.status_code == 422
    assert "een telefoonnummer" in response.context["form"].errors["address"][0]
