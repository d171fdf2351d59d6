"""Four eyes on roles that open case files (issue 9, defect 3; ADR 0012).

A functional administrator cannot give anyone a data role alone: the role is requested in
`/beheer/` and becomes a membership only when a second person (another functional administrator,
or a superuser) approves it. Every step goes through the real admin pages.
"""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

import pytest

from cases.models import Case
from tests.cases.factories import CaseFactory
from tests.conftest import sign_in
from tests.factories import (
    ROLE_ORGANISATION_TRAIT,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    user_with_role,
)
from wio.accounts import grants
from wio.accounts.constants import GrantDecision, Role
from wio.accounts.models import Membership, MembershipRequest, Organisation, User
from wio.audit.constants import Action
from wio.audit.models import AuditEvent
from wio.audit.services import actor_from

pytestmark = pytest.mark.django_db

REFUSED_DIRECTLY = (
    "Een rol met toegang tot dossiers wordt aangevraagd en door een tweede beheerder goedgekeurd."
)


def _as(user: User) -> Client:
    return sign_in(Client(), user)


def _organisation_for(role: str) -> Organisation:
    return OrganisationFactory(**ROLE_ORGANISATION_TRAIT[role])


def _request_role(client: Client, *, user: User, organisation: Organisation, role: str = Role.LPA) -> Any:
    return client.post(
        reverse("admin:accounts_membershiprequest_add"),
        {"user": user.pk, "organisation": organisation.pk, "role": role, "reason": "Nieuwe collega"},
    )


def _decide(client: Client, request_obj: MembershipRequest, button: str) -> Any:
    return client.post(
        reverse("admin:accounts_membershiprequest_change", args=[request_obj.pk]), {button: "1"}, follow=True
    )


def _sees(user: User, case: Case) -> bool:
    """Whether `user` finds the case in the case list and can open it."""
    client = _as(user)
    listing = client.get(reverse("cases:list"))
    detail = client.get(reverse("cases:detail", args=[case.pk]))
    listed = listing.status_code == 200 and case.reference in listing.content.decode()
    return listed and detail.status_code == 200


@pytest.fixture
def amsterdam() -> Organisation:
    return OrganisationFactory(name="Amsterdam")


@pytest.fixture
def amsterdam_case(amsterdam: Organisation) -> Case:
    return CaseFactory(gemeente=amsterdam)


@pytest.fixture
def admin_a() -> User:
    return user_with_role(Role.FUNCTIONAL_ADMIN)


@pytest.fixture
def admin_b() -> User:
    return user_with_role(Role.FUNCTIONAL_ADMIN)


@pytest.mark.parametrize(
    "role",
    [
        Role.LPA,
        Role.ONDERSTEUNER,
        Role.SWV_COORDINATOR,
        Role.PROJECT_STAFF,
        Role.PRIVACY_OFFICER,
        Role.FUNCTIONAL_ADMIN,
    ],
)
def test_an_admin_cannot_add_a_four_eyes_role_directly(admin_a: User, role: str) -> None:
    newcomer = UserFactory()
    organisation = _organisation_for(role)

    response = _as(admin_a).post(
        reverse("admin:accounts_membership_add"),
        {"user": newcomer.pk, "organisation": organisation.pk, "role": role},
    )

    assert response.status_code == 200  # the form again, with the refusal
    assert "wordt aangevraagd en door een tweede beheerder goedgekeurd" in response.content.decode()
    assert not Membership.objects.filter(user=newcomer).exists()


