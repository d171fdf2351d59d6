"""Issue 11.2: a youth moves; the LPA hands the case to another municipality, whose LPA accepts it.

Until then both municipalities read the case and neither changes it (permissions and services);
after acceptance only the receiving municipality and the new partnership see it.
"""

from dataclasses import dataclass

from django.test import Client
from django.urls import reverse

import pytest

from cases import services
from cases.constants import HandoverStatus, Status
from cases.models import Case, CaseHandover, TimelineEntry
from cases.selectors import project_case_counts
from tests.cases.core_support import actor_for, member_of
from tests.cases.factories import CaseFactory
from tests.conftest import sign_in
from tests.factories import OrganisationFactory
from tests.forms.browser_forms import post_forms
from tests.moreelberaad.rendered_form import rendered_form
from wio.accounts.constants import Role
from wio.accounts.models import Organisation, User
from wio.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


@dataclass
class Move:
    case: Case
    old_gemeente: Organisation
    new_gemeente: Organisation
    old_swv: Organisation
    new_swv: Organisation
    sender: User
    receiver: User
    old_coordinator: User
    new_coordinator: User


@pytest.fixture
def move() -> Move:
    old, new = OrganisationFactory(name="Gemeente Vertrek"), OrganisationFactory(name="Gemeente Aankomst")
    old_swv = OrganisationFactory(swv=True, region=old.region)
    new_swv = OrganisationFactory(swv=True, region=new.region)
    case = CaseFactory(gemeente=old, swv=old_swv, is_project_case=True, status=Status.IN_BEELD)
    return Move(
        case=case,
        old_gemeente=old,
        new_gemeente=new,
        old_swv=old_swv,
        new_swv=new_swv,
        sender=member_of(old, Role.LPA),
        receiver=member_of(new, Role.LPA),
        old_coordinator=member_of(old_swv, Role.SWV_COORDINATOR),
        new_coordinator=member_of(new_swv, Role.SWV_COORDINATOR),
    )


def _as(user: User) -> Client:
    return sign_in(Client(), user)


def _offer_through_the_pages(move: Move) -> CaseHandover:
    """Choose the municipality on the form, then confirm on the confirmation page."""
    client = _as(move.sender)
    url = reverse("cases:handover_request", args=[move.case.pk])
    form = rendered_form(client.get(url).content, having="to_gemeente")
    confirm = client.post(url, form.payload(to_gemeente=str(move.new_gemeente.pk)))
    assert confirm.status_code == 200
    assert not CaseHandover.objects.exists()  # nothing happens before the confirmation
    assert "Gemeente Aankomst" in confirm.content.decode()
    confirmed = rendered_form(confirm.content, having="confirmed")
    response = client.post(url, confirmed.payload())
    assert response.status_code == 302
    return CaseHandover.objects.get(case=move.case)


def _accept_through_the_page(move: Move, handover: CaseHandover) -> Client:
    client = _as(move.receiver)
    url = reverse("cases:handover_decide", args=[handover.pk])
    form = rendered_form(client.get(url).content, having="to_swv")
    response = client.post(url, form.payload(to_swv=str(move.new_swv.pk)))
    assert response.status_code == 302
    return client


def test_offering_needs_a_chosen_municipality(move: Move) -> None:
    client = _as(move.sender)
    url = reverse("cases:handover_request", args=[move.case.pk])
    form = rendered_form(client.get(url).content, having="to_gemeente")
    response = client.post(url, form.payload(to_gemeente=""))
    assert response.status_code == 422
    assert not CaseHandover.objects.exists()


def test_the_case_is_read_only_for_both_while_the_offer_is_pending(move: Move) -> None:
    handover = _offer_through_the_pages(move)
    assert handover.status == HandoverStatus.PENDING
    assert (handover.from_gemeente, handover.to_gemeente) == (move.old_gemeente, move.new_gemeente)
    for user in (move.sender, move.receiver, move.old_coordinator):
        client = _as(user)
        detail = client.get(reverse("cases:detail", args=[move.case.pk]))
        assert detail.status_code == 200, user
        assert "Alleen lezen" in detail.content.decode()
        assert client.get(reverse("cases:edit", args=[move.case.pk])).status_code == 403
        add = reverse("cases:entry_add", args=[move.case.pk, "tijdlijn"])
        assert client.post(add, {"occurred_on": "2026-11-02", "entry_type": "contact"}).status_code == 403
    # the service refuses too, whoever calls it
    with pytest.raises(services.HandoverPendingError):
        services.entry_create(
            model=TimelineEntry,
            case=move.case,
            actor=actor_for(move.sender),
            data={"occurred_on": move.case.registered_on, "entry_type": "contact", "description": "x"},
        )
    # the new partnership and the receiving support officer do not see it yet
    for outsider in (move.new_coordinator, member_of(move.new_gemeente, Role.ONDERSTEUNER)):
        assert _as(outsider).get(reverse("cases:detail", args=[move.case.pk])).status_code == 404


def test_the_receiving_officer_finds_the_offer_and_nobody_else_does(move: Move) -> None:
    handover = _offer_through_the_pages(move)
    listing = _as(move.receiver).get(reverse("cases:handover_list"))
    assert move.case.reference in listing.content.decode()
    other_lpa = member_of(OrganisationFactory(), Role.LPA)
    assert move.case.reference not in _as(other_lpa).get(reverse("cases:handover_list")).content.decode()
    assert _as(other_lpa).get(reverse("cases:handover_decide", args=[handover.pk])).status_code == 404
    assert _as(other_lpa).get(reverse("cases:detail", args=[move.case.pk])).status_code == 404
    # each side only has its own buttons
    assert _as(move.sender).get(reverse("cases:handover_decide", args=[handover.pk])).status_code == 403
    assert _as(move.receiver).get(reverse("cases:handover_cancel", args=[handover.pk])).status_code == 403


