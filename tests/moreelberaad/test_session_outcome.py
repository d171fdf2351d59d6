"""After the session (issue #4 items 6–7): the outcome, commitments and follow-up actions on the case,
the case's status following the beraad, the evaluation and the reflections."""

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.test import Client
from django.urls import reverse
from django.utils import timezone

import pytest

from cases.constants import Status
from cases.models import ActionItem, Case
from moreelberaad.constants import BeraadStatus, LearningLevel, NextSession
from moreelberaad.models import Beraad, Evaluation, OrganisationCommitment, Reflection
from moreelberaad.selectors import rode_draad_reflections
from moreelberaad.services.reflections import reflection_release
from moreelberaad.services.session import case_status_path
from tests.cases.factories import CaseFactory
from tests.confirming import confirm
from tests.factories import MembershipFactory, user_with_role
from tests.moreelberaad.factories import BeraadFactory
from tests.moreelberaad.session_support import EVALUATION, invited_table
from tests.moreelberaad.session_support import url as _url
from wio.accounts.constants import Role
from wio.accounts.models import User
from wio.audit import services as audit

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator() -> User:
    return user_with_role(Role.SWV_COORDINATOR)


@pytest.fixture
def beraad(coordinator: User) -> Beraad:
    """A beraad of the coordinator's SWV; its case waits in "beraad gepland"."""
    case = CaseFactory(swv=coordinator.memberships.get().organisation, status=Status.BERAAD_GEPLAND)
    return BeraadFactory(case=case)


@pytest.fixture
def client_of(coordinator: User, signed_in: Callable[[User], Client]) -> Client:
    return signed_in(coordinator)


def _held(beraad: Beraad) -> Beraad:
    invited_table(beraad)  # a held session had a complete, invited table (issue 14)
    Beraad.objects.filter(pk=beraad.pk).update(status=BeraadStatus.GEHOUDEN)
    beraad.refresh_from_db()
    return beraad


# --- outcome, commitments, follow-up actions -----------------------------------------------------


def test_a_follow_up_action_becomes_an_action_on_the_case_with_its_actiehouder(
    client_of: Client, beraad: Beraad
) -> None:
    # given the case's LPA as actiehouder
    lpa = MembershipFactory(
        role=Role.LPA, organisation=beraad.case.gemeente, user__first_name="Lotte", user__last_name="Plas"
    ).user
    due = timezone.localdate() + timedelta(days=10)
    # when the action agreed at the table is recorded
    response = client_of.post(
        _url("action_add", beraad),
        {"description": "Zorgboerderij benaderen", "owner": lpa.pk, "due_on": due.isoformat()},
    )
    # then it is an action on the case, linked to the beraad, and on the case page with its holder
    assert response.status_code == 302
    action = ActionItem.objects.get(case=beraad.case)
    assert (action.owner, action.due_on, action.origin) == (lpa, due, "Moreel Beraad 1")
    assert list(beraad.follow_up_actions.all()) == [action]
    case_page = client_of.get(reverse("cases:detail", args=[beraad.case_id])).content.decode()
    assert "Zorgboerderij benaderen" in case_page
    assert "Lotte Plas" in case_page
    beraad_page = client_of.get(reverse("moreelberaad:detail", args=[beraad.pk])).content.decode()
    assert "Lotte Plas" in beraad_page


def test_a_follow_up_action_may_go_to_someone_without_an_account(client_of: Client, beraad: Beraad) -> None:
    due = timezone.localdate() + timedelta(days=3)

    client_of.post(
        _url("action_add", beraad),
        {"description": "Oom belt de trainer", "owner_name": "Oom Kees", "due_on": due.isoformat()},
    )

    assert ActionItem.objects.get(case=beraad.case).holder == "Oom Kees"


def test_an_actiehouder_must_work_on_the_case(client_of: Client, beraad: Beraad) -> None:
    # given an LPA of another gemeente
    outsider = user_with_role(Role.LPA)
    # when
    response = client_of.post(
        _url("action_add", beraad),
        {"description": "Iets", "owner": outsider.pk, "due_on": timezone.localdate().isoformat()},
    )
    # then
    assert response.status_code == 422
    assert "owner" in response.context["form"].errors
    assert not ActionItem.objects.exists()


