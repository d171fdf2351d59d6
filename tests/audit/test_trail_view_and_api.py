from collections.abc import Callable
from typing import Any

from django.test import Client, RequestFactory, override_settings
from django.urls import reverse

import pytest

from tests.factories import MembershipFactory, OrganisationFactory, user_with_role
from wio.accounts.constants import Role
from wio.accounts.models import User
from wio.audit.constants import Action, Purpose, Result
from wio.audit.models import AuditEvent
from wio.audit.services import actor_from, client_ip, record_denial, record_event, record_read

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

    posted = client.post(reverse("audit:event_list"), {"actor_email": lpa.email, "event_type": "case."})
    assert posted.status_code == 302
    response = client.get(posted["Location"])

    assert response.status_code == 200
    rows = list(response.context["page"].object_list)
    assert sorted(row.event_type for row in rows) == ["case.detail", "case.list"]
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

    response = client.post(reverse("audit:event_list"), {"date_from": "2026-02-01", "date_to": "2026-01-01"})

    assert response.status_code == 422
    assert "einddatum ligt vóór de begindatum" in response.content.decode().lower()


def test_granting_a_role_in_the_admin_is_recorded_as_privileged(
    signed_in: Callable[[User], Client],
) -> None:
    client = signed_in(user_with_role(Role.FUNCTIONAL_ADMIN))
    # Roles that open case files, the trail or the admin are requested instead (test_role_grants.py).
    membership = MembershipFactory(role=Role.PRIVACY_OFFICER, organisation=OrganisationFactory(ministry=True))

    response = client.post(
        reverse("admin:accounts_membership_change", args=[membership.pk]),
        {
            "user": membership.user_id,
            "organisation": membership.organisation_id,
            "role": Role.MINISTRY,
        },
    )

    assert response.status_code == 302
    event = AuditEvent.objects.get(event_type="account.membership_changed")
    assert event.detail == {"fields": ["role"], "privileged": True}


def test_roles_granted_through_the_user_page_inline_are_audited(
    signed_in: Callable[[User], Client],
) -> None:
    client = signed_in(user_with_role(Role.FUNCTIONAL_ADMIN))
    target = MembershipFactory(role=Role.LPA).user
    organisation = OrganisationFactory(ministry=True)
    membership = target.memberships.get()
    form = {
        "email": target.email,
        "first_name": target.first_name,
        "last_name": target.last_name,
        "is_active": "on",
        "memberships-TOTAL_FORMS": "2",
        "memberships-INITIAL_FORMS": "1",
        "memberships-0-id": membership.pk,
        "memberships-0-user": target.pk,
        "memberships-0-organisation": membership.organisation_id,
        "memberships-0-role": Role.LPA,
        "memberships-1-user": target.pk,
        "memberships-1-organisation": organisation.pk,
        "memberships-1-role": Role.MINISTRY,
    }

    response = client.post(reverse("admin:accounts_user_change", args=[target.pk]), form)

    assert response.status_code == 302, response.content.decode()[:2000]
    event = AuditEvent.objects.get(event_type="account.membership_changed", action=Action.CREATE)
    assert event.detail["privileged"] is True


def test_a_functional_admin_cannot_promote_themselves(signed_in: Callable[[User], Client]) -> None:
    admin_user = user_with_role(Role.FUNCTIONAL_ADMIN)
    client = signed_in(admin_user)
    own = admin_user.memberships.get()

    own_user_page = client.get(reverse("admin:accounts_user_change", args=[admin_user.pk]))
    own_membership = client.post(
        reverse("admin:accounts_membership_change", args=[own.pk]),
        {"user": admin_user.pk, "organisation": own.organisation_id, "role": Role.PRIVACY_OFFICER},
    )
    new_membership = client.post(
        reverse("admin:accounts_membership_add"),
        {"user": admin_user.pk, "organisation": own.organisation_id, "role": Role.LPA},
    )

    assert own_user_page.status_code == 200
    assert 'name="_save"' not in own_user_page.content.decode()  # view only
    assert own_membership.status_code == 403
    assert new_membership.status_code == 200  # the form again, with the refusal
    assert set(admin_user.memberships.values_list("role", flat=True)) == {Role.FUNCTIONAL_ADMIN}


def test_a_forwarded_address_with_a_port_or_garbage_never_breaks_a_request() -> None:
    factory = RequestFactory()
    with_port = factory.get("/", HTTP_X_FORWARDED_FOR="198.51.100.7:4443")
    garbage = factory.get("/", HTTP_X_FORWARDED_FOR="not-an-ip")

    with override_settings(ALLAUTH_TRUSTED_PROXY_COUNT=1):
        assert client_ip(with_port) == "198.51.100.7"
        assert client_ip(garbage) is None
