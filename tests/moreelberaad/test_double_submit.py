"""One submission makes one record (issue 8, defect 4): a create form sent twice — a double click, a
repeat after 150 ms — makes one beraad, participant, perspective, commitment, action or reflection;
the repeat goes where the first went, without a second success message. Two beraden planned at the
same moment for one case get numbers 1 and 2."""

import threading
import time
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.contrib.messages import get_messages
from django.db import connection
from django.db.models import Model
from django.test import Client
from django.urls import reverse
from django.utils import timezone

import pytest

from cases.constants import Status
from cases.models import ActionItem
from moreelberaad.models import Beraad, OrganisationCommitment, Participant, Perspective, Reflection
from moreelberaad.services import beraad as beraad_services
from tests.cases.factories import CaseFactory
from tests.conftest import sign_in
from tests.factories import user_with_role
from tests.moreelberaad.factories import BeraadFactory, ParticipantFactory
from tests.moreelberaad.rendered_form import rendered_form
from tests.moreelberaad.session_support import url
from wio.accounts.constants import Role
from wio.accounts.models import User


@pytest.fixture
def coordinator(db: None) -> User:
    return user_with_role(Role.SWV_COORDINATOR)


@pytest.fixture
def beraad(coordinator: User) -> Beraad:
    case = CaseFactory(swv=coordinator.memberships.get().organisation, status=Status.BERAAD_GEPLAND)
    return BeraadFactory(case=case)


@pytest.fixture
def client_of(coordinator: User, signed_in: Callable[[User], Client]) -> Client:
    return signed_in(coordinator)


def _starts_at() -> str:
    return (timezone.localtime() + timedelta(days=10)).strftime("%Y-%m-%dT%H:%M")


def submit_twice(
    client: Client, page: str, *, having: str, model: type[Model], **filled: Any
) -> tuple[Any, Any]:
    """GET the form page, fill the rendered form and send the very same payload twice."""
    shown = client.get(page)
    assert shown.status_code == 200
    form = rendered_form(shown.content, having=having)
    payload = form.payload(**filled)
    target = form.action or page
    first = client.post(target, payload)
    second = client.post(target, payload)
    assert first.status_code == 302, first.content.decode()[:2000]
    assert second.status_code == 302, second.content.decode()[:2000]
    assert second["Location"] == first["Location"]
    assert model._default_manager.count() == 1
    # The messages of both responses: the first one's success, and nothing more for the repeat.
    assert len(list(get_messages(second.wsgi_request))) == 1
    return first, second


# --- one form, one record --------------------------------------------------------------------------


@pytest.mark.django_db
def test_planning_twice_makes_one_beraad(coordinator: User, client_of: Client) -> None:
    case = CaseFactory(swv=coordinator.memberships.get().organisation, status=Status.EXPERTISE_VERZAMELD)

    first, _ = submit_twice(
        client_of,
        reverse("moreelberaad:plan", args=[case.pk]),
        having="ethical_question",
        model=Beraad,
        starts_at=_starts_at(),
        location="Gemeentehuis",
        ethical_question="Mogen we vragen om toch naar school te gaan?",
    )

    beraad = Beraad.objects.get()
    assert first["Location"] == reverse("moreelberaad:detail", args=[beraad.pk])
    assert beraad.sequence_number == 1


@pytest.mark.django_db
def test_adding_a_participant_twice_makes_one(client_of: Client, beraad: Beraad) -> None:
    submit_twice(
        client_of,
        url("participant_add", beraad),
        having="name",
        model=Participant,
        name="Mevrouw de Vries",
        category="zorgpartner",
    )


@pytest.mark.django_db
def test_adding_a_perspective_twice_makes_one(client_of: Client, beraad: Beraad) -> None:
    participant = ParticipantFactory(beraad=beraad)

    submit_twice(
        client_of,
        url("perspective_add", beraad),
        having="perspective",
        model=Perspective,
        participant=str(participant.pk),
        perspective="Als zorgpartner zie ik vooral de angst van de jongen.",
    )


