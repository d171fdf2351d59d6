"""Issue 8 ("Forms keep what they are given"): one regression test per defect, driven through the
rendered form — GET the page, read the form the server renders, send what a browser would send,
read the result back.

- Defect 1: an edit form of an entry with people (consent, conversation, timeline) renders one
  checkbox per person of the case, checks the named ones, and keeps them when sent back unchanged.
- Defect 3: a date far outside any sensible span (0001-01-01, 9999-12-31) is refused next to its
  field and stores nothing; a case that already holds such a date still opens and prints.
- Defect 4: a create form sent twice — one after the other, or at the same moment — makes one record;
  two people starting the case's one learning story at once get one story and a message, not a 500.
- Defect 5: a tampered version token on a plain POST button is a 400 that changes nothing.
"""

import threading
import time
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any, cast

from django.db import connection
from django.db.models import Model
from django.test import Client
from django.urls import reverse
from django.utils import timezone

import pytest

from cases.constants import Category, ConversationKind, KnelpuntCategory, TimelineType
from cases.models import ActionItem, Case, Conversation, Knelpunt, Narrative, TimeEntry, TimelineEntry
from cases.services import case as case_services
from cases.services import entries as entry_services
from monitor.constants import StoryStatus
from tests.cases.factories import (
    ActionItemFactory,
    CaseFactory,
    ConsentFactory,
    InvolvedFactory,
    TimelineEntryFactory,
)
from tests.cases.form_regression_support import (
    BAD_REQUEST_HEADING,
    DATE_SPAN_MESSAGE,
    FAR_DATES,
    TAMPERED_VERSIONS,
    as_post,
    checkboxes,
    field_error,
    rendered_form,
    with_values,
)
from tests.conftest import sign_in
from tests.factories import OrganisationFactory, user_with_role
from tests.forms.browser_forms import BrowserForm
from tests.monitor.factories import StoryFactory
from wio.accounts.constants import Role
from wio.accounts.models import Organisation, User

# "This case already has a learning story; it was saved a moment ago. Edit that one."
SECOND_NARRATIVE_MESSAGE = "Deze casus heeft al een leerverhaal"

SignIn = Callable[[User], Client]


# --- who and what --------------------------------------------------------------------------------------


def gemeente_of(user: User) -> Organisation:
    organisation: Organisation = user.memberships.get().organisation
    return organisation


@pytest.fixture
def lpa(db: None) -> User:
    return user_with_role(Role.LPA)


@pytest.fixture
def lpa_client(lpa: User, signed_in: SignIn) -> Client:
    return signed_in(lpa)


@pytest.fixture
def case(lpa: User) -> Case:
    return CaseFactory(gemeente=gemeente_of(lpa))


@pytest.fixture
def swv(lpa: User) -> Organisation:
    """A partnership of the officer's region: one that serves their municipality."""
    return cast(Organisation, OrganisationFactory(swv=True, region=gemeente_of(lpa).region))


# --- defect 1: the people of an entry survive its edit form ------------------------------------------


def _consent_with_people(case: Case) -> tuple[Model, str, set[int]]:
    people = [InvolvedFactory(case=case) for _ in range(3)]
    consent = ConsentFactory(case=case, person=people[0])
    consent.shared_with.set(people[:2])
    return consent, "shared_with", {person.pk for person in people[:2]}


def _conversation_with_people(case: Case) -> tuple[Model, str, set[int]]:
    people = [InvolvedFactory(case=case) for _ in range(3)]
    conversation = Conversation.objects.create(
        case=case, kind=ConversationKind.OUDERGESPREK, held_on=timezone.localdate(), is_held=True
    )
    conversation.attendees.set([people[0], people[2]])
    return conversation, "attendees", {people[0].pk, people[2].pk}


