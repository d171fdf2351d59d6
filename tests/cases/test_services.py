"""The case services: registering, correcting, moving along the pipeline and removing a case."""

import re
from datetime import date, datetime
from itertools import product
from zoneinfo import ZoneInfo

from django.utils import timezone

import pytest
import time_machine

from cases import services
from cases.constants import ALLOWED_TRANSITIONS, Category, PreparationKind, PreparationStatus, Status
from cases.models import AbsenteeismDetails, Case, ExemptionDetails, StatusChange
from tests.cases.core_support import actor_for, audit_trail_text, case_data, member_of
from tests.cases.factories import CaseFactory
from tests.factories import user_with_role
from wio.accounts.constants import Role
from wio.accounts.models import User
from wio.audit.constants import Action, Purpose, Result
from wio.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

REFERENCE_PATTERN = re.compile(r"^WIO-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{7}$")
AMSTERDAM = ZoneInfo("Europe/Amsterdam")

ALLOWED = sorted(
    (str(source), str(target)) for source, targets in ALLOWED_TRANSITIONS.items() for target in targets
)
DISALLOWED = sorted(
    (source, target)
    for source, target in product(Status.values, Status.values)
    if (source, target) not in set(ALLOWED)
)


def _lpa_for(case: Case) -> User:
    return member_of(case.gemeente, Role.LPA)


# --- case_create ------------------------------------------------------------------------------------


def test_case_create_gives_a_reference_from_the_unambiguous_alphabet() -> None:
    # Given an officer
    user = user_with_role(Role.LPA)

    # When they register twenty youths
    cases = [services.case_create(actor=actor_for(user), data=case_data()) for _ in range(20)]

    # Then every reference is WIO- plus seven characters without 0/O/1/I/L, and all differ
    assert all(REFERENCE_PATTERN.fullmatch(case.reference) for case in cases)
    assert len({case.reference for case in cases}) == 20


def test_case_create_draws_again_when_a_reference_is_taken(monkeypatch: pytest.MonkeyPatch) -> None:
    # Given a case that already holds the first reference the generator will offer
    taken = CaseFactory(reference="WIO-AAAAAAA")
    offered = iter(["WIO-AAAAAAA", "WIO-BBBBBBB"])
    monkeypatch.setattr("cases.services.case._new_reference", lambda: next(offered))

    # When a new case is registered
    case = services.case_create(actor=actor_for(user_with_role(Role.LPA)), data=case_data())

    # Then it gets the next free reference and the existing case keeps its own
    assert case.reference == "WIO-BBBBBBB"
    assert Case.objects.filter(reference="WIO-AAAAAAA").get() == taken


def test_case_create_adds_the_five_preparation_items_as_missing() -> None:
    case = services.case_create(actor=actor_for(user_with_role(Role.LPA)), data=case_data())

    items = case.preparation_items.all()

    assert sorted(item.kind for item in items) == sorted(PreparationKind.values)
    assert {item.status for item in items} == {PreparationStatus.ONTBREEKT}


@pytest.mark.parametrize(
    ("category", "detail_model", "other_model"),
    [
        (Category.VRIJSTELLING_5A, ExemptionDetails, AbsenteeismDetails),
        (Category.ABSOLUUT_VERZUIM, AbsenteeismDetails, ExemptionDetails),
    ],
)
def test_case_create_adds_the_detail_record_of_its_category(
    category: str, detail_model: type[ExemptionDetails], other_model: type[AbsenteeismDetails]
) -> None:
    case = services.case_create(actor=actor_for(user_with_role(Role.LPA)), data=case_data(category=category))

    assert detail_model.objects.filter(case=case).count() == 1
    assert not other_model.objects.filter(case=case).exists()


def test_escalation_start_defaults_to_the_registration_date() -> None:
    case = services.case_create(
        actor=actor_for(user_with_role(Role.LPA)),
        data=case_data(registered_on=date(2022, 1, 3), escalation_start_on=None),
    )

    case.refresh_from_db()
    assert case.escalation_start_on == date(2022, 1, 3)


def test_an_explicit_escalation_start_is_kept() -> None:
    case = services.case_create(
        actor=actor_for(user_with_role(Role.LPA)),
        data=case_data(registered_on=date(2022, 1, 3), escalation_start_on=date(2021, 12, 1)),
    )

    case.refresh_from_db()
    assert case.escalation_start_on == date(2021, 12, 1)


@time_machine.travel(datetime(2023, 6, 12, 9, 0, tzinfo=AMSTERDAM), tick=False)
def test_without_any_date_the_clock_starts_today() -> None:
    # Given case data without a registration or escalation date
    data = case_data()
    del data["registered_on"]

    # When the case is registered
    case = services.case_create(actor=actor_for(user_with_role(Role.LPA)), data=data)

    # Then both dates are today
    case.refresh_from_db()
    assert (case.registered_on, case.escalation_start_on) == (date(2023, 6, 12), date(2023, 6, 12))