def test_commitments_are_added_and_removed_on_the_outcome_page(client_of: Client, beraad: Beraad) -> None:
    added = client_of.post(
        _url("commitment_add", beraad),
        {"commitment-organisation_name": "Zorgpartner", "commitment-commitment": "Een begeleider"},
    )
    commitment = OrganisationCommitment.objects.get(beraad=beraad)
    removed = confirm(client_of, _url("commitment_remove", beraad, commitment.pk))

    assert added["Location"] == removed["Location"] == _url("outcome", beraad)
    assert not OrganisationCommitment.objects.exists()


def test_an_empty_commitment_is_refused_next_to_the_field(client_of: Client, beraad: Beraad) -> None:
    response = client_of.post(_url("commitment_add", beraad), {"commitment-organisation_name": "Zorgpartner"})

    assert response.status_code == 422
    assert "commitment" in response.context["commitment_form"].errors


# --- the status of the beraad and the case -------------------------------------------------------


@pytest.mark.parametrize(
    ("case_status", "beraad_status", "next_session", "path"),
    [
        (Status.BERAAD_GEPLAND, BeraadStatus.GEHOUDEN, NextSession.UNDECIDED, [Status.BERAAD_GEHOUDEN]),
        (
            Status.BERAAD_GEPLAND,
            BeraadStatus.GEHOUDEN,
            NextSession.NEEDED,
            [Status.BERAAD_GEHOUDEN, Status.VERVOLG],
        ),
        (Status.BERAAD_GEHOUDEN, BeraadStatus.GEHOUDEN, NextSession.NOT_NEEDED, [Status.NAZORG]),
        (Status.BERAAD_GEHOUDEN, BeraadStatus.GEEVALUEERD, NextSession.NEEDED, [Status.VERVOLG]),
        (Status.BERAAD_GEPLAND, BeraadStatus.UITGENODIGD, NextSession.NEEDED, []),
        (Status.VERVOLG, BeraadStatus.GEHOUDEN, NextSession.NEEDED, []),
        (Status.EXPERTISE_VERZAMELD, BeraadStatus.GEHOUDEN, NextSession.NOT_NEEDED, []),
    ],
)
def test_the_case_follows_the_beraad_only_where_the_pipeline_allows(
    case_status: str, beraad_status: str, next_session: str, path: list[str]
) -> None:
    assert (
        case_status_path(case_status=case_status, beraad_status=beraad_status, next_session=next_session)
        == path
    )


def _outcome(next_session: str, version: int) -> dict[str, Any]:
    return {"advice": "Eerst de zorgboerderij", "next_session": next_session, "version": version}


def test_held_then_a_next_session_moves_the_case_to_vervolg(client_of: Client, beraad: Beraad) -> None:
    # given an outcome saved before the session was held: the case waits
    client_of.post(_url("outcome", beraad), _outcome(NextSession.UNDECIDED, beraad.version))
    assert Case.objects.get(pk=beraad.case_id).status == Status.BERAAD_GEPLAND
    # when the session, with a complete and invited table, is marked held
    invited_table(beraad)
    client_of.post(_url("mark_held", beraad))
    # then the beraad is held and the case too
    assert Beraad.objects.get(pk=beraad.pk).status == BeraadStatus.GEHOUDEN
    assert Case.objects.get(pk=beraad.case_id).status == Status.BERAAD_GEHOUDEN
    # when the outcome says a next session is needed
    version = Beraad.objects.get(pk=beraad.pk).version
    response = client_of.post(_url("outcome", beraad), _outcome(NextSession.NEEDED, version))
    # then the case moves on to vervolg, each step in its history
    assert response.status_code == 302
    case = Case.objects.get(pk=beraad.case_id)
    assert case.status == Status.VERVOLG
    assert list(case.status_changes.order_by("id").values_list("to_status", flat=True)) == [
        Status.BERAAD_GEHOUDEN,
        Status.VERVOLG,
    ]


