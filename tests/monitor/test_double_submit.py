"""One submission makes one record (issue 8, defect 4): a story, a common thread or a lesson sent
twice makes one; the repeat goes where the first went. Two people saving a common thread of the
same name at the same moment get one thread and a Dutch error next to the name, never a 500."""

import threading
import time
from collections.abc import Callable
from typing import Any

from django.contrib.messages import get_messages
from django.db import connection
from django.db.models import Model
from django.test import Client
from django.urls import reverse

import pytest

from cases.constants import ConsentScope
from monitor.models import Lesson, Story, Theme
from monitor.services import learning as learning_services
from tests.cases.factories import CaseFactory, ConsentFactory
from tests.conftest import sign_in
from tests.factories import RegionFactory, user_with_role
from tests.moreelberaad.rendered_form import rendered_form
from wio.accounts.constants import Role
from wio.accounts.models import User

NAME_TAKEN = "Er bestaat al een Rode draad met eenzelfde Naam."


@pytest.fixture
def staff(db: None) -> User:
    return user_with_role(Role.PROJECT_STAFF)


def submit_twice(
    client: Client, page: str, *, having: str, model: type[Model], **filled: Any
) -> tuple[Any, Any]:
    """GET the form page, fill the rendered form and send the very same payload twice."""
    shown = client.get(page)
    assert shown.status_code == 200
    payload = rendered_form(shown.content, having=having).payload(**filled)
    first = client.post(page, payload)
    second = client.post(page, payload)
    assert first.status_code == 302, first.content.decode()[:2000]
    assert second.status_code == 302, second.content.decode()[:2000]
    assert second["Location"] == first["Location"]
    assert model._default_manager.count() == 1
    # The messages of both responses: the first one's success, and nothing more for the repeat.
    assert len(list(get_messages(second.wsgi_request))) == 1
    return first, second


@pytest.mark.django_db
def test_writing_a_story_twice_makes_one(signed_in: Callable[[User], Client]) -> None:
    lpa = user_with_role(Role.LPA)
    case = CaseFactory(gemeente=lpa.memberships.get().organisation)
    ConsentFactory(case=case, scope=ConsentScope.ANONYMISED_STORY)

    first, _ = submit_twice(
        signed_in(lpa),
        reverse("monitor:story_create", args=[case.pk]),
        having="title",
        model=Story,
        perspective="ouder",
        title="Weer ritme in de week",
        text="De zorgboerderij gaf rust. Wat werkte: kleine stappen.",
    )

    assert first["Location"] == f"{reverse('cases:detail', args=[case.pk])}#verhalen"


@pytest.mark.django_db
def test_saving_a_common_thread_twice_makes_one(staff: User, signed_in: Callable[[User], Client]) -> None:
    first, _ = submit_twice(
        signed_in(staff),
        reverse("monitor:theme_create"),
        having="name",
        model=Theme,
        name="Wachtlijsten",
        description="Wachtlijsten bepalen wat mogelijk lijkt.",
    )

    assert first["Location"] == reverse("monitor:theme_list")


@pytest.mark.django_db
def test_saving_a_lesson_twice_makes_one(staff: User, signed_in: Callable[[User], Client]) -> None:
    region = RegionFactory()

    first, _ = submit_twice(
        signed_in(staff),
        reverse("monitor:lesson_create"),
        having="title",
        model=Lesson,
        region=str(region.pk),
        title="Begin bij wat er al is",
        text="Wat de jongere al kan, is het begin.",
    )

    assert first["Location"] == reverse("monitor:lesson_list")


@pytest.mark.django_db
def test_a_name_already_taken_is_refused_next_to_the_name(
    staff: User, signed_in: Callable[[User], Client]
) -> None:
    """A second form (another key) with a name in use: the form comes back, in Dutch."""
    client = signed_in(staff)
    page = reverse("monitor:theme_create")
    forms = [rendered_form(client.get(page).content, having="name") for _ in range(2)]
    assert client.post(page, forms[0].payload(name="Wachtlijsten")).status_code == 302

    response = client.post(page, forms[1].payload(name="Wachtlijsten"))

    assert response.status_code == 422
    assert response.context["form"].errors["name"] == [NAME_TAKEN]
    assert Theme.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_common_threads_of_one_name_at_once_give_one_thread_and_a_form_error(
    staff: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = reverse("monitor:theme_create")
    clients = [sign_in(Client(raise_request_exception=False), staff) for _ in range(2)]
    payloads = [
        rendered_form(client.get(page).content, having="name").payload(name="Wachtlijsten")
        for client in clients
    ]
    # Hold each transaction open a moment after its thread is written: the other request inserts the
    # same name while the first is not yet committed.
    original_record = learning_services._record

    def slow_record(*args: Any, **kwargs: Any) -> None:
        original_record(*args, **kwargs)
        time.sleep(0.3)

    monkeypatch.setattr(learning_services, "_record", slow_record)
    start = threading.Barrier(2)
    responses: list[Any] = []

    def send(client: Client, payload: dict[str, str]) -> None:
        try:
            start.wait()
            responses.append(client.post(page, payload))
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=pair) for pair in zip(clients, payloads, strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(response.status_code for response in responses) == [302, 422]
    refused = next(response for response in responses if response.status_code == 422)
    page_text = refused.content.decode()
    assert NAME_TAKEN in page_text
    assert 'id="error_1_id_name"' in page_text  # crispy puts the error under the name field
    assert list(Theme.objects.values_list("name", flat=True)) == ["Wachtlijsten"]
