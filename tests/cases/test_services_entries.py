"""Dossier entries: one code path creates, changes and removes every kind, each step audited."""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError

import pytest

from cases import services
from cases.constants import (
    ArrangementKind,
    ConversationKind,
    DevelopmentForm,
    InvolvedRole,
    OutcomePerspective,
    ReferralKind,
    TimelineType,
)
from cases.models import (
    ActionItem,
    Arrangement,
    Case,
    CaseEntry,
    Conversation,
    Development,
    Involved,
    Movement,
    Outcome,
    Plan,
    Referral,
    TimelineEntry,
)
from tests.cases.core_support import actor_for, an_involved, audit_trail_text, member_of
from tests.cases.factories import CaseFactory
from wio.accounts.constants import Role
from wio.accounts.models import User
from wio.audit import services as audit
from wio.audit.constants import Action
from wio.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

# (model, data to create with, a change to make) — free text chosen so a leak into the trail shows.
ENTRY_KINDS: list[tuple[type[CaseEntry], dict[str, Any], dict[str, Any]]] = [
    (Involved, {"name": "Oom Gerrit", "role": InvolvedRole.RELEVANTE_ANDER}, {"contact": "06-12345678"}),
    (
        TimelineEntry,
        {
            "occurred_on": date(2024, 2, 1),
            "entry_type": TimelineType.CONTACT,
            "description": "Belletje ouders",
        },
        {"result": "Afspraak gemaakt"},
    ),
    (
        Development,
        {"form": DevelopmentForm.ZORGBOERDERIJ, "description": "Kippen verzorgen"},
        {"recognised_by_gemeente": True},
    ),
    (Movement, {"occurred_on": date(2024, 3, 1), "description": "Proefdag"}, {"contributing_factors": "Oma"}),
    (ActionItem, {"description": "Bel de school", "due_on": date(2024, 4, 1)}, {"owner_name": "Buurvrouw"}),
    (Arrangement, {"kind": ArrangementKind.OZA}, {"funding_notes": "Potje frictiebudget"}),
    (Referral, {"kind": ReferralKind.DOORBRAAKTEAM}, {"note": "Spoed gewenst"}),
    (
        Outcome,
        {"perspective": OutcomePerspective.OUDER, "description": "Eindelijk rust"},
        {"rating": 4},
    ),
    (
        Conversation,
        {"kind": ConversationKind.OUDERGESPREK, "held_on": date(2024, 5, 6)},
        {"topics": "Geheime wensen"},
    ),
    (Plan, {"education": "Halve dagen les"}, {"home": "Rust thuis"}),
]
KIND_IDS = [model.__name__ for model, _data, _change in ENTRY_KINDS]


def _worker(case: Case) -> User:
    return member_of(case.gemeente, Role.LPA)


def _actor(case: Case) -> audit.Actor:
    return actor_for(_worker(case))


@pytest.mark.parametrize(("model", "data", "change"), ENTRY_KINDS, ids=KIND_IDS)
def test_entry_create_stores_the_entry_and_writes_a_create_event(
    model: type[CaseEntry], data: dict[str, Any], change: dict[str, Any]
) -> None:
    # Given a case and its officer
    case = CaseFactory()
    user = _worker(case)

    # When an entry is recorded
    entry = services.entry_create(model=model, case=case, actor=actor_for(user), data=data)

    # Then it is stored with its author, and a C event names the fields only
    stored = model._default_manager.get(pk=entry.pk)
    assert (stored.case, stored.created_by, stored.version) == (case, user, 1)
    event = AuditEvent.objects.get()
    assert (event.action, event.event_type) == (Action.CREATE, f"case.{model._meta.model_name}.create")
    assert (event.youth_ref, event.object_id) == (case.reference, str(entry.pk))
    assert event.detail == {"fields": sorted(data)}


@pytest.mark.parametrize(("model", "data", "change"), ENTRY_KINDS, ids=KIND_IDS)
def test_entry_update_saves_increments_the_version_and_writes_an_update_event(
    model: type[CaseEntry], data: dict[str, Any], change: dict[str, Any]
) -> None:
    # Given a recorded entry
    case = CaseFactory()
    actor = _actor(case)
    entry = services.entry_create(model=model, case=case, actor=actor, data=data)

    # When it is changed, together with an unchanged field
    updated = services.entry_update(entry=entry, actor=actor, data={**data, **change}, expected_version=1)

    # Then the change is stored, the version went up and the U event names only the changed field
    stored = model._default_manager.get(pk=entry.pk)
    assert stored.version == updated.version == 2
    assert all(getattr(stored, name) == value for name, value in change.items())
    event = AuditEvent.objects.get(action=Action.UPDATE)
    assert event.event_type == f"case.{model._meta.model_name}.update"
    assert (event.youth_ref, event.detail) == (case.reference, {"fields": sorted(change)})


