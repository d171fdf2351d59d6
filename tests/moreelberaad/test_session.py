"""Recording a session (issue #4 item 5): the steps of the method, the perspectives table and the
minutes — who may record them, what the audit trail keeps, and the detail page's query count."""

from collections.abc import Callable
from typing import Any

from django.test import Client
from django.urls import reverse
from django.utils import timezone

import pytest

from cases.constants import Status
from cases.models import ActionItem
from moreelberaad.constants import Step
from moreelberaad.forms.session import dilemma_content, parse_dilemma
from moreelberaad.models import Beraad, Evaluation, Perspective, StepRecord
from tests.cases.factories import CaseFactory
from tests.confirming import confirm
from tests.factories import MembershipFactory, user_with_role
from tests.moreelberaad.factories import (
    BeraadFactory,
    CommitmentFactory,
    ParticipantFactory,
    PerspectiveFactory,
    ReflectionFactory,
)
from tests.moreelberaad.session_support import DILEMMA, EVALUATION, invited_table
from tests.moreelberaad.session_support import url as _url
from wio.accounts.constants import Role
from wio.accounts.models import User
from wio.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

SENTINEL = "Zeldzaamgezegd"  # what was said at the table; must never reach the audit trail


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


# --- the steps of the method ---------------------------------------------------------------------


def test_the_dilemma_is_recorded_as_a_or_b_with_the_burden_of_each(client_of: Client, beraad: Beraad) -> None:
    # given the coordinator on the dilemma step
    assert client_of.get(_url("step_edit", beraad, "dilemma")).status_code == 200
    # when the dilemma and the conclusions are recorded
    dilemma = client_of.post(_url("step_edit", beraad, "dilemma"), {**DILEMMA, "version": "0"})
    conclusions = client_of.post(
        _url("step_edit", beraad, "conclusions"), {"content": "We kiezen samen voor B.", "version": "0"}
    )
    # then both are stored as readable text and shown on the beraad's page
    assert dilemma.status_code == conclusions.status_code == 302
    stored = {r.step: r.content for r in StepRecord.objects.filter(beraad=beraad)}
    assert stored[Step.DILEMMA] == (
        "A: De jongen gaat volgende week naar school\n"
        "Last van A: Hij voelt zich gedwongen;\nhet vertrouwen in de school is weg.\n"
        "B: Eerst een zorgboerderij\n"
        "Last van B: Hij loopt verder achter met leren."
    )
    assert stored[Step.CONCLUSIONS] == "We kiezen samen voor B."
    page = client_of.get(reverse("moreelberaad:detail", args=[beraad.pk])).content.decode()
    assert "Last van A: Hij voelt zich gedwongen;" in page
    assert "We kiezen samen voor B." in page


def test_the_dilemma_form_reopens_with_its_four_parts(client_of: Client, beraad: Beraad) -> None:
    # given a recorded dilemma
    StepRecord.objects.create(beraad=beraad, step=Step.DILEMMA, content=dilemma_content(**DILEMMA))
    # when the step is opened again
    form = client_of.get(_url("step_edit", beraad, "dilemma")).context["form"]
    # then each part is back in its own field, with the version to save from
    assert {name: form.initial[name] for name in DILEMMA} == DILEMMA
    assert form.initial["version"] == 1


def test_text_written_otherwise_is_kept_when_the_dilemma_is_reopened() -> None:
    assert parse_dilemma("Vrije tekst zonder opmaak") == {
        "option_a": "",
        "burden_a": "Vrije tekst zonder opmaak",
        "option_b": "",
        "burden_b": "",
    }


def test_a_step_outside_the_method_does_not_exist(client_of: Client, coordinator: User) -> None:
    # given a socratic dialogue, which has no dilemma step
    case = CaseFactory(swv=coordinator.memberships.get().organisation)
    socratic = BeraadFactory(case=case, method="socratisch_gesprek")
    # then
    assert client_of.get(_url("step_edit", socratic, "dilemma")).status_code == 404
    assert client_of.get(_url("step_edit", socratic, "dialogue")).status_code == 200


def test_a_stale_step_edit_gets_409_with_the_current_text(client_of: Client, beraad: Beraad) -> None:
    # given a step record someone saved after this user opened it at version 1
    StepRecord.objects.create(beraad=beraad, step=Step.DIALOGUE, content="Eerste versie")
    client_of.post(_url("step_edit", beraad, "dialogue"), {"content": "Tweede versie", "version": "1"})
    # when this user saves from version 1
    response = client_of.post(
        _url("step_edit", beraad, "dialogue"), {"content": "Mijn versie", "version": "1"}
    )
    # then nothing is overwritten; the page shows the current text and the user's own
    assert response.status_code == 409
    assert StepRecord.objects.get(beraad=beraad, step=Step.DIALOGUE).content == "Tweede versie"
    assert response.context["form"].initial["content"] == "Tweede versie"
    assert response.context["unsaved"] == "Mijn versie"
    assert response.context["conflict"]


