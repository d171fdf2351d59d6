from collections.abc import Callable
from typing import Any

from django.core import mail
from django.test import Client
from django.urls import reverse

import pytest

from moreelberaad.constants import BeraadStatus
from moreelberaad.models import Beraad, InvitationSend
from moreelberaad.services.outcome_mail import outcome_blockers, outcome_deliver
from moreelberaad.tasks import send_outcome
from tests.cases.factories import CaseFactory
from tests.factories import user_with_role
from tests.moreelberaad.factories import BeraadFactory, ParticipantFactory
from tests.outbox.fakes import run_on_dispatch
from wio.accounts.constants import Role
from wio.accounts.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def held_beraad() -> tuple[User, Beraad]:
    coordinator = user_with_role(Role.SWV_COORDINATOR)
    beraad = BeraadFactory(
        case=CaseFactory(swv=coordinator.memberships.get().organisation, last_name="Verborgennaam"),
        status=BeraadStatus.GEHOUDEN,
        advice="Twee dagdelen school naast de zorgboerderij.",
        share_outcome_with_guests=True,
    )
    return coordinator, beraad


def test_guests_get_the_agreed_outcome_once_and_nothing_of_the_case(
    held_beraad: tuple[User, Beraad],
    signed_in: Callable[[User], Client],
    django_capture_on_commit_callbacks: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    coordinator, beraad = held_beraad
    guest = ParticipantFactory(beraad=beraad, parent=True)
    ParticipantFactory(beraad=beraad, user=user_with_role(Role.PROJECT_STAFF), leader=True)
    run_on_dispatch(monkeypatch)

    with django_capture_on_commit_callbacks(execute=True):
        signed_in(coordinator).post(reverse("moreelberaad:outcome_send", args=[beraad.pk]))
    send_outcome(guest.pk)  # a retried task

    assert [m.to for m in mail.outbox] == [[guest.email]]
    body = f"{mail.outbox[0].subject} {mail.outbox[0].body}"
    assert "Twee dagdelen school" in body
    assert "Verborgennaam" not in body
    assert beraad.case.reference not in body
    assert InvitationSend.objects.filter(participant=guest, method="OUTCOME").count() == 1


@pytest.mark.parametrize(
    "change",
    [
        {"share_outcome_with_guests": False},
        {"status": BeraadStatus.UITGENODIGD},
        {"advice": ""},
    ],
)
def test_no_outcome_without_the_parents_agreement_a_held_session_and_an_advice(
    held_beraad: tuple[User, Beraad], change: dict[str, Any]
) -> None:
    _coordinator, beraad = held_beraad
    guest = ParticipantFactory(beraad=beraad, parent=True)
    Beraad.objects.filter(pk=beraad.pk).update(**change)
    beraad.refresh_from_db()

    assert outcome_blockers(beraad)
    assert outcome_deliver(participant_id=guest.pk) is False
    assert mail.outbox == []