def test_acceptance_moves_the_case_and_ends_the_old_access(move: Move) -> None:
    handover = _offer_through_the_pages(move)
    _accept_through_the_page(move, handover)
    case = Case.objects.get(pk=move.case.pk)
    assert (case.gemeente, case.swv) == (move.new_gemeente, move.new_swv)
    detail = reverse("cases:detail", args=[case.pk])
    assert _as(move.sender).get(detail).status_code == 404
    assert _as(move.old_coordinator).get(detail).status_code == 404
    assert _as(move.receiver).get(detail).status_code == 200
    assert _as(move.new_coordinator).get(detail).status_code == 200
    assert _as(move.receiver).get(reverse("cases:edit", args=[case.pk])).status_code == 200
    # the project-case count follows the case to the new partnership
    counts = {count.swv.pk: count.active for count in project_case_counts(move.receiver)}
    assert counts == {move.new_swv.pk: 1}
    events = AuditEvent.objects.filter(youth_ref=case.reference, event_type__startswith="case.handover.")
    kinds = {event.event_type: event for event in events}
    assert {"case.handover.request", "case.handover.accept"} <= set(kinds)
    for event in (kinds["case.handover.request"], kinds["case.handover.accept"]):
        assert event.detail["from_gemeente"] == move.old_gemeente.pk
        assert event.detail["to_gemeente"] == move.new_gemeente.pk
    assert kinds["case.handover.request"].actor_organisation_id == move.old_gemeente.pk
    assert kinds["case.handover.accept"].actor_organisation_id == move.new_gemeente.pk
    assert kinds["case.handover.accept"].detail["to_swv"] == move.new_swv.pk


def test_accepting_needs_a_partnership_that_serves_the_new_municipality(move: Move) -> None:
    handover = _offer_through_the_pages(move)
    client = _as(move.receiver)
    url = reverse("cases:handover_decide", args=[handover.pk])
    form = rendered_form(client.get(url).content, having="to_swv")
    response = client.post(url, form.payload(to_swv=str(move.old_swv.pk)))  # not offered: other region
    assert response.status_code == 422
    assert Case.objects.get(pk=move.case.pk).gemeente == move.old_gemeente


def test_declining_gives_the_case_back(move: Move) -> None:
    handover = _offer_through_the_pages(move)
    client = _as(move.receiver)
    url = reverse("cases:handover_decide", args=[handover.pk])
    decline = rendered_form(client.get(url).content, having="decision")
    # the page's first form with a decision field is the acceptance; the decline form says so itself
    response = client.post(url, {**decline.payload(), "decision": "decline"})
    assert response.status_code == 302
    handover.refresh_from_db()
    assert handover.status == HandoverStatus.DECLINED
    assert handover.decided_by == move.receiver
    assert _as(move.receiver).get(reverse("cases:detail", args=[move.case.pk])).status_code == 404
    assert _as(move.sender).get(reverse("cases:edit", args=[move.case.pk])).status_code == 200
    assert AuditEvent.objects.filter(
        event_type="case.handover.decline", youth_ref=move.case.reference
    ).exists()


def test_the_sender_withdraws_the_offer_after_a_confirmation(move: Move) -> None:
    handover = _offer_through_the_pages(move)
    client = _as(move.sender)
    url = reverse("cases:handover_cancel", args=[handover.pk])
    page = client.get(url)
    assert page.status_code == 200
    handover.refresh_from_db()
    assert handover.status == HandoverStatus.PENDING  # the confirmation page changes nothing
    (form,) = [f for f in post_forms(page.content.decode(), url) if f.action.endswith(url)]
    assert client.post(url, dict(form.payload())).status_code == 302
    handover.refresh_from_db()
    assert handover.status == HandoverStatus.CANCELLED
    assert _as(move.receiver).get(reverse("cases:detail", args=[move.case.pk])).status_code == 404
    assert AuditEvent.objects.filter(
        event_type="case.handover.cancel", youth_ref=move.case.reference
    ).exists()


def test_a_case_is_offered_once_at_a_time(move: Move) -> None:
    services.handover_request(case=move.case, to_gemeente=move.new_gemeente, actor=actor_for(move.sender))
    with pytest.raises(services.HandoverPendingError):
        services.handover_request(
            case=Case.objects.get(pk=move.case.pk),
            to_gemeente=OrganisationFactory(),
            actor=actor_for(move.sender),
        )
    assert _as(move.sender).get(reverse("cases:handover_request", args=[move.case.pk])).status_code == 403


def test_offers_in_the_case_list_appear_once_whatever_the_history(move: Move) -> None:
    first = services.handover_request(
        case=move.case, to_gemeente=move.new_gemeente, actor=actor_for(move.sender)
    )
    services.handover_decline(handover=first, actor=actor_for(move.receiver))
    services.handover_request(
        case=Case.objects.get(pk=move.case.pk), to_gemeente=move.new_gemeente, actor=actor_for(move.sender)
    )
    from cases.selectors import cases_visible_to

    assert list(cases_visible_to(move.receiver).values_list("pk", flat=True)) == [move.case.pk]
    assert list(cases_visible_to(move.sender).values_list("pk", flat=True)) == [move.case.pk]