def test_two_first_saves_of_one_step_do_not_overwrite_each_other(client_of: Client, beraad: Beraad) -> None:
    # given someone recorded the step while this user's empty form was open (version 0)
    StepRecord.objects.create(beraad=beraad, step=Step.CASE, content="Van een collega")
    # when
    response = client_of.post(_url("step_edit", beraad, "case"), {"content": "Van mij", "version": "0"})
    # then
    assert response.status_code == 409
    assert StepRecord.objects.get(beraad=beraad, step=Step.CASE).content == "Van een collega"


def test_stale_minutes_get_409(client_of: Client, beraad: Beraad) -> None:
    # given
    stale = beraad.version
    assert client_of.post(_url("notes", beraad), {"notes": "Notulen 1", "version": stale}).status_code == 302
    # when
    response = client_of.post(_url("notes", beraad), {"notes": "Notulen 2", "version": stale})
    # then
    assert response.status_code == 409
    assert Beraad.objects.get(pk=beraad.pk).notes == "Notulen 1"


# --- perspectives --------------------------------------------------------------------------------


def test_perspectives_are_added_edited_and_removed(client_of: Client, beraad: Beraad) -> None:
    # given a participant of this beraad
    participant = ParticipantFactory(beraad=beraad)
    row = {
        "participant": participant.pk,
        "perspective": "Als moeder",
        "values": "Rust",
        "norms": "Niet dwingen",
        "choice": "B",
        "argument": "Hij moet eerst weer vertrouwen krijgen.",
    }
    # when a perspective is added, edited and removed
    client_of.post(_url("perspective_add", beraad), row)
    perspective = Perspective.objects.get(beraad=beraad)
    edited = client_of.post(
        _url("perspective_edit", beraad, perspective.pk),
        {**row, "choice": "A", "version": perspective.version},
    )
    choice_after_edit = Perspective.objects.get(pk=perspective.pk).choice
    removed = confirm(client_of, _url("perspective_remove", beraad, perspective.pk))
    # then
    assert (edited.status_code, choice_after_edit) == (302, "A")
    assert removed.status_code == 302
    assert not Perspective.objects.exists()


def test_a_perspective_is_only_for_a_participant_of_this_beraad(client_of: Client, beraad: Beraad) -> None:
    stranger = ParticipantFactory()

    response = client_of.post(
        _url("perspective_add", beraad), {"participant": stranger.pk, "perspective": "Van elders"}
    )

    assert response.status_code == 422
    assert "participant" in response.context["form"].errors


# --- who may record ------------------------------------------------------------------------------

RECORDING_GETS: list[tuple[str, ...]] = [
    ("step_edit", "dilemma"),
    ("notes",),
    ("outcome",),
    ("action_add",),
    ("perspective_add",),
    ("reflection_add",),
]


def _get(client: Client, beraad: Beraad, name: str, *args: str) -> int:
    return client.get(_url(name, beraad, *args)).status_code


def test_unassigned_project_staff_get_404_and_an_assigned_notulist_records(
    beraad: Beraad, signed_in: Callable[[User], Client]
) -> None:
    # given project staff not at this table
    staff = user_with_role(Role.PROJECT_STAFF)
    client = signed_in(staff)
    assert [_get(client, beraad, *page) for page in RECORDING_GETS] == [404] * len(RECORDING_GETS)
    assert client.post(_url("mark_held", beraad)).status_code == 404
    # when they are appointed notulist
    ParticipantFactory(beraad=beraad, user=staff, notulist=True)
    # then they record, in their own role
    assert [_get(client, beraad, *page) for page in RECORDING_GETS] == [200] * len(RECORDING_GETS)
    response = client.post(_url("step_edit", beraad, "dilemma"), {**DILEMMA, "version": "0"})
    assert response.status_code == 302
    event = AuditEvent.objects.get(event_type="beraad.step.save")
    assert (event.actor, event.actor_role, event.youth_ref) == (
        staff,
        Role.PROJECT_STAFF,
        beraad.case.reference,
    )


def test_a_coordinator_of_another_swv_gets_404(beraad: Beraad, signed_in: Callable[[User], Client]) -> None:
    client = signed_in(user_with_role(Role.SWV_COORDINATOR))

    assert [_get(client, beraad, *page) for page in RECORDING_GETS] == [404] * len(RECORDING_GETS)
    assert client.post(_url("notes", beraad), {"notes": "x", "version": 1}).status_code == 404
    assert Beraad.objects.get(pk=beraad.pk).notes == ""


