from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

import pytest

from cases.constants import Status
from moreelberaad.constants import ParticipantCategory
from moreelberaad.models import Beraad, Participant
from moreelberaad.selectors import beraden_visible_to, composition_warnings, invitation_blockers
from tests.cases.factories import CaseFactory, InvolvedFactory
from tests.factories import MembershipFactory, OrganisationFactory, user_with_role
from tests.moreelberaad.factories import BeraadFactory, ParticipantFactory, ready_table
from wio.accounts.constants import Role
from wio.accounts.models import User
from wio.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator() -> User:
    return user_with_role(Role.SWV_COORDINATOR)


def _swv(user: User) -> Any:
    return user.memberships.get().organisation


def _plan_payload(**overrides: Any) -> dict[str, Any]:
    starts = (timezone.localtime() + timedelta(days=10)).strftime("%Y-%m-%dT%H:%M")
    payload = {
        "starts_at": starts,
        "duration_minutes": 120,
        "location": "Gemeentehuis",
        "planned_sessions": 3,
        "method": "dilemmamethode",
        "ethical_question": "Mogen we vragen om toch naar school te gaan?",
        "central_question": "Wat is hier goede zorg / goed onderwijs?",
    }
    return {**payload, **overrides}


def test_coordinator_plans_a_beraad_and_the_case_follows(
    coordinator: User, signed_in: Callable[[User], Client]
) -> None:
    case = CaseFactory(swv=_swv(coordinator), status=Status.EXPERTISE_VERZAMELD)
    client = signed_in(coordinator)

    response = client.post(reverse("moreelberaad:plan", args=[case.pk]), _plan_payload())

    beraad = Beraad.objects.get()
    assert response["Location"] == reverse("moreelberaad:detail", args=[beraad.pk])
    assert (beraad.sequence_number, beraad.duration_minutes) == (1, 120)
    case.refresh_from_db()
    assert case.status == Status.BERAAD_GEPLAND
    assert AuditEvent.objects.filter(event_type="beraad.plan", youth_ref=case.reference).exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("starts_at", "2020-01-01T10:00"),
        ("location", ""),
        ("ethical_question", ""),
        ("duration_minutes", "5"),
    ],
)
def test_a_bad_plan_is_refused_next_to_the_field(
    coordinator: User, signed_in: Callable[[User], Client], field: str, value: str
) -> None:
    case = CaseFactory(swv=_swv(coordinator))

    response = signed_in(coordinator).post(
        reverse("moreelberaad:plan", args=[case.pk]), _plan_payload(**{field: value})
    )

    assert response.status_code == 422
    assert field in response.context["form"].errors
    assert not Beraad.objects.exists()


def test_the_lpa_of_the_case_views_but_cannot_plan(signed_in: Callable[[User], Client]) -> None:
    lpa = user_with_role(Role.LPA)
    case = CaseFactory(gemeente=lpa.memberships.get().organisation)
    beraad = BeraadFactory(case=case)
    client = signed_in(lpa)

    assert client.get(reverse("moreelberaad:detail", args=[beraad.pk])).status_code == 200
    assert client.get(reverse("moreelberaad:plan", args=[case.pk])).status_code == 403
    assert client.get(reverse("moreelberaad:edit", args=[beraad.pk])).status_code == 403


def test_project_staff_see_a_beraad_only_while_leading_or_minuting_it(
    signed_in: Callable[[User], Client],
) -> None:
    staff = user_with_role(Role.PROJECT_STAFF)
    beraad = BeraadFactory()
    client = signed_in(staff)
    assert client.get(reverse("moreelberaad:detail", args=[beraad.pk])).status_code == 404

    participant = ParticipantFactory(beraad=beraad, user=staff, notulist=True)
    assert client.get(reverse("moreelberaad:detail", args=[beraad.pk])).status_code == 200
    assert list(beraden_visible_to(staff)) == [beraad]

    Participant.objects.filter(pk=participant.pk).update(is_notulist=False)
    assert client.get(reverse("moreelberaad:detail", args=[beraad.pk])).status_code == 404


