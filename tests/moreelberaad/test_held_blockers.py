"""Issue 14: a beraad is marked held or evaluated only when its own panel lists no blockers."""

from collections.abc import Callable

from django.test import Client
from django.urls import reverse

import pytest

from cases.constants import Status
from cases.models import Case
from moreelberaad.constants import BeraadStatus
from moreelberaad.models import Beraad, Evaluation
from tests.cases.factories import CaseFactory
from tests.factories import user_with_role
from tests.moreelberaad.factories import BeraadFactory, ParticipantFactory, ready_table
from tests.moreelberaad.session_support import EVALUATION
from tests.moreelberaad.session_support import url as _url
from wio.accounts.constants import Role
from wio.accounts.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator() -> User:
    return user_with_role(Role.SWV_COORDINATOR)


@pytest.fixture
def client_of(coordinator: User, signed_in: Callable[[User], Client]) -> Client:
    client = signed_in(coordinator)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "nl"
    return client


def _beraad(coordinator: User, status: str = BeraadStatus.UITGENODIGD) -> Beraad:
    case = CaseFactory(swv=coordinator.memberships.get().organisation, status=Status.BERAAD_GEPLAND)
    return BeraadFactory(case=case, status=status)


def _table_without_notulist(beraad: Beraad) -> None:
    ParticipantFactory(beraad=beraad, parent=True)
    ParticipantFactory(beraad=beraad, leader=True)
    Beraad.objects.filter(pk=beraad.pk).update(parents_approved_on="2026-01-05")


def _errors(response: object) -> list[str]:
    return [str(m) for m in response.context["messages"] if m.level_tag == "error"]


def test_a_beraad_without_notulist_cannot_be_marked_held_and_the_page_says_why(
    coordinator: User, client_of: Client
) -> None:
    beraad = _beraad(coordinator)
    _table_without_notulist(beraad)

    response = client_of.post(_url("mark_held", beraad), follow=True)

    assert Beraad.objects.get(pk=beraad.pk).status == BeraadStatus.UITGENODIGD
    assert Case.objects.get(pk=beraad.case_id).status == Status.BERAAD_GEPLAND
    (error,) = _errors(response)
    assert "notulist" in error
    page = client_of.get(reverse("moreelberaad:detail", args=[beraad.pk])).content.decode()
    assert 'id="held-blockers"' in page
    assert "Wijs ten minste één notulist aan." in page
    assert 'disabled aria-describedby="held-blockers"' in page


def test_a_beraad_nobody_was_invited_to_cannot_be_marked_held(coordinator: User, client_of: Client) -> None:
    beraad = _beraad(coordinator, status=BeraadStatus.CONCEPT)
    ready_table(beraad)

    response = client_of.post(_url("mark_held", beraad), follow=True)

    assert Beraad.objects.get(pk=beraad.pk).status == BeraadStatus.CONCEPT
    (error,) = _errors(response)
    assert "uitgenodigd" in error


def test_a_complete_invited_table_can_be_marked_held(coordinator: User, client_of: Client) -> None:
    beraad = _beraad(coordinator)
    ready_table(beraad)
    page = client_of.get(reverse("moreelberaad:detail", args=[beraad.pk])).content.decode()
    assert 'id="held-blockers"' not in page

    response = client_of.post(_url("mark_held", beraad), follow=True)

    assert not _errors(response)
    assert Beraad.objects.get(pk=beraad.pk).status == BeraadStatus.GEHOUDEN
    assert Case.objects.get(pk=beraad.case_id).status == Status.BERAAD_GEHOUDEN


def test_a_held_beraad_without_notulist_cannot_be_evaluated(coordinator: User, client_of: Client) -> None:
    beraad = _beraad(coordinator, status=BeraadStatus.GEHOUDEN)
    _table_without_notulist(beraad)

    response = client_of.post(_url("evaluation", beraad), EVALUATION)

    assert response.status_code == 422
    assert "notulist" in response.content.decode()
    assert not Evaluation.objects.filter(beraad=beraad).exists()
    assert Beraad.objects.get(pk=beraad.pk).status == BeraadStatus.GEHOUDEN
    page = client_of.get(reverse("moreelberaad:detail", args=[beraad.pk])).content.decode()
    assert 'id="evaluation-blockers"' in page