@pytest.mark.django_db
def test_adding_a_commitment_twice_makes_one(client_of: Client, beraad: Beraad) -> None:
    first, _ = submit_twice(
        client_of,
        url("outcome", beraad),
        having="commitment-organisation_name",
        model=OrganisationCommitment,
        **{"commitment-organisation_name": "Zorgboerderij", "commitment-commitment": "Een begeleider."},
    )

    assert first["Location"] == url("outcome", beraad)


@pytest.mark.django_db
def test_adding_a_follow_up_action_twice_makes_one(client_of: Client, beraad: Beraad) -> None:
    submit_twice(
        client_of,
        url("action_add", beraad),
        having="description",
        model=ActionItem,
        description="Gesprek met de school plannen",
        owner_name="Moeder",
        due_on=(timezone.localdate() + timedelta(days=14)).isoformat(),
    )

    assert beraad.follow_up_actions.count() == 1


@pytest.mark.django_db
def test_adding_a_reflection_twice_makes_one(client_of: Client, beraad: Beraad) -> None:
    submit_twice(
        client_of,
        url("reflection_add", beraad),
        having="theme",
        model=Reflection,
        level="individual",
        theme="Wachtlijsten",
        text="De wachtlijst bepaalde te veel wat er mogelijk leek.",
    )


@pytest.mark.django_db
def test_a_form_posted_without_a_key_still_works(client_of: Client, beraad: Beraad) -> None:
    """Scripts and older tests post without a key: each post then acts (no key, no claim)."""
    payload = {"level": "individual", "theme": "Wachtlijsten", "text": "Een les."}

    responses = [client_of.post(url("reflection_add", beraad), payload) for _ in range(2)]

    assert [response.status_code for response in responses] == [302, 302]
    assert Reflection.objects.count() == 2


# --- the sequence number -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_removed_beraad_does_not_make_a_duplicate_number(coordinator: User, client_of: Client) -> None:
    case = CaseFactory(swv=coordinator.memberships.get().organisation, status=Status.EXPERTISE_VERZAMELD)
    BeraadFactory(case=case, sequence_number=1)
    removed = BeraadFactory(case=case, sequence_number=2)
    BeraadFactory(case=case, sequence_number=3)
    removed.delete()
    page = client_of.get(reverse("moreelberaad:plan", args=[case.pk]))
    form = rendered_form(page.content, having="ethical_question")

    response = client_of.post(
        reverse("moreelberaad:plan", args=[case.pk]),
        form.payload(starts_at=_starts_at(), location="Gemeentehuis", ethical_question="Mag dit?"),
    )

    assert response.status_code == 302
    numbers = sorted(Beraad.objects.filter(case=case).values_list("sequence_number", flat=True))
    assert numbers == [1, 3, 4]


@pytest.mark.django_db(transaction=True)
def test_two_beraden_planned_at_the_same_moment_get_numbers_1_and_2(
    coordinator: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two coordinators' forms (two keys) sent at once: both plan, one after the other."""
    case = CaseFactory(swv=coordinator.memberships.get().organisation, status=Status.EXPERTISE_VERZAMELD)
    plan = reverse("moreelberaad:plan", args=[case.pk])
    clients = [sign_in(Client(raise_request_exception=False), coordinator) for _ in range(2)]
    payloads = [
        rendered_form(client.get(plan).content, having="ethical_question").payload(
            starts_at=_starts_at(), location="Gemeentehuis", ethical_question=f"Vraag {n}"
        )
        for n, client in enumerate(clients)
    ]
    # Hold each transaction open a moment after its beraad is written: the other request then
    # numbers its beraad while the first is not yet committed — the race of a double click.
    original_record = beraad_services.record

    def slow_record(*args: Any, **kwargs: Any) -> None:
        original_record(*args, **kwargs)
        time.sleep(0.3)

    monkeypatch.setattr(beraad_services, "record", slow_record)
    start = threading.Barrier(2)
    statuses: list[int] = []

    def send(client: Client, payload: dict[str, str]) -> None:
        try:
            start.wait()
            statuses.append(client.post(plan, payload).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=pair) for pair in zip(clients, payloads, strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert statuses == [302, 302]
    numbers = sorted(Beraad.objects.filter(case=case).values_list("sequence_number", flat=True))
    assert numbers == [1, 2]