def test_no_next_session_moves_the_case_to_nazorg(client_of: Client, beraad: Beraad) -> None:
    invited_table(beraad)
    client_of.post(_url("mark_held", beraad))

    client_of.post(_url("outcome", beraad), _outcome(NextSession.NOT_NEEDED, beraad.version))

    assert Case.objects.get(pk=beraad.case_id).status == Status.NAZORG


def test_an_earlier_beraad_does_not_move_the_case_once_the_next_is_planned(
    client_of: Client, beraad: Beraad
) -> None:
    # given session 1 held and session 2 planned: the case waits for session 2
    _held(beraad)
    BeraadFactory(case=beraad.case, sequence_number=2)
    # when session 1's outcome is saved again with its decision
    client_of.post(_url("outcome", beraad), _outcome(NextSession.NEEDED, beraad.version))
    # then the case stays where session 2 put it
    assert Case.objects.get(pk=beraad.case_id).status == Status.BERAAD_GEPLAND


def test_a_cancelled_beraad_cannot_be_marked_held(client_of: Client, beraad: Beraad) -> None:
    Beraad.objects.filter(pk=beraad.pk).update(status=BeraadStatus.GEANNULEERD)

    response = client_of.post(_url("mark_held", beraad), follow=True)

    assert Beraad.objects.get(pk=beraad.pk).status == BeraadStatus.GEANNULEERD
    assert Case.objects.get(pk=beraad.case_id).status == Status.BERAAD_GEPLAND
    assert [m.level_tag for m in response.context["messages"]] == ["error"]


# --- evaluation and reflections ------------------------------------------------------------------


def test_a_beraad_is_evaluated_only_after_it_was_held(client_of: Client, beraad: Beraad) -> None:
    response = client_of.post(_url("evaluation", beraad), EVALUATION)

    assert response.status_code == 302
    assert not Evaluation.objects.exists()


def test_the_evaluation_rates_the_three_goals_and_marks_the_beraad_evaluated(
    client_of: Client, beraad: Beraad
) -> None:
    # given a held beraad
    _held(beraad)
    # when
    response = client_of.post(_url("evaluation", beraad), EVALUATION)
    # then
    assert response.status_code == 302
    evaluation = Evaluation.objects.get(beraad=beraad)
    ratings = (
        evaluation.case_quality_rating,
        evaluation.moral_competence_rating,
        evaluation.organisational_learning_rating,
    )
    assert ratings == (4, 3, 2)
    assert Beraad.objects.get(pk=beraad.pk).status == BeraadStatus.GEEVALUEERD


def test_a_rating_outside_one_to_five_is_refused(client_of: Client, beraad: Beraad) -> None:
    _held(beraad)

    response = client_of.post(_url("evaluation", beraad), {**EVALUATION, "case_quality_rating": "6"})

    assert response.status_code == 422
    assert "case_quality_rating" in response.context["form"].errors


def test_reflections_carry_a_learning_level_and_rode_draden_reach_the_monitor(
    client_of: Client, beraad: Beraad
) -> None:
    # when a rode-draad reflection is added
    client_of.post(
        _url("reflection_add", beraad),
        {"level": LearningLevel.RODE_DRAAD, "theme": "Wachtlijsten", "text": "Overal dezelfde wachtlijst."},
    )
    # then the monitor reads it only once a second person released it (ADR 0016)
    reflection = Reflection.objects.get(beraad=beraad)
    assert rode_draad_reflections() == []
    reflection_release(reflection=reflection, actor=audit.actor_from(user=user_with_role(Role.PROJECT_STAFF)))
    assert [(r.theme, r.text) for r in rode_draad_reflections()] == [
        ("Wachtlijsten", "Overal dezelfde wachtlijst.")
    ]
    # when it is removed
    confirm(client_of, _url("reflection_remove", beraad, reflection.pk))
    # then
    assert rode_draad_reflections() == []