def test_an_admin_alone_cannot_open_a_municipalitys_files(
    admin_a: User, amsterdam: Organisation, amsterdam_case: Case
) -> None:
    """The attack of the penetration test: new user, LPA in Amsterdam, through either admin page."""
    accomplice = UserFactory()
    client = _as(admin_a)

    direct = client.post(
        reverse("admin:accounts_membership_add"),
        {"user": accomplice.pk, "organisation": amsterdam.pk, "role": Role.LPA},
    )
    inline = client.post(
        reverse("admin:accounts_user_change", args=[accomplice.pk]),
        {
            "email": accomplice.email,
            "first_name": accomplice.first_name,
            "last_name": accomplice.last_name,
            "is_active": "on",
            "memberships-TOTAL_FORMS": "1",
            "memberships-INITIAL_FORMS": "0",
            "memberships-0-user": accomplice.pk,
            "memberships-0-organisation": amsterdam.pk,
            "memberships-0-role": Role.LPA,
        },
    )

    assert direct.status_code == 200
    assert REFUSED_DIRECTLY in direct.content.decode()
    assert inline.status_code == 200
    assert REFUSED_DIRECTLY in inline.content.decode()
    assert not Membership.objects.filter(user=accomplice).exists()
    assert not _sees(accomplice, amsterdam_case)


def test_an_admin_cannot_hand_an_existing_data_membership_to_someone_else(admin_a: User) -> None:
    membership = MembershipFactory(role=Role.LPA)
    accomplice = UserFactory()

    response = _as(admin_a).post(
        reverse("admin:accounts_membership_change", args=[membership.pk]),
        {"user": accomplice.pk, "organisation": membership.organisation_id, "role": Role.LPA},
    )

    assert response.status_code == 200
    assert REFUSED_DIRECTLY in response.content.decode()
    membership.refresh_from_db()
    assert membership.user_id != accomplice.pk


def test_a_role_without_case_data_is_still_given_directly(admin_a: User) -> None:
    newcomer = UserFactory()
    ministry = OrganisationFactory(ministry=True)

    response = _as(admin_a).post(
        reverse("admin:accounts_membership_add"),
        {"user": newcomer.pk, "organisation": ministry.pk, "role": Role.MINISTRY},
    )

    assert response.status_code == 302
    assert newcomer.memberships.get().role == Role.MINISTRY


def test_taking_a_data_role_away_needs_no_second_person(admin_a: User) -> None:
    membership = MembershipFactory(role=Role.LPA)

    response = _as(admin_a).post(
        reverse("admin:accounts_membership_delete", args=[membership.pk]), {"post": "yes"}
    )

    assert response.status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_a_requested_role_has_no_effect_until_approved(
    admin_a: User, amsterdam: Organisation, amsterdam_case: Case
) -> None:
    newcomer = UserFactory()

    response = _request_role(_as(admin_a), user=newcomer, organisation=amsterdam)

    assert response.status_code == 302
    request_obj = MembershipRequest.objects.get(user=newcomer)
    assert request_obj.decision == GrantDecision.PENDING
    assert request_obj.requested_by == admin_a
    assert not Membership.objects.filter(user=newcomer).exists()
    assert _as(newcomer).get(reverse("cases:list")).status_code == 403
    assert not _sees(newcomer, amsterdam_case)


def test_the_requester_cannot_approve_their_own_request(
    admin_a: User, amsterdam: Organisation, amsterdam_case: Case
) -> None:
    newcomer = UserFactory()
    client = _as(admin_a)
    _request_role(client, user=newcomer, organisation=amsterdam)
    request_obj = MembershipRequest.objects.get(user=newcomer)

    page = client.get(reverse("admin:accounts_membershiprequest_change", args=[request_obj.pk]))
    response = _decide(client, request_obj, "_approve")
    by_action = client.post(
        reverse("admin:accounts_membershiprequest_changelist"),
        {"action": "approve_requests", "_selected_action": [request_obj.pk]},
        follow=True,
    )

    assert 'name="_approve"' not in page.content.decode()
    assert "U kunt uw eigen aanvraag niet goedkeuren" in response.content.decode()
    assert "U kunt uw eigen aanvraag niet goedkeuren" in by_action.content.decode()
    request_obj.refresh_from_db()
    assert request_obj.decision == GrantDecision.PENDING
    assert not Membership.objects.filter(user=newcomer).exists()
    assert not _sees(newcomer, amsterdam_case)


