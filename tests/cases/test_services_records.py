"""Records with rules of their own: consent withdrawal, the knelpunt lifecycle, checklist and actions."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from cases import selectors, services
from cases.constants import (
    ConsentScope,
    InvolvedRole,
    KnelpuntCategory,
    KnelpuntStatus,
    PreparationKind,
    PreparationStatus,
)
from cases.models import ActionItem, Case, Consent, Knelpunt, KnelpuntStatusChange, PreparationItem
from tests.cases.core_support import actor_for, audit_trail_text, member_of
from tests.cases.factories import (
    ActionItemFactory,
    CaseFactory,
    ConsentFactory,
    InvolvedFactory,
    KnelpuntFactory,
)
from wio.accounts.constants import Role
from wio.accounts.models import User
from wio.audit.constants import Action
from wio.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def _worker(case: Case) -> User:
    return member_of(case.gemeente, Role.LPA)


# --- consent withdrawal (A11) -----------------------------------------------------------------------


def test_consent_withdraw_takes_effect_at_once_for_every_sharing_selector() -> None:
    # Given a parent who consented to sharing with a teacher, and the youth to a story
    case = CaseFactory()
    teacher = InvolvedFactory(case=case, role=InvolvedRole.SCHOOL)
    sharing = ConsentFactory(case=case, scope=ConsentScope.SHARE_WITH_BERAAD)
    sharing.shared_with.set([teacher])
    story = ConsentFactory(case=case, scope=ConsentScope.ANONYMISED_STORY)
    shared_before = (selectors.may_share_with(case, teacher), selectors.story_consent_given(case))
    user = _worker(case)

    # When both consents are withdrawn
    services.consent_withdraw(consent=sharing, actor=actor_for(user))
    services.consent_withdraw(consent=story, actor=actor_for(user))

    # Then nothing may be shared any more, straight away
    assert shared_before == (True, True)
    assert not selectors.active_consents(case, ConsentScope.SHARE_WITH_BERAAD).exists()
    assert not selectors.people_case_may_be_shared_with(case).exists()
    assert not selectors.may_share_with(case, teacher)
    assert not selectors.story_consent_given(case)


@time_machine.travel(datetime(2024, 10, 7, 14, 0, tzinfo=AMSTERDAM), tick=False)
def test_consent_withdraw_records_who_and_when_and_an_update_event() -> None:
    consent = ConsentFactory(note="Alleen de leerkracht")
    user = _worker(consent.case)

    withdrawn = services.consent_withdraw(consent=consent, actor=actor_for(user))

    stored = Consent.objects.get(pk=consent.pk)
    assert (stored.withdrawn_on, stored.withdrawn_by, stored.version) == (date(2024, 10, 7), user, 2)
    assert not withdrawn.is_active
    event = AuditEvent.objects.get(event_type="case.consent.withdraw")
    assert (event.action, event.youth_ref, event.detail) == (
        Action.UPDATE,
        consent.case.reference,
        {"scope": ConsentScope.SHARE_WITH_BERAAD},
    )
    assert "leerkracht" not in audit_trail_text()


def test_consent_withdraw_keeps_a_given_withdrawal_date() -> None:
    consent = ConsentFactory()

    services.consent_withdraw(consent=consent, actor=actor_for(_worker(consent.case)), on=date(2024, 9, 30))

    assert Consent.objects.get(pk=consent.pk).withdrawn_on == date(2024, 9, 30)


def test_withdrawing_one_consent_leaves_another_persons_consent_in_force() -> None:
    case = CaseFactory()
    teacher = InvolvedFactory(case=case, role=InvolvedRole.SCHOOL)
    mother = ConsentFactory(case=case)
    father = ConsentFactory(case=case)
    mother.shared_with.set([teacher])
    father.shared_with.set([teacher])

    services.consent_withdraw(consent=mother, actor=actor_for(_worker(case)))

    assert list(selectors.active_consents(case, ConsentScope.SHARE_WITH_BERAAD)) == [father]
    assert selectors.may_share_with(case, teacher)


# --- knelpunten (A17) -------------------------------------------------------------------------------


def test_knelpunt_create_links_the_case_and_writes_a_create_event() -> None:
    case = CaseFactory()
    user = _worker(case)

    knelpunt = services.knelpunt_create(
        case=case,
        actor=actor_for(user),
        data={"category": KnelpuntCategory.TLV, "description": "TLV wordt niet afgegeven"},
    )

    assert (list(knelpunt.cases.all()), knelpunt.status, knelpunt.created_by) == (
        [case],
        KnelpuntStatus.VERZAMELD,
        user,
    )
    event = AuditEvent.objects.get(event_type="case.knelpunt.create")
    assert (event.action, event.youth_ref, event.detail) == (
        Action.CREATE,
        case.reference,
        {"knelpunt": knelpunt.pk},
    )


@pytest.mark.parametrize("last_step", [KnelpuntStatus.GEADRESSEERD, KnelpuntStatus.GEAGENDEERD])
def test_a_knelpunt_moves_along_its_path_and_each_step_is_logged_with_a_date(last_step: str) -> None:
    # Given a collected knelpunt of a case
    case = CaseFactory()
    knelpunt = KnelpuntFactory(cases=[case])
    user = _worker(case)

    # When it is investigated on one day and addressed or put on the agenda on another
    with time_machine.travel(datetime(2024, 4, 2, 9, 0, tzinfo=AMSTERDAM), tick=False):
        investigated = services.knelpunt_transition(
            knelpunt=knelpunt, case=case, to_status=KnelpuntStatus.ONDERZOCHT, actor=actor_for(user)
        )
    with time_machine.travel(datetime(2024, 5, 14, 9, 0, tzinfo=AMSTERDAM), tick=False):
        services.knelpunt_transition(
            knelpunt=investigated, case=case, to_status=last_step, actor=actor_for(user)
        )

    # Then both steps are logged with their dates and author, and each wrote an event
    steps = list(
        KnelpuntStatusChange.objects.filter(knelpunt_id=knelpunt.pk)
        .order_by("id")
        .values_list("from_status", "to_status", "changed_on", "changed_by")
    )
    assert steps == [
        (KnelpuntStatus.VERZAMELD, KnelpuntStatus.ONDERZOCHT, date(2024, 4, 2), user.pk),
        (KnelpuntStatus.ONDERZOCHT, last_step, date(2024, 5, 14), user.pk),
    ]
    stored = Knelpunt.objects.get(pk=knelpunt.pk)
    assert (stored.status, stored.status_changed_on, stored.version) == (last_step, date(2024, 5, 14), 3)
    events = AuditEvent.objects.filter(event_type="case.knelpunt.status").order_by("id")
    assert [event.detail["to"] for event in events] == [KnelpuntStatus.ONDERZOCHT, last_step]
    assert {event.youth_ref for event in events} == {case.reference}


def test_an_addressed_knelpunt_can_still_be_put_on_the_agenda() -> None:
    case = CaseFactory()
    knelpunt = KnelpuntFactory(cases=[case], status=KnelpuntStatus.GEADRESSEERD)

    moved = services.knelpunt_transition(
        knelpunt=knelpunt, case=case, to_status=KnelpuntStatus.GEAGENDEERD, actor=actor_for(_worker(case))
    )

    assert moved.status == KnelpuntStatus.GEAGENDEERD


@pytest.mark.parametrize(
    ("source", "target"),
    [
        (KnelpuntStatus.VERZAMELD, KnelpuntStatus.GEADRESSEERD),
        (KnelpuntStatus.VERZAMELD, KnelpuntStatus.GEAGENDEERD),
        (KnelpuntStatus.VERZAMELD, KnelpuntStatus.VERZAMELD),
        (KnelpuntStatus.ONDERZOCHT, KnelpuntStatus.VERZAMELD),
        (KnelpuntStatus.GEADRESSEERD, KnelpuntStatus.ONDERZOCHT),
        (KnelpuntStatus.GEAGENDEERD, KnelpuntStatus.VERZAMELD),
        (KnelpuntStatus.ONDERZOCHT, ""),
    ],
)
def test_a_knelpunt_step_off_the_path_is_refused_and_changes_nothing(source: str, target: str) -> None:
    case = CaseFactory()
    knelpunt = KnelpuntFactory(cases=[case], status=source)

    with pytest.raises(services.TransitionError) as refused:
        services.knelpunt_transition(
            knelpunt=knelpunt, case=case, to_status=target, actor=actor_for(_worker(case))
        )

    assert refused.value.code == "invalid_transition"
    stored = Knelpunt.objects.get(pk=knelpunt.pk)
    assert (stored.status, stored.version) == (source, 1)
    assert not KnelpuntStatusChange.objects.exists()
    assert not AuditEvent.objects.exists()


# --- preparation checklist and actions --------------------------------------------------------------


def test_preparation_item_update_is_versioned_and_audited_without_the_note() -> None:
    case = CaseFactory()
    item = case.preparation_items.get(kind=PreparationKind.TIJDLIJN)
    actor = actor_for(_worker(case))

    updated = services.preparation_item_update(
        item=item, actor=actor, status=PreparationStatus.VOLLEDIG, note="Opa weet alles", expected_version=1
    )
    with pytest.raises(services.ConflictError):
        services.preparation_item_update(
            item=item, actor=actor, status=PreparationStatus.ONTBREEKT, note="", expected_version=1
        )

    stored = PreparationItem.objects.get(pk=item.pk)
    assert (updated.version, stored.status, stored.note) == (2, PreparationStatus.VOLLEDIG, "Opa weet alles")
    event = AuditEvent.objects.get(event_type="case.preparation.update")
    assert (event.youth_ref, event.detail) == (
        case.reference,
        {"item": PreparationKind.TIJDLIJN, "status": PreparationStatus.VOLLEDIG},
    )
    assert "opa" not in audit_trail_text()


@time_machine.travel(datetime(2024, 6, 3, 11, 0, tzinfo=AMSTERDAM), tick=False)
def test_action_complete_marks_today_and_refuses_a_stale_version() -> None:
    action = ActionItemFactory()
    actor = actor_for(_worker(action.case))

    done = services.action_complete(action=action, actor=actor, expected_version=1)
    with pytest.raises(services.ConflictError):
        services.action_complete(action=action, actor=actor, expected_version=1)

    assert (done.done_on, ActionItem.objects.get(pk=action.pk).version) == (date(2024, 6, 3), 2)
    event = AuditEvent.objects.get(event_type="case.actionitem.done")
    assert (event.action, event.youth_ref) == (Action.UPDATE, action.case.reference)


def test_an_action_agreed_in_a_beraad_becomes_an_action_on_the_case() -> None:
    case = CaseFactory()
    coordinator = member_of(case.swv, Role.SWV_COORDINATOR)

    action = services.action_create_from_beraad(
        case=case,
        actor=actor_for(coordinator),
        description="Plan maken met de zorgboerderij",
        due_on=date(2024, 7, 1),
        owner=coordinator,
        origin="moreel beraad 3",
    )

    stored = ActionItem.objects.get(pk=action.pk)
    assert (stored.case, stored.owner, stored.created_by, stored.due_on) == (
        case,
        coordinator,
        coordinator,
        date(2024, 7, 1),
    )
    event = AuditEvent.objects.get(event_type="case.actionitem.create")
    assert (event.youth_ref, event.actor_role) == (case.reference, Role.SWV_COORDINATOR)