def test_case_create_writes_a_create_event_with_field_names_only() -> None:
    # Given an officer and a youth with an unmistakable name
    user = user_with_role(Role.LPA)
    data = case_data(first_name="Zwaantje", last_name="Kwakkelstein")

    # When the youth is registered
    case = services.case_create(actor=actor_for(user), data=data)

    # Then one C event names the case by reference and lists the fields, not their values
    event = AuditEvent.objects.get(event_type="case.create")
    assert (event.action, event.result, event.purpose) == (Action.CREATE, Result.OK, Purpose.CASE_MANAGEMENT)
    assert (event.youth_ref, event.object_type, event.object_id) == (
        case.reference,
        "cases.case",
        str(case.pk),
    )
    assert (event.actor, event.actor_role) == (user, Role.LPA)
    assert event.detail == {"fields": sorted(data)}


def test_the_youths_name_appears_nowhere_in_the_audit_trail() -> None:
    # Given a youth registered and then corrected
    user = user_with_role(Role.LPA)
    case = services.case_create(actor=actor_for(user), data=case_data())
    services.case_update(
        case=case, actor=actor_for(user), data={"last_name": "Kwakkelsteijn"}, expected_version=case.version
    )

    # Then no column of any event, detail JSON included, holds either name
    trail = audit_trail_text()
    assert AuditEvent.objects.count() == 2
    assert "zwaantje" not in trail
    assert "kwakkelstein" not in trail


# --- case_update: optimistic locking ----------------------------------------------------------------


def test_case_update_saves_and_increments_the_version_each_time() -> None:
    case = CaseFactory()
    actor = actor_for(_lpa_for(case))

    first = services.case_update(case=case, actor=actor, data={"first_name": "Eerste"}, expected_version=1)
    second = services.case_update(case=first, actor=actor, data={"first_name": "Tweede"}, expected_version=2)

    stored = Case.objects.get(pk=case.pk)
    assert (second.version, stored.version, stored.first_name) == (3, 3, "Tweede")


def test_case_update_records_only_the_fields_that_changed() -> None:
    case = CaseFactory(first_name="Same")
    actor = actor_for(_lpa_for(case))

    services.case_update(
        case=case,
        actor=actor,
        data={"first_name": "Same", "is_project_case": False},
        expected_version=case.version,
    )

    event = AuditEvent.objects.get(event_type="case.update")
    assert (event.action, event.youth_ref, event.detail) == (
        Action.UPDATE,
        case.reference,
        {"fields": ["is_project_case"]},
    )


def test_a_stale_case_update_raises_a_conflict_with_the_current_row_and_changes_nothing() -> None:
    # Given two officers who opened the same case at version 1, and the first one saved
    case = CaseFactory(first_name="Origineel")
    actor = actor_for(_lpa_for(case))
    services.case_update(case=case, actor=actor, data={"first_name": "Eerst"}, expected_version=1)
    events_before = AuditEvent.objects.count()

    # When the second saves from version 1
    with pytest.raises(services.ConflictError) as conflict:
        services.case_update(
            case=Case.objects.get(pk=case.pk), actor=actor, data={"first_name": "Later"}, expected_version=1
        )

    # Then the conflict carries what is stored now, and nothing was written
    assert (conflict.value.current.pk, conflict.value.current.version) == (case.pk, 2)
    assert conflict.value.current.first_name == "Eerst"
    stored = Case.objects.get(pk=case.pk)
    assert (stored.first_name, stored.version) == ("Eerst", 2)
    assert AuditEvent.objects.count() == events_before


def test_changing_the_category_adds_the_other_detail_record() -> None:
    case = CaseFactory(category=Category.VRIJSTELLING_5A)

    services.case_update(
        case=case,
        actor=actor_for(_lpa_for(case)),
        data={"category": Category.ABSOLUUT_VERZUIM},
        expected_version=case.version,
    )

    assert AbsenteeismDetails.objects.filter(case_id=case.pk).exists()


def test_exemption_update_is_versioned_and_audited() -> None:
    case = CaseFactory(category=Category.VRIJSTELLING_5A)
    actor = actor_for(_lpa_for(case))

    details = services.exemption_update(
        case=case, actor=actor, data={"granted_on": date(2024, 1, 8)}, expected_version=1
    )
    with pytest.raises(services.ConflictError):
        services.exemption_update(case=case, actor=actor, data={"granted_on": None}, expected_version=1)

    assert (details.version, ExemptionDetails.objects.get(case_id=case.pk).granted_on) == (
        2,
        date(2024, 1, 8),
    )
    event = AuditEvent.objects.get(event_type="case.exemption.update")
    assert (event.youth_ref, event.detail) == (case.reference, {"fields": ["granted_on"]})