def test_the_lpa_of_the_case_views_the_record_but_does_not_record(
    beraad: Beraad, signed_in: Callable[[User], Client]
) -> None:
    # given the case's LPA and a recorded conclusion
    lpa = MembershipFactory(role=Role.LPA, organisation=beraad.case.gemeente).user
    StepRecord.objects.create(beraad=beraad, step=Step.CONCLUSIONS, content="Samen voor B")
    client = signed_in(lpa)
    # then
    page = client.get(reverse("moreelberaad:detail", args=[beraad.pk]))
    assert "Samen voor B" in page.content.decode()
    assert _url("step_edit", beraad, "conclusions") not in page.content.decode()
    assert [_get(client, beraad, *page) for page in RECORDING_GETS] == [403] * len(RECORDING_GETS)
    assert client.post(_url("mark_held", beraad)).status_code == 403


# --- audit ---------------------------------------------------------------------------------------


def test_audit_events_name_fields_and_counts_never_what_was_said(client_of: Client, beraad: Beraad) -> None:
    # given a participant and an actiehouder
    participant = ParticipantFactory(beraad=beraad)
    said = f"{SENTINEL} zei iets gevoeligs"
    due = timezone.localdate().isoformat()
    # when everything is recorded with the sentinel in every free text
    client_of.post(_url("step_edit", beraad, "dilemma"), {**dict.fromkeys(DILEMMA, SENTINEL), "version": 0})
    client_of.post(_url("step_edit", beraad, "dialogue"), {"content": said, "version": 0})
    client_of.post(_url("perspective_add", beraad), {"participant": participant.pk, "perspective": said})
    client_of.post(_url("notes", beraad), {"notes": said, "version": beraad.version})
    invited_table(beraad)
    client_of.post(_url("mark_held", beraad))
    version = Beraad.objects.get(pk=beraad.pk).version
    client_of.post(_url("outcome", beraad), {"advice": said, "next_session": "needed", "version": version})
    client_of.post(
        _url("commitment_add", beraad),
        {"commitment-organisation_name": SENTINEL, "commitment-commitment": said},
    )
    client_of.post(_url("action_add", beraad), {"description": said, "owner_name": SENTINEL, "due_on": due})
    client_of.post(_url("evaluation", beraad), {**EVALUATION, "case_quality": said})
    client_of.post(_url("reflection_add", beraad), {"level": "individual", "theme": SENTINEL, "text": said})
    # then every change was audited, and none of the text is in the trail
    events = list(AuditEvent.objects.filter(event_type__startswith="beraad."))
    assert {e.event_type for e in events} >= {
        "beraad.step.save",
        "beraad.perspective.add",
        "beraad.notes.save",
        "beraad.held",
        "beraad.outcome.save",
        "beraad.commitment.add",
        "beraad.follow_up_action.add",
        "beraad.evaluation.save",
        "beraad.reflection.add",
    }
    trail = " ".join(
        f"{e.detail} {e.actor_label} {e.youth_ref} {e.object_id}" for e in AuditEvent.objects.all()
    )
    assert SENTINEL not in trail


# --- queries -------------------------------------------------------------------------------------


def _fill(beraad: Beraad, count: int, holder: User) -> None:
    for _ in range(count):
        PerspectiveFactory(beraad=beraad)
        ReflectionFactory(beraad=beraad)
        CommitmentFactory(beraad=beraad)
        action = ActionItem.objects.create(
            case=beraad.case, description="Actie", owner=holder, due_on=timezone.localdate()
        )
        beraad.follow_up_actions.add(action)


def test_the_detail_page_query_count_is_constant(
    client_of: Client, beraad: Beraad, django_assert_max_num_queries: Any
) -> None:
    # given one row of everything
    holder = MembershipFactory(role=Role.LPA, organisation=beraad.case.gemeente).user
    _fill(beraad, 1, holder)
    StepRecord.objects.create(beraad=beraad, step=Step.DILEMMA, content=dilemma_content(**DILEMMA))
    Evaluation.objects.create(beraad=beraad, case_quality_rating=3)
    url = reverse("moreelberaad:detail", args=[beraad.pk])
    with django_assert_max_num_queries(80) as one:
        assert client_of.get(url).status_code == 200
    # when there are thirty of everything
    _fill(beraad, 29, holder)
    # then the page needs no more queries
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client_of.get(url)
    assert response.content.decode().count("Veiligheid, vertrouwen") == 30
