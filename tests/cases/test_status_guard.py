"""Issue 14: status changes are guarded (forward first, confirmation and a reason to go back or close)."""

from collections.abc import Callable

from django.test import Client
from django.urls import reverse

import pytest
from bs4 import BeautifulSoup

from cases.constants import Status
from cases.models import Case, StatusChange
from tests.cases.factories import CaseFactory
from tests.cases.form_regression_support import as_post
from tests.factories import user_with_role
from tests.forms.browser_forms import BrowserForm, post_forms
from wio.accounts.constants import Role
from wio.accounts.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def lpa() -> User:
    return user_with_role(Role.LPA)


@pytest.fixture
def lpa_client(lpa: User, signed_in: Callable[[User], Client]) -> Client:
    client = signed_in(lpa)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "nl"
    return client


def _case(lpa: User, status: str) -> Case:
    return CaseFactory(gemeente=lpa.memberships.get().organisation, status=status)


def _status_form(client: Client, case: Case) -> BrowserForm:
    page = reverse("cases:detail", args=[case.pk])
    response = client.get(page)
    assert response.status_code == 200
    (form,) = [f for f in post_forms(response.content.decode(), page) if f.action.endswith("/status/")]
    return form


def _sent(form: BrowserForm, name: str) -> str:
    return dict(form.payload())[name]


def _options(client: Client, case: Case) -> tuple[list[str], list[str]]:
    """(options outside any optgroup, options under "Terug naar")."""
    html = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    select = BeautifulSoup(html, "html.parser").find("select", attrs={"name": "to_status"})
    assert select is not None
    back = [str(o["value"]) for group in select.find_all("optgroup") for o in group.find_all("option")]
    groups = select.find_all("optgroup")
    assert [g["label"] for g in groups] == (["Terug naar"] if back else [])
    top = [str(o["value"]) for o in select.find_all("option") if o.find_parent("optgroup") is None]
    return top, back


@pytest.mark.parametrize(
    ("status", "preselected"),
    [
        (Status.IN_BEELD, Status.VOORGESTELD),
        (Status.VERVOLG, Status.NAZORG),
        (Status.NAZORG, Status.AFGESLOTEN),
    ],
)
def test_the_preselected_option_is_a_forward_step(
    lpa: User, lpa_client: Client, status: str, preselected: str
) -> None:
    case = _case(lpa, status)

    assert _sent(_status_form(lpa_client, case), "to_status") == preselected


def test_at_beraad_gepland_the_step_back_is_not_preselected_and_the_beraad_statuses_are_not_offered(
    lpa: User, lpa_client: Client
) -> None:
    case = _case(lpa, Status.BERAAD_GEPLAND)

    assert _sent(_status_form(lpa_client, case), "to_status") == ""
    top, back = _options(lpa_client, case)
    assert top == [""]
    assert back == [Status.EXPERTISE_VERZAMELD]


def test_steps_back_sit_under_terug_naar_and_beraad_statuses_are_left_out(
    lpa: User, lpa_client: Client
) -> None:
    case = _case(lpa, Status.VERVOLG)

    top, back = _options(lpa_client, case)

    assert top == [Status.NAZORG, Status.AFGESLOTEN]
    assert back == []  # "beraad gepland" follows the beraad
    expertise = _case(lpa, Status.EXPERTISE_VERZAMELD)
    assert _options(lpa_client, expertise) == ([Status.AFGESLOTEN], [])


def test_closing_without_confirmation_shows_a_confirmation_page_and_changes_nothing(
    lpa: User, lpa_client: Client
) -> None:
    case = _case(lpa, Status.NAZORG)
    form = _status_form(lpa_client, case)

    response = lpa_client.post(form.action, as_post(form.payload()))

    assert response.status_code == 200
    case.refresh_from_db()
    assert case.status == Status.NAZORG
    page = response.content.decode()
    assert "Casus afsluiten" in page
    assert "wordt afgesloten" in page
    (confirm,) = [f for f in post_forms(page, form.action) if f.action.endswith("/status/")]
    assert dict(confirm.payload())["confirmed"]  # the token of this page (wio.confirmation)
    assert dict(confirm.payload())["to_status"] == Status.AFGESLOTEN
    assert "note" in confirm.names()