def test_a_second_admin_approves_and_the_role_takes_effect(
    admin_a: User, admin_b: User, amsterdam: Organisation, amsterdam_case: Case
) -> None:
    newcomer = UserFactory()
    elsewhere = CaseFactory()
    _request_role(_as(admin_a), user=newcomer, organisation=amsterdam)
    request_obj = MembershipRequest.objects.get(user=newcomer)
    client_b = _as(admin_b)

    page = client_b.get(reverse("admin:accounts_membershiprequest_change", args=[request_obj.pk]))
    response = _decide(client_b, request_obj, "_approve")

    assert 'name="_approve"' in page.content.decode()
    assert response.status_code == 200
    request_obj.refresh_from_db()
    assert request_obj.decision == GrantDecision.APPROVED
    assert request_obj.decided_by == admin_b
    assert request_obj.decided_at is not None
    membership = newcomer.memberships.get()
    assert (membership.organisation, membership.role) == (amsterdam, Role.LPA)
    assert _sees(newcomer, amsterdam_case)
    assert not _sees(newcomer, elsewhere)


def test_request_and_approval_are_in_the_audit_trail_with_both_actors(
    admin_a: User, admin_b: User, amsterdam: Organisation
) -> None:
    newcomer = UserFactory()
    _request_role(_as(admin_a), user=newcomer, organisation=amsterdam)
    request_obj = MembershipRequest.objects.get(user=newcomer)
    _decide(_as(admin_b), request_obj, "_approve")

    requested = AuditEvent.objects.get(event_type="account.role_requested")
    granted = AuditEvent.objects.get(event_type="account.role_granted")

    assert (requested.actor, requested.action) == (admin_a, Action.CREATE)
    assert (granted.actor, granted.action) == (admin_b, Action.UPDATE)
    for event in (requested, granted):
        assert (event.object_type, event.object_id) == ("accounts.membershiprequest", str(request_obj.pk))
        assert event.detail["user_id"] == newcomer.pk
        assert event.detail["organisation_id"] == amsterdam.pk
        assert event.detail["role"] == Role.LPA
        assert event.detail["requested_by_id"] == admin_a.pk
    assert granted.detail["membership_id"] == newcomer.memberships.get().pk


def test_nobody_approves_a_role_for_themselves(admin_a: User, amsterdam: Organisation) -> None:
    """Even a functional administrator who receives the role cannot be the second person."""
    receiver = user_with_role(Role.FUNCTIONAL_ADMIN)
    _request_role(_as(admin_a), user=receiver, organisation=amsterdam)
    request_obj = MembershipRequest.objects.get(user=receiver)
    client = _as(receiver)

    page = client.get(reverse("admin:accounts_membershiprequest_change", args=[request_obj.pk]))
    response = _decide(client, request_obj, "_approve")
    by_action = client.post(
        reverse("admin:accounts_membershiprequest_changelist"),
        {"action": "approve_requests", "_selected_action": [request_obj.pk]},
        follow=True,
    )

    assert 'name="_approve"' not in page.content.decode()
    assert "U kunt geen rol goedkeuren die u zelf krijgt" in response.content.decode()
    assert "U kunt geen rol goedkeuren die u zelf krijgt" in by_action.content.decode()
    request_obj.refresh_from_db()
    assert request_obj.decision == GrantDecision.PENDING
    assert not receiver.memberships.filter(role=Role.LPA).exists()