def test_participant_from_the_betrokkenen_and_parents_approval(
    coordinator: User, signed_in: Callable[[User], Client]
) -> None:
    case = CaseFactory(swv=_swv(coordinator))
    mother = InvolvedFactory(
        case=case, name="Moeder Jansen", role="ouder", contact="moeder@voorbeeld.example"
    )
    beraad = BeraadFactory(case=case)
    client = signed_in(coordinator)

    client.post(
        reverse("moreelberaad:participant_add", args=[beraad.pk]),
        {"involved": mother.pk, "proposed_by": "parents"},
    )
    client.post(reverse("moreelberaad:parents_approve", args=[beraad.pk]))

    participant = Participant.objects.get()
    assert (participant.name, participant.category, participant.email) == (
        "Moeder Jansen",
        ParticipantCategory.OUDER,
        "moeder@voorbeeld.example",
    )
    beraad.refresh_from_db()
    assert beraad.parents_approved_on == timezone.localdate()

    client.post(
        reverse("moreelberaad:participant_add", args=[beraad.pk]),
        {"name": "Buurvrouw", "category": "relevante_ander", "proposed_by": "parents"},
    )
    beraad.refresh_from_db()
    assert beraad.parents_approved_on is None  # a changed table needs approval again


def test_invitations_are_blocked_until_the_table_is_complete() -> None:
    beraad = BeraadFactory()
    assert invitation_blockers(beraad, [])

    people = ready_table(beraad)
    assert invitation_blockers(beraad, people) == []

    second_leader = ParticipantFactory(beraad=beraad, leader=True)
    assert len(invitation_blockers(beraad, [*people, second_leader])) == 1


def test_composition_warnings() -> None:
    beraad = BeraadFactory()
    only_professionals = [ParticipantFactory(beraad=beraad, category=ParticipantCategory.ZORGPARTNER)]

    warnings = composition_warnings(only_professionals)

    assert len(warnings) == 5  # no leerplicht, no mandate, only professionals, monodisciplinary, nobody spoke
    balanced = [
        ParticipantFactory(beraad=beraad, parent=True, spoke_with_youth=True),
        ParticipantFactory(beraad=beraad, category=ParticipantCategory.LPA, has_mandate=True),
        ParticipantFactory(beraad=beraad, category=ParticipantCategory.ZORGPARTNER),
    ]
    assert composition_warnings(balanced) == []


def test_a_coordinator_of_another_swv_gets_404_and_the_refusal_is_audited(
    coordinator: User, signed_in: Callable[[User], Client]
) -> None:
    beraad = BeraadFactory(case=CaseFactory(swv=OrganisationFactory(swv=True)))

    response = signed_in(coordinator).get(reverse("moreelberaad:detail", args=[beraad.pk]))

    assert response.status_code == 404
    assert AuditEvent.objects.filter(event_type="beraad.out_of_scope", result="denied").exists()


def test_overview_query_count_is_constant(
    coordinator: User, signed_in: Callable[[User], Client], django_assert_max_num_queries: Any
) -> None:
    client = signed_in(coordinator)
    case = CaseFactory(swv=_swv(coordinator))
    BeraadFactory(case=case)
    with django_assert_max_num_queries(30) as one:
        assert client.get(reverse("moreelberaad:list")).status_code == 200
    for _ in range(30):
        ParticipantFactory.create_batch(3, beraad=BeraadFactory(case=CaseFactory(swv=_swv(coordinator))))
    with django_assert_max_num_queries(len(one.captured_queries)):
        assert client.get(reverse("moreelberaad:list")).status_code == 200


def test_a_gemeente_member_without_a_case_role_sees_no_beraden() -> None:
    beraad = BeraadFactory()
    officer = MembershipFactory(organisation=beraad.case.gemeente, role=Role.PRIVACY_OFFICER).user

    assert list(beraden_visible_to(officer)) == []


def test_demo_beraden_give_the_demo_project_staff_member_sessions_to_lead(settings: Any) -> None:
    settings.DEBUG = True
    call_command("seed_demo")
    staff = User.objects.get(email="projectmedewerker@wio.example")

    led = beraden_visible_to(staff)

    assert led.exists()
    assert all(b.case.gemeente.code == "GM1681" for b in led.select_related("case__gemeente"))
    assert Beraad.objects.filter(status="uitgenodigd").exists()
    assert Beraad.objects.filter(reflections__level="rode_draad").exists()
