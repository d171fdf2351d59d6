from collections.abc import Callable
from typing import Any

from django.test import Client, RequestFactory
from django.urls import reverse

import pytest

from tests.factories import MembershipFactory, OrganisationFactory, user_with_role
from wio.accounts.constants import Role
from wio.accounts.models import User
from wio.audit.constants import Action, Purpose, Result
from wio.audit.models import AuditEvent
from wio.audit.services import actor_from, record_denial, record_event, record_read

pytestmark = pytest.mark.django_db


def _request_as(user: User) -> Any:
    request = RequestFactory().get("/", REMOTE_ADDR="192.0.2.10")
    request.user = user
    return request


def test_a_list_read_writes_one_event_per_object_shown() -> None:
    user = user_with_role(Role.LPA)
    shown = OrganisationFactory.create_batch(3)

    events = record_read(request=_request_as(user), objects=shown, event_type="organisation.list")

    assert len(events) == 3
    assert {e.object_id for e in events} == {str(o.pk) for o in shown}
    assert {e.action for e in events} == {Action.READ}
    assert {e.source_ip for e in events} == {"192.0.2.10"}
    assert {e.actor_role for e in events} == {Role.LPA}


def test_a_denial_names_what_was_refused() -> None:
    user = user_with_role(Role.LPA)

    event = record_denial(
        request=_request_as(user), event_type="case.detail", obj_type="cases.case", obj_id=42
    )

    assert (event.result, event.object_type, event.object_id) == (Result.DENIED, "cases.case", "42")


def test_privacy_officer_filters_the_trail_and_their_reading_is_recorded(
    signed_in: Callable[[User], Client],
) -> None:
    officer = user_with_role(Role.PRIVACY_OFFICER)
    lpa = user_with_role(Role.LPA)
    for event_type in ("case.detail", "case.list"):
        record_event(
            actor=actor_from(user=lpa),
            action=Action.READ,
            event_type=event_type,
            purpose=Purpose.CASE_MANAGEMENT,
        )
    client = signed_in(officer)

    response = client.get(reverse("audit:event_list"), {"actor_email": lpa.email, "event_type": "case.d"})

    assert response.status_code == 200
    rows = list(response.context["page"].object_list)
    assert [row.event_type for row in rows] == ["case.detail"]
    assert AuditEvent.objects.filter(event_type="audit.list", actor=officer).count() == 1


def test_audit_list_query_count_does_not_grow_with_events(
    signed_in: Callable[[User], Client], django_assert_max_num_queries: Any
) -> None:
    client = signed_in(user_with_role(Role.PRIVACY_OFFICER))
    actors = [MembershipFactory().user for _ in range(3)]

    def add_events(count: int) -> None:
        for i in range(count):
            record_event(
                actor=actor_from(user=actors[i % 3]),
                action=Action.READ,
                event_type="x.read",
                purpose=Purpose.CASE_MANAGEMENT,
            )

    add_events(3)
    with django_assert_max_num_queries(30) as few:
        client.get(reverse("audit:event_list"))
    add_events(40)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("audit:event_list"))


def test_an_invalid_period_is_explained_not_crashed(signed_in: Callable[[User], Client]) -> None:
    client = signed_in(user_with_role(Role.PRIVACY_OFFICER))

    response = client.get(reverse("audit:event_list"), {"date_from": "2026-02-01", "date_to": "2026-01-01"})

    assert response.status_code == 200
    assert "einddatum ligt vóór de begindatum" in response.content.decode().lower()


def test_granting_a_role_in_the_admin_is_recorded_as_privileged(
    signed_in: Callable[[User], Client],
) -> None:
    client = signed_in(user_with_role(Role.FUNCTIONAL_ADMIN))
    membership = MembershipFactory(role=Role.LPA)

    response = client.post(
        reverse("admin:accounts_membership_change", args=[membership.pk]),
        {
            "user": membership.user_id,
            "organisation": membership.organisation_id,
            "role": Role.ONDERSTEUNER,
        },
    )

    assert response.status_code == 302
    event = AuditEvent.objects.get(event_type="account.membership_changed")
    assert event.detail == {"fields": ["role"], "privileged": True}