@pytest.mark.parametrize(("model", "data", "change"), ENTRY_KINDS, ids=KIND_IDS)
def test_entry_delete_removes_the_entry_and_writes_a_delete_event(
    model: type[CaseEntry], data: dict[str, Any], change: dict[str, Any]
) -> None:
    case = CaseFactory()
    actor = _actor(case)
    entry = services.entry_create(model=model, case=case, actor=actor, data=data)
    entry_id = entry.pk

    services.entry_delete(entry=entry, actor=actor, expected_version=1)

    assert not model._default_manager.filter(pk=entry_id).exists()
    event = AuditEvent.objects.get(action=Action.DELETE)
    assert (event.event_type, event.youth_ref, event.object_id) == (
        f"case.{model._meta.model_name}.delete",
        case.reference,
        str(entry_id),
    )


def test_no_free_text_of_an_entry_reaches_the_audit_trail() -> None:
    # Given every kind of entry created, changed and deleted
    case = CaseFactory()
    actor = _actor(case)
    for model, data, change in ENTRY_KINDS:
        entry = services.entry_create(model=model, case=case, actor=actor, data=data)
        entry = services.entry_update(entry=entry, actor=actor, data=change, expected_version=1)
        services.entry_delete(entry=entry, actor=actor, expected_version=2)

    # Then none of the texts typed in appears in the trail
    trail = audit_trail_text()
    texts = ["oom gerrit", "06-12345678", "belletje", "kippen", "proefdag", "bel de school", "buurvrouw"]
    texts += ["frictiebudget", "spoed", "eindelijk rust", "geheime wensen", "halve dagen", "rust thuis"]
    assert [text for text in texts if text in trail] == []


def test_a_stale_entry_update_raises_a_conflict_and_changes_nothing() -> None:
    # Given an action that a colleague changed after it was opened
    case = CaseFactory()
    actor = _actor(case)
    opened = services.entry_create(
        model=ActionItem, case=case, actor=actor, data={"description": "Eerst", "due_on": date(2024, 4, 1)}
    )
    services.entry_update(
        entry=ActionItem.objects.get(pk=opened.pk),
        actor=actor,
        data={"description": "Collega"},
        expected_version=1,
    )
    events_before = AuditEvent.objects.count()

    # When the stale form is saved from version 1
    with pytest.raises(services.ConflictError) as conflict:
        services.entry_update(entry=opened, actor=actor, data={"description": "Ik"}, expected_version=1)

    # Then the conflict carries the colleague's version and nothing more was written
    assert (conflict.value.current.description, conflict.value.current.version) == ("Collega", 2)
    stored = ActionItem.objects.get(pk=opened.pk)
    assert (stored.description, stored.version) == ("Collega", 2)
    assert AuditEvent.objects.count() == events_before


def test_a_stale_entry_delete_raises_a_conflict_and_keeps_the_entry() -> None:
    case = CaseFactory()
    actor = _actor(case)
    entry = services.entry_create(
        model=Movement, case=case, actor=actor, data={"occurred_on": date(2024, 3, 1), "description": "Stap"}
    )
    services.entry_update(entry=entry, actor=actor, data={"description": "Grotere stap"}, expected_version=1)

    with pytest.raises(services.ConflictError) as conflict:
        services.entry_delete(entry=entry, actor=actor, expected_version=1)

    assert conflict.value.current.version == 2
    assert Movement.objects.filter(pk=entry.pk).exists()
    assert not AuditEvent.objects.filter(action=Action.DELETE).exists()


def test_many_to_many_choices_are_stored_and_named_in_the_event() -> None:
    case = CaseFactory()
    actor = _actor(case)
    parent, teacher = an_involved(case=case), an_involved(case=case, role=InvolvedRole.SCHOOL)
    data = {"occurred_on": date(2024, 2, 1), "entry_type": TimelineType.BESLUIT, "description": "Besluit"}

    entry = services.entry_create(
        model=TimelineEntry, case=case, actor=actor, data=data, many={"involved": [parent, teacher]}
    )
    services.entry_update(entry=entry, actor=actor, data={}, expected_version=1, many={"involved": [parent]})

    assert list(TimelineEntry.objects.get(pk=entry.pk).involved.all()) == [parent]
    created, updated = AuditEvent.objects.order_by("id")
    assert created.detail == {"fields": sorted([*data, "involved"])}
    assert updated.detail == {"fields": ["involved"]}


# --- derived flags (A12, A13) -----------------------------------------------------------------------


def _flags(case: Case) -> tuple[bool, date | None]:
    stored = Case.objects.get(pk=case.pk)
    return stored.development_present, stored.movement_since