def test_a_refused_request_gives_nothing_and_cannot_be_approved_later(
    admin_a: User, admin_b: User, amsterdam: Organisation
) -> None:
    newcomer = UserFactory()
    _request_role(_as(admin_a), user=newcomer, organisation=amsterdam)
    request_obj = MembershipRequest.objects.get(user=newcomer)

    _decide(_as(admin_b), request_obj, "_refuse")
    late = _decide(_as(user_with_role(Role.FUNCTIONAL_ADMIN)), request_obj, "_approve")

    request_obj.refresh_from_db()
    assert request_obj.decision == GrantDecision.REFUSED
    assert request_obj.decided_by == admin_b
    assert "Over deze aanvraag is al beslist" in late.content.decode()
    assert not Membership.objects.filter(user=newcomer).exists()
    refused = AuditEvent.objects.get(event_type="account.role_refused")
    assert refused.actor == admin_b
    assert not AuditEvent.objects.filter(event_type="account.role_granted").exists()


def test_a_second_admin_approves_through_the_list_action(
    admin_a: User, admin_b: User, amsterdam: Organisation
) -> None:
    newcomer = UserFactory()
    _request_role(_as(admin_a), user=newcomer, organisation=amsterdam)
    request_obj = MembershipRequest.objects.get(user=newcomer)

    _as(admin_b).post(
        reverse("admin:accounts_membershiprequest_changelist"),
        {"action": "approve_requests", "_selected_action": [request_obj.pk]},
    )

    assert newcomer.memberships.get().role == Role.LPA


def test_a_request_is_refused_when_the_role_does_not_fit_the_organisation(admin_a: User) -> None:
    newcomer = UserFactory()

    response = _request_role(
        _as(admin_a), user=newcomer, organisation=OrganisationFactory(swv=True), role=Role.LPA
    )

    assert response.status_code == 200
    assert not MembershipRequest.objects.exists()


def test_a_second_pending_request_for_the_same_role_is_refused(
    admin_a: User, amsterdam: Organisation
) -> None:
    newcomer = UserFactory()
    client = _as(admin_a)
    _request_role(client, user=newcomer, organisation=amsterdam)

    again = _request_role(client, user=newcomer, organisation=amsterdam)

    assert again.status_code == 200
    assert MembershipRequest.objects.count() == 1


def test_pending_requests_are_listed_first(admin_a: User, admin_b: User, amsterdam: Organisation) -> None:
    decided_user, pending_user = UserFactory(), UserFactory()
    _request_role(_as(admin_a), user=decided_user, organisation=amsterdam)
    _decide(_as(admin_b), MembershipRequest.objects.get(user=decided_user), "_refuse")
    _request_role(_as(admin_a), user=pending_user, organisation=amsterdam)
    decided, pending = (MembershipRequest.objects.get(user=u) for u in (decided_user, pending_user))
    MembershipRequest.objects.filter(pk=pending.pk).update(
        requested_at=decided.requested_at.replace(year=2020)
    )

    page = _as(admin_b).get(reverse("admin:accounts_membershiprequest_changelist")).content.decode()

    def position(request_obj: MembershipRequest) -> int:
        return page.index(reverse("admin:accounts_membershiprequest_change", args=[request_obj.pk]))

    assert position(pending) < position(decided)


def test_the_database_refuses_an_approval_without_a_second_person(
    admin_a: User, amsterdam: Organisation
) -> None:
    newcomer = UserFactory()
    request_obj = MembershipRequest.objects.create(
        user=newcomer, organisation=amsterdam, role=Role.LPA, reason="x", requested_by=admin_a
    )

    for decider in (admin_a, newcomer):
        with pytest.raises(IntegrityError), transaction.atomic():
            MembershipRequest.objects.filter(pk=request_obj.pk).update(
                decision=GrantDecision.APPROVED, decided_by=decider, decided_at=timezone.now()
            )


def test_only_an_administrator_can_approve(admin_a: User, amsterdam: Organisation) -> None:
    request_obj = MembershipRequest.objects.create(
        user=UserFactory(), organisation=amsterdam, role=Role.LPA, reason="x", requested_by=admin_a
    )

    with pytest.raises(PermissionDenied):
        grants.membership_request_approve(
            request_obj=request_obj, actor=actor_from(user=user_with_role(Role.LPA))
        )

    assert not Membership.objects.filter(user=request_obj.user).exists()