def _timeline_entry_with_people(case: Case) -> tuple[Model, str, set[int]]:
    people = [InvolvedFactory(case=case) for _ in range(3)]
    entry = TimelineEntryFactory(case=case)
    entry.involved.set(people[1:])
    return entry, "involved", {person.pk for person in people[1:]}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("section", "make"),
    [
        ("toestemming", _consent_with_people),
        ("gesprekken", _conversation_with_people),
        ("tijdlijn", _timeline_entry_with_people),
    ],
)
def test_an_entry_sent_back_unchanged_keeps_its_people(
    lpa_client: Client, case: Case, section: str, make: Callable[[Case], tuple[Model, str, set[int]]]
) -> None:
    entry, field, named = make(case)
    everyone = {str(pk) for pk in case.involveds.values_list("pk", flat=True)}
    page = reverse("cases:entry_edit", args=[case.pk, section, entry.pk])

    form = rendered_form(lpa_client, page, having="version")
    shown, checked = checkboxes(form, field)
    response = lpa_client.post(form.action, as_post(form.payload()))

    assert shown == everyone  # one checkbox per person of the case
    assert checked == {str(pk) for pk in named}
    assert response.status_code == 302, response.content.decode()[:2000]
    entry.refresh_from_db()
    assert set(getattr(entry, field).values_list("pk", flat=True)) == named


# --- defect 3: dates outside any sensible span ----------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("typed", FAR_DATES)
def test_the_escalation_clock_refuses_a_far_date_next_to_the_field(
    lpa_client: Client, case: Case, typed: str
) -> None:
    stored = case.escalation_start_on
    page = reverse("cases:group_edit", args=[case.pk, "escalatie"])
    form = rendered_form(lpa_client, page, having="escalation_start_on")

    response = lpa_client.post(form.action, as_post(with_values(form, escalation_start_on=typed)))

    assert response.status_code == 422
    assert DATE_SPAN_MESSAGE in field_error(response.content.decode(), "escalation_start_on")
    case.refresh_from_db()
    assert case.escalation_start_on == stored


@pytest.mark.django_db
@pytest.mark.parametrize("typed", FAR_DATES)
@pytest.mark.parametrize("field", ["registered_on", "escalation_start_on"])
def test_the_case_form_refuses_a_far_date_next_to_the_field(
    lpa_client: Client, case: Case, field: str, typed: str
) -> None:
    before = Case.objects.values().get(pk=case.pk)
    page = reverse("cases:edit", args=[case.pk])
    form = rendered_form(lpa_client, page, having=field)

    response = lpa_client.post(form.action, as_post(with_values(form, **{field: typed})))

    # The case form answers a refusal with 200 (the group and entry forms with 422): both are a refusal.
    assert response.status_code in (200, 422)
    assert DATE_SPAN_MESSAGE in field_error(response.content.decode(), field)
    assert Case.objects.values().get(pk=case.pk) == before


@pytest.mark.django_db
@pytest.mark.parametrize("typed", FAR_DATES)
def test_registering_a_case_with_a_far_date_stores_nothing(
    lpa_client: Client, swv: Organisation, typed: str
) -> None:
    form = rendered_form(lpa_client, reverse("cases:create"), having="registered_on")

    response = lpa_client.post(
        form.action, as_post(with_values(form, **{**_new_case(swv), "registered_on": typed}))
    )

    assert response.status_code in (200, 422)
    assert DATE_SPAN_MESSAGE in field_error(response.content.decode(), "registered_on")
    assert not Case.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("view", ["cases:detail", "cases:print"])
def test_a_case_with_a_far_escalation_date_still_opens(lpa_client: Client, case: Case, view: str) -> None:
    """Stored before the forms bounded their dates: the +12 weeks milestone lies past the calendar."""
    Case.objects.filter(pk=case.pk).update(escalation_start_on=date(9999, 12, 31))

    response = lpa_client.get(reverse(view, args=[case.pk]))

    assert response.status_code == 200


# --- defect 4: one rendered form, one record -------------------------------------------------------------


def _new_case(swv: Organisation) -> dict[str, str]:
    """What an attendance officer types into the empty case form."""
    return {
        "first_name": "Mila",
        "last_name": "de Boer",
        "date_of_birth": (timezone.localdate() - timedelta(days=365 * 12)).isoformat(),
        "swv": str(swv.pk),
        "category": Category.VRIJSTELLING_5A,
        "registered_on": timezone.localdate().isoformat(),
    }