def test_a_confirmed_close_without_a_reason_is_refused_in_dutch(lpa: User, lpa_client: Client) -> None:
    case = _case(lpa, Status.NAZORG)
    form = _status_form(lpa_client, case)
    confirmation = lpa_client.post(form.action, as_post(form.payload()))
    (confirm,) = [
        f for f in post_forms(confirmation.content.decode(), form.action) if f.action.endswith("/status/")
    ]

    response = lpa_client.post(confirm.action, as_post(confirm.payload()))

    assert response.status_code == 422
    assert "Geef een reden" in response.content.decode()
    case.refresh_from_db()
    assert case.status == Status.NAZORG


def test_a_confirmed_close_with_a_reason_closes_and_logs_the_reason(lpa: User, lpa_client: Client) -> None:
    case = _case(lpa, Status.NAZORG)
    form = _status_form(lpa_client, case)
    confirmation = lpa_client.post(form.action, as_post(form.payload()))
    (confirm,) = [
        f for f in post_forms(confirmation.content.decode(), form.action) if f.action.endswith("/status/")
    ]
    payload = [(k, v) for k, v in confirm.payload() if k != "note"] + [("note", "Weer naar school")]

    response = lpa_client.post(confirm.action, as_post(payload))

    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == Status.AFGESLOTEN
    change = StatusChange.objects.get(case=case, to_status=Status.AFGESLOTEN)
    assert change.note == "Weer naar school"
    assert change.from_status == Status.NAZORG


def test_going_back_asks_for_confirmation_too(lpa: User, lpa_client: Client) -> None:
    case = _case(lpa, Status.NAZORG)

    response = lpa_client.post(reverse("cases:status", args=[case.pk]), {"to_status": Status.VERVOLG})

    assert response.status_code == 200
    assert "Terugzetten naar" in response.content.decode()
    case.refresh_from_db()
    assert case.status == Status.NAZORG


def test_a_forward_step_takes_one_click(lpa: User, lpa_client: Client) -> None:
    case = _case(lpa, Status.IN_BEELD)
    form = _status_form(lpa_client, case)

    response = lpa_client.post(form.action, as_post(form.payload()))

    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == Status.VOORGESTELD


def test_beraad_gepland_cannot_be_set_by_hand(lpa: User, lpa_client: Client) -> None:
    case = _case(lpa, Status.EXPERTISE_VERZAMELD)

    response = lpa_client.post(
        reverse("cases:status", args=[case.pk]),
        {"to_status": Status.BERAAD_GEPLAND, "confirmed": "1", "note": "handmatig"},
        follow=True,
    )

    case.refresh_from_db()
    assert case.status == Status.EXPERTISE_VERZAMELD
    assert not StatusChange.objects.filter(case=case).exists()
    errors = [str(m) for m in response.context["messages"] if m.level_tag == "error"]
    assert errors
    assert "Moreel Beraad" in errors[0]


def test_the_service_refuses_beraad_statuses_by_hand_and_a_step_back_without_reason(lpa: User) -> None:
    from cases import services
    from cases.services.errors import TransitionError
    from tests.cases.core_support import actor_for

    case = _case(lpa, Status.EXPERTISE_VERZAMELD)
    with pytest.raises(TransitionError):
        services.case_transition(
            case=case, to_status=Status.BERAAD_GEPLAND, actor=actor_for(lpa), by_hand=True
        )
    nazorg = _case(lpa, Status.NAZORG)
    with pytest.raises(TransitionError):
        services.case_transition(case=nazorg, to_status=Status.AFGESLOTEN, actor=actor_for(lpa), by_hand=True)

    # the Moreel Beraad moves the case without by_hand, as before
    moved = services.case_transition(case=case, to_status=Status.BERAAD_GEPLAND, actor=actor_for(lpa))
    assert moved.status == Status.BERAAD_GEPLAND