def test_the_first_development_sets_the_flag_and_removing_the_last_clears_it() -> None:
    case = CaseFactory()
    actor = _actor(case)
    data = {"form": DevelopmentForm.STAGE_WERK, "description": "Stage"}

    first = services.entry_create(model=Development, case=case, actor=actor, data=data)
    flag_after_first = _flags(case)[0]
    second = services.entry_create(model=Development, case=case, actor=actor, data=data)
    services.entry_delete(entry=first, actor=actor, expected_version=1)
    flag_after_one_removed = _flags(case)[0]
    services.entry_delete(entry=Development.objects.get(pk=second.pk), actor=actor, expected_version=1)

    assert (flag_after_first, flag_after_one_removed, _flags(case)[0]) == (True, True, False)


def test_new_movement_is_flagged_from_the_earliest_movement_date() -> None:
    # Given a case without movement
    case = CaseFactory()
    actor = _actor(case)
    flags_before = _flags(case)

    # When movements are recorded, the second one dated earlier, the third later
    services.entry_create(
        model=Movement, case=case, actor=actor, data={"occurred_on": date(2024, 3, 10), "description": "a"}
    )
    after_first = _flags(case)
    earlier = services.entry_create(
        model=Movement, case=case, actor=actor, data={"occurred_on": date(2024, 2, 1), "description": "b"}
    )
    after_earlier = _flags(case)
    services.entry_create(
        model=Movement, case=case, actor=actor, data={"occurred_on": date(2024, 5, 1), "description": "c"}
    )
    after_later = _flags(case)

    # Then the flag appears with the first movement and always carries the earliest date
    assert flags_before == (False, None)
    assert after_first == (False, date(2024, 3, 10))
    assert after_earlier == after_later == (False, date(2024, 2, 1))
    assert case.movement_since == date(2024, 2, 1)
    assert earlier.case.movement_since == date(2024, 2, 1)


def test_moving_or_removing_the_earliest_movement_moves_the_date() -> None:
    case = CaseFactory()
    actor = _actor(case)
    early = services.entry_create(
        model=Movement, case=case, actor=actor, data={"occurred_on": date(2024, 2, 1), "description": "a"}
    )
    later = services.entry_create(
        model=Movement, case=case, actor=actor, data={"occurred_on": date(2024, 3, 1), "description": "b"}
    )

    services.entry_update(
        entry=early, actor=actor, data={"occurred_on": date(2024, 4, 1)}, expected_version=1
    )
    after_move = _flags(case)[1]
    services.entry_delete(entry=Movement.objects.get(pk=later.pk), actor=actor, expected_version=1)
    after_delete = _flags(case)[1]
    services.entry_delete(entry=Movement.objects.get(pk=early.pk), actor=actor, expected_version=2)

    assert (after_move, after_delete, _flags(case)[1]) == (date(2024, 3, 1), date(2024, 4, 1), None)


# --- one active plan (A20) --------------------------------------------------------------------------


def test_a_second_active_plan_is_refused_with_a_validation_error() -> None:
    # Given a case with an active plan
    case = CaseFactory()
    actor = _actor(case)
    services.entry_create(model=Plan, case=case, actor=actor, data={"is_active": True})

    # When a second active plan is started
    with pytest.raises(ValidationError) as refused:
        services.entry_create(model=Plan, case=case, actor=actor, data={"is_active": True})

    # Then it is refused, and only the first plan and its event exist
    assert refused.value.code == "second_active_plan"
    assert Plan.objects.filter(case_id=case.pk).count() == 1
    assert AuditEvent.objects.filter(event_type="case.plan.create").count() == 1


def test_an_inactive_plan_may_sit_beside_the_active_one_but_cannot_be_activated() -> None:
    case = CaseFactory()
    actor = _actor(case)
    services.entry_create(model=Plan, case=case, actor=actor, data={"is_active": True})
    old = services.entry_create(model=Plan, case=case, actor=actor, data={"is_active": False})

    with pytest.raises(ValidationError) as refused:
        services.entry_update(entry=old, actor=actor, data={"is_active": True}, expected_version=1)

    assert refused.value.code == "second_active_plan"
    assert Plan.objects.filter(case_id=case.pk, is_active=True).count() == 1
    assert Plan.objects.get(pk=old.pk).version == 1


def test_another_case_may_have_its_own_active_plan() -> None:
    first, second = CaseFactory(), CaseFactory()

    services.entry_create(model=Plan, case=first, actor=_actor(first), data={"is_active": True})
    services.entry_create(model=Plan, case=second, actor=_actor(second), data={"is_active": True})

    assert Plan.objects.filter(is_active=True).count() == 2