def _send_twice(client: Client, page: str, model: type[Model], *, having: str, **typed: str) -> None:
    form = rendered_form(client, page, having=having)
    payload = as_post(with_values(form, **typed))

    first = client.post(form.action, payload)
    second = client.post(form.action, payload)

    assert first.status_code == 302, first.content.decode()[:2000]
    assert second.status_code == 302, second.content.decode()[:2000]
    assert second["Location"] == first["Location"]
    assert model._default_manager.count() == 1


@pytest.mark.django_db
def test_a_case_form_sent_twice_registers_one_case(lpa_client: Client, swv: Organisation) -> None:
    _send_twice(lpa_client, reverse("cases:create"), Case, having="registered_on", **_new_case(swv))


@pytest.mark.django_db
def test_a_timeline_form_sent_twice_adds_one_entry(lpa_client: Client, case: Case) -> None:
    _send_twice(
        lpa_client,
        reverse("cases:entry_add", args=[case.pk, "tijdlijn"]),
        TimelineEntry,
        having="description",
        occurred_on=timezone.localdate().isoformat(),
        entry_type=TimelineType.CONTACT,
        description="Eerste gesprek met moeder",
    )


@pytest.mark.django_db
def test_a_knelpunt_form_sent_twice_adds_one_knelpunt(lpa_client: Client, case: Case) -> None:
    _send_twice(
        lpa_client,
        reverse("cases:knelpunt_add", args=[case.pk]),
        Knelpunt,
        having="description",
        category=KnelpuntCategory.WACHTLIJST,
        description="Wachtlijst voor dagbehandeling",
    )


@pytest.mark.django_db
def test_an_hours_form_sent_twice_registers_the_hours_once(lpa_client: Client, case: Case) -> None:
    _send_twice(
        lpa_client,
        reverse("cases:case_hours_add", args=[case.pk]),
        TimeEntry,
        having="hours",
        hours="1,5",
        worked_on=timezone.localdate().isoformat(),
    )


@pytest.fixture
def slow_audit(monkeypatch: pytest.MonkeyPatch) -> None:
    """Hold each create's transaction open a moment after its row is written, so that two requests
    sent together overlap inside the database — the race of a double click."""
    for module in (case_services, entry_services):
        original = module._record

        def slow(*args: Any, _original: Any = original, **kwargs: Any) -> Any:
            result = _original(*args, **kwargs)
            time.sleep(0.3)
            return result

        monkeypatch.setattr(module, "_record", slow)


def send_together(clients: list[Client], url: str, payloads: list[dict[str, list[str]]]) -> list[Any]:
    """POST each payload from its own client in its own thread, all at the same moment."""
    start = threading.Barrier(len(clients))
    responses: list[Any] = [None] * len(clients)

    def send(index: int) -> None:
        try:
            start.wait()
            responses[index] = clients[index].post(url, payloads[index])
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=(index,)) for index in range(len(clients))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return responses


@pytest.fixture
def two_clients(lpa: User) -> list[Client]:
    """Two browsers of the same attendance officer; a 500 is returned, not raised."""
    return [sign_in(Client(raise_request_exception=False), lpa) for _ in range(2)]


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("slow_audit")
def test_a_case_form_sent_twice_at_once_registers_one_case(
    two_clients: list[Client], swv: Organisation
) -> None:
    form = rendered_form(two_clients[0], reverse("cases:create"), having="registered_on")
    payload = as_post(with_values(form, **_new_case(swv)))

    responses = send_together(two_clients, form.action, [payload, payload])

    assert [response.status_code for response in responses] == [302, 302]
    assert Case.objects.count() == 1
    assert {response["Location"] for response in responses} == {
        reverse("cases:detail", args=[Case.objects.get().pk])
    }


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("slow_audit")
def test_two_learning_stories_started_at_once_make_one_and_explain_the_other(
    lpa: User, two_clients: list[Client]
) -> None:
    case = CaseFactory(gemeente=gemeente_of(lpa))
    page = reverse("cases:entry_add", args=[case.pk, "leerverhaal"])
    forms = [rendered_form(client, page, having="movement") for client in two_clients]
    payloads = [
        as_post(with_values(form, movement=f"Beweging volgens browser {n}")) for n, form in enumerate(forms)
    ]

    responses = send_together(two_clients, forms[0].action, payloads)

    assert sorted(response.status_code for response in responses) == [302, 422]
    assert Narrative.objects.filter(case=case).count() == 1
    refused = next(response for response in responses if response.status_code == 422)
    assert SECOND_NARRATIVE_MESSAGE in refused.content.decode()


