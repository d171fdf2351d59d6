"""Issue 9.4: only people of the case's gemeente, the beraad's SWV and project staff can be linked to a
beraad as a WIO user, and only they get the beraad through a participation."""

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

import pytest

from cases.models import Case
from moreelberaad import services
from moreelberaad.models import Beraad, Participant
from moreelberaad.permissions import can_view_beraad, linkable_users
from moreelberaad.selectors import beraden_visible_to
from tests.cases.core_support import member_of
from tests.cases.factories import CaseFactory
from tests.factories import MembershipFactory, OrganisationFactory, user_with_role
from tests.moreelberaad.factories import BeraadFactory, ParticipantFactory
from wio.accounts.constants import Role
from wio.accounts.models import User
from wio.audit import services as audit

pytestmark = pytest.mark.django_db


@pytest.fixture
def case() -> Case:
    return CaseFactory()


@pytest.fixture
def beraad(case: Case) -> Beraad:
    return BeraadFactory(case=case)


@pytest.fixture
def coordinator(case: Case) -> User:
    return member_of(case.swv, Role.SWV_COORDINATOR)


def _add_url(beraad: Beraad) -> str:
    return reverse("moreelberaad:participant_add", args=[beraad.pk])


def _payload(user: User, **overrides: Any) -> dict[str, Any]:
    data = {
        "name": "Iemand met een account",
        "category": "lpa",
        "user": user.pk,
        "is_notulist": "on",
        "proposed_by": "professional",
    }
    return {**data, **overrides}


def test_the_user_choices_are_the_case_gemeente_the_swv_and_project_staff(
    case: Case, beraad: Beraad, coordinator: User, signed_in: Callable[[User], Client]
) -> None:
    # given people in and out of the case's scope
    lpa = member_of(case.gemeente, Role.LPA)
    ondersteuner = member_of(case.gemeente, Role.ONDERSTEUNER)
    staff = user_with_role(Role.PROJECT_STAFF)
    elsewhere_lpa = user_with_role(Role.LPA)
    elsewhere_coordinator = user_with_role(Role.SWV_COORDINATOR)
    inactive_lpa = member_of(case.gemeente, Role.LPA)
    User.objects.filter(pk=inactive_lpa.pk).update(is_active=False)
    # when the coordinator opens the participant form
    response = signed_in(coordinator).get(_add_url(beraad))
    # then only the people of this case are offered
    choices = set(response.context["form"].fields["user"].queryset)
    assert choices == {coordinator, lpa, ondersteuner, staff}
    assert elsewhere_lpa not in choices
    assert elsewhere_coordinator not in choices
    assert inactive_lpa not in choices
    assert elsewhere_lpa.email not in response.content.decode()


def test_a_crafted_post_with_an_lpa_of_another_gemeente_is_refused(
    beraad: Beraad, coordinator: User, signed_in: Callable[[User], Client]
) -> None:
    # given an LPA of another gemeente
    outsider = user_with_role(Role.LPA)
    # when the coordinator posts that user's id
    response = signed_in(coordinator).post(_add_url(beraad), _payload(outsider))
    # then it is a form error and nothing is stored
    assert response.status_code == 422
    assert "user" in response.context["form"].errors
    assert not Participant.objects.exists()


def test_a_user_with_roles_in_and_out_of_scope_counts_by_the_in_scope_one(
    case: Case, beraad: Beraad, coordinator: User, signed_in: Callable[[User], Client]
) -> None:
    # given an LPA of another gemeente who is also an ondersteuner in the case's gemeente
    both = user_with_role(Role.LPA)
    MembershipFactory(user=both, organisation=case.gemeente, role=Role.ONDERSTEUNER)
    # when added as notulist
    response = signed_in(coordinator).post(_add_url(beraad), _payload(both))
    # then it is accepted
    assert response.status_code == 302
    assert Participant.objects.get().user == both


def test_the_service_refuses_an_out_of_scope_user(beraad: Beraad, coordinator: User) -> None:
    outsider = user_with_role(Role.LPA)
    data = {"name": "X", "category": "lpa", "user": outsider, "is_notulist": True}

    with pytest.raises(ValidationError) as refused:
        services.participant_add(beraad=beraad, actor=audit.actor_from(user=coordinator), data=data)

    assert "user" in refused.value.message_dict
    assert not Participant.objects.exists()


def test_the_service_refuses_to_relink_a_participant_to_an_out_of_scope_user(
    beraad: Beraad, coordinator: User
) -> None:
    participant = ParticipantFactory(beraad=beraad)
    outsider = user_with_role(Role.SWV_COORDINATOR)

    with pytest.raises(ValidationError):
        services.participant_update(
            participant=participant,
            actor=audit.actor_from(user=coordinator),
            data={"user": outsider},
            expected_version=participant.version,
        )

    participant.refresh_from_db()
    assert participant.user is None


def test_a_participation_of_an_out_of_scope_user_does_not_open_the_beraad(
    beraad: Beraad, signed_in: Callable[[User], Client]
) -> None:
    # given an LPA of another gemeente linked as notulist directly in the database
    outsider = user_with_role(Role.LPA)
    ParticipantFactory(beraad=beraad, user=outsider, notulist=True)
    # when that user asks for the beraad and its preparation pack
    client = signed_in(outsider)
    detail = client.get(reverse("moreelberaad:detail", args=[beraad.pk]))
    pack = client.get(reverse("moreelberaad:pack", args=[beraad.pk]))
    # then it does not exist for them
    assert (detail.status_code, pack.status_code) == (404, 404)
    assert list(beraden_visible_to(outsider)) == []
    assert not can_view_beraad(outsider, beraad, list(beraad.participants.all()))


def test_project_staff_and_the_gemeente_still_get_in_through_their_participation(
    case: Case, beraad: Beraad, signed_in: Callable[[User], Client]
) -> None:
    staff = user_with_role(Role.PROJECT_STAFF)
    ParticipantFactory(beraad=beraad, user=staff, leader=True)

    assert signed_in(staff).get(reverse("moreelberaad:detail", args=[beraad.pk])).status_code == 200
    assert list(beraden_visible_to(staff)) == [beraad]
    assert can_view_beraad(staff, beraad, list(beraad.participants.all()))


def test_linkable_users_follow_the_case_not_the_users_other_roles(case: Case) -> None:
    other_case = CaseFactory(gemeente=OrganisationFactory())
    lpa = member_of(case.gemeente, Role.LPA)

    assert lpa in linkable_users(case)
    assert lpa not in linkable_users(other_case)