def test_absenteeism_update_is_versioned_and_audited() -> None:
    case = CaseFactory(absoluut_verzuim=True)
    actor = actor_for(_lpa_for(case))

    details = services.absenteeism_update(
        case=case, actor=actor, data={"last_school": "De Regenboog"}, expected_version=1
    )
    with pytest.raises(services.ConflictError):
        services.absenteeism_update(case=case, actor=actor, data={"last_school": ""}, expected_version=1)

    assert (details.version, AbsenteeismDetails.objects.get(case_id=case.pk).last_school) == (
        2,
        "De Regenboog",
    )
    event = AuditEvent.objects.get(event_type="case.absenteeism.update")
    assert (event.youth_ref, event.detail) == (case.reference, {"fields": ["last_school"]})
    assert "regenboog" not in audit_trail_text()


# --- case_transition --------------------------------------------------------------------------------


@pytest.mark.parametrize(("source", "target"), ALLOWED)
def test_every_allowed_transition_is_made_and_recorded(source: str, target: str) -> None:
    # Given a case in `source`
    case = CaseFactory(status=source)
    user = _lpa_for(case)
    moment = datetime(2024, 3, 4, 10, 30, tzinfo=AMSTERDAM)

    # When it moves to `target`
    with time_machine.travel(moment, tick=False):
        moved = services.case_transition(case=case, to_status=target, actor=actor_for(user), note="besproken")

    # Then the status, a StatusChange (who, when) and a U event are stored
    stored = Case.objects.get(pk=case.pk)
    assert (moved.status, stored.status, stored.version) == (target, target, 2)
    assert stored.status_changed_at == moment
    change = StatusChange.objects.get(case_id=case.pk)
    assert (change.from_status, change.to_status, change.changed_by, change.changed_at) == (
        source,
        target,
        user,
        moment,
    )
    event = AuditEvent.objects.get(event_type="case.status")
    assert (event.action, event.youth_ref, event.actor) == (Action.UPDATE, case.reference, user)
    assert event.detail == {"from": source, "to": target}


@pytest.mark.parametrize(("source", "target"), [*DISALLOWED, (Status.IN_BEELD, "no_such_status")])
def test_a_disallowed_transition_is_refused_and_changes_nothing(source: str, target: str) -> None:
    # Given a case in `source`
    case = CaseFactory(status=source)

    # When someone tries to move it to a status the pipeline does not allow from there
    with pytest.raises(services.TransitionError) as refused:
        services.case_transition(case=case, to_status=target, actor=actor_for(_lpa_for(case)))

    # Then they are told why, and the case, its history and the audit trail are untouched
    assert refused.value.code == "invalid_transition"
    assert refused.value.messages[0].strip()
    stored = Case.objects.get(pk=case.pk)
    assert (stored.status, stored.version) == (source, 1)
    assert not StatusChange.objects.filter(case_id=case.pk).exists()
    assert not AuditEvent.objects.exists()


def test_a_case_can_go_through_the_whole_pipeline_and_be_reopened() -> None:
    case = CaseFactory()
    actor = actor_for(_lpa_for(case))
    route = [
        Status.VOORGESTELD,
        Status.OUDERGESPREK,
        Status.EXPERTISE_VERZAMELD,
        Status.BERAAD_GEPLAND,
        Status.BERAAD_GEHOUDEN,
        Status.NAZORG,
        Status.AFGESLOTEN,
        Status.VERVOLG,
    ]

    moved = Case.objects.get(pk=case.pk)
    for target in route:
        moved = services.case_transition(case=moved, to_status=target, actor=actor)

    assert moved.status == Status.VERVOLG
    assert list(
        StatusChange.objects.filter(case_id=case.pk).order_by("id").values_list("to_status", flat=True)
    ) == [str(status) for status in route]


# --- case_delete ------------------------------------------------------------------------------------


def test_case_delete_removes_the_case_and_records_a_delete_event() -> None:
    case = CaseFactory()
    reference, pk = case.reference, case.pk

    services.case_delete_in_error(case=case, actor=actor_for(_lpa_for(case)), note="Dubbel")

    assert not Case.objects.filter(pk=pk).exists()
    event = AuditEvent.objects.get(event_type="case.delete_in_error")
    assert (event.action, event.youth_ref, event.object_id, event.detail) == (
        Action.DELETE,
        reference,
        str(pk),
        {"reason": "in_error"},
    )


def test_status_changed_at_is_set_on_registration() -> None:
    before = timezone.now()

    case = services.case_create(actor=actor_for(user_with_role(Role.LPA)), data=case_data())

    assert case.status == Status.IN_BEELD
    assert case.status_changed_at is not None
    assert case.status_changed_at >= before