# --- defect 5: a tampered version token ----------------------------------------------------------------


def _send_tampered(client: Client, form: BrowserForm, version: str) -> Any:
    assert "version" in form.names()
    return client.post(form.action, as_post(with_values(form, version=version)))


def _assert_bad_request(response: Any) -> None:
    assert response.status_code == 400
    assert BAD_REQUEST_HEADING in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("version", TAMPERED_VERSIONS)
def test_deleting_an_entry_with_a_tampered_version_is_a_bad_request(
    lpa: User, case: Case, version: str
) -> None:
    client = sign_in(Client(raise_request_exception=False), lpa)
    entry = TimelineEntryFactory(case=case)
    delete = reverse("cases:entry_delete", args=[case.pk, "tijdlijn", entry.pk])
    form = rendered_form(client, delete, action=delete)

    response = _send_tampered(client, form, version)

    _assert_bad_request(response)
    assert TimelineEntry.objects.filter(pk=entry.pk).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("version", TAMPERED_VERSIONS)
def test_marking_an_action_done_with_a_tampered_version_is_a_bad_request(
    lpa: User, case: Case, version: str
) -> None:
    client = sign_in(Client(raise_request_exception=False), lpa)
    action = ActionItemFactory(case=case)
    done = reverse("cases:action_done", args=[case.pk, action.pk])
    form = rendered_form(client, reverse("cases:detail", args=[case.pk]), action=done)

    response = _send_tampered(client, form, version)

    _assert_bad_request(response)
    assert ActionItem.objects.get(pk=action.pk).done_on is None


@pytest.mark.django_db
@pytest.mark.parametrize("version", TAMPERED_VERSIONS)
def test_withdrawing_a_story_with_a_tampered_version_is_a_bad_request(version: str) -> None:
    client = sign_in(Client(raise_request_exception=False), user_with_role(Role.PROJECT_STAFF))
    story = StoryFactory()
    withdraw = reverse("monitor:story_withdraw", args=[story.pk])
    form = rendered_form(client, reverse("monitor:story_detail", args=[story.pk]), action=withdraw)

    response = _send_tampered(client, form, version)

    _assert_bad_request(response)
    story.refresh_from_db()
    assert story.status == StoryStatus.DRAFT


@pytest.mark.django_db
def test_the_same_buttons_untampered_do_their_work(lpa_client: Client, case: Case) -> None:
    """The control: the forms read above are the ones that act, so the 400s come from the version."""
    entry = TimelineEntryFactory(case=case)
    action = ActionItemFactory(case=case)
    delete = reverse("cases:entry_delete", args=[case.pk, "tijdlijn", entry.pk])
    done = reverse("cases:action_done", args=[case.pk, action.pk])

    for page, target in ((delete, delete), (reverse("cases:detail", args=[case.pk]), done)):
        form = rendered_form(lpa_client, page, action=target)
        assert lpa_client.post(form.action, as_post(form.payload())).status_code == 302

    assert not TimelineEntry.objects.filter(pk=entry.pk).exists()
    assert ActionItem.objects.get(pk=action.pk).done_on == timezone.localdate()


@pytest.mark.django_db
def test_withdrawing_a_story_untampered_withdraws_it(signed_in: SignIn) -> None:
    client = signed_in(user_with_role(Role.PROJECT_STAFF))
    story = StoryFactory()
    withdraw = reverse("monitor:story_withdraw", args=[story.pk])
    form = rendered_form(client, reverse("monitor:story_detail", args=[story.pk]), action=withdraw)

    assert client.post(form.action, as_post(form.payload())).status_code == 302

    story.refresh_from_db()
    assert story.status == StoryStatus.WITHDRAWN
