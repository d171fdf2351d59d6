"""Issue 14 item 10: the same name and role twice on a case is named before it is saved."""

from collections.abc import Callable

from django.test import Client
from django.urls import reverse

import pytest

from cases.constants import InvolvedRole
from cases.models import Case, Involved
from tests.cases.factories import CaseFactory, InvolvedFactory
from tests.cases.form_regression_support import as_post, field_error, rendered_form, with_values
from tests.factories import user_with_role
from tests.forms.browser_forms import post_forms
from wio.accounts.constants import Role
from wio.accounts.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def case() -> Case:
    return CaseFactory()


@pytest.fixture
def lpa_client(case: Case, signed_in: Callable[[User], Client]) -> Client:
    lpa = user_with_role(Role.LPA)
    lpa.memberships.update(organisation=case.gemeente)
    return signed_in(lpa)


def _add_person(client: Client, case: Case, name: str) -> tuple[int, str]:
    page = reverse("cases:entry_add", args=[case.pk, "betrokkenen"])
    form = rendered_form(client, page, having="name")
    response = client.post(form.action, as_post(with_values(form, name=name, role=InvolvedRole.OUDER)))
    return response.status_code, response.content.decode()


def test_a_namesake_in_the_same_role_is_named_and_kept_until_confirmed(
    case: Case, lpa_client: Client
) -> None:
    InvolvedFactory(case=case, name="Marieke de Vries", role=InvolvedRole.OUDER)

    status, html = _add_person(lpa_client, case, "marieke de vries")

    assert status == 422
    assert "Marieke de Vries staat al als Ouder" in field_error(html, "confirm_same_person")
    assert Involved.objects.filter(case=case).count() == 1
    (again,) = [f for f in post_forms(html, reverse("cases:list")) if "confirm_same_person" in f.names()]
    assert dict(again.payload())["name"] == "marieke de vries"  # nothing typed is lost
    confirmed = lpa_client.post(again.action, as_post([*again.payload(), ("confirm_same_person", "on")]))
    assert confirmed.status_code in (200, 302)
    assert Involved.objects.filter(case=case).count() == 2


def test_someone_new_is_added_without_a_question(case: Case, lpa_client: Client) -> None:
    InvolvedFactory(case=case, name="Marieke de Vries", role=InvolvedRole.OUDER)

    status, _html = _add_person(lpa_client, case, "Jan de Vries")

    assert status in (200, 302)
    assert Involved.objects.filter(case=case).count() == 2


def test_the_same_rendered_form_sent_again_asks_nothing_and_adds_no_one(
    case: Case, lpa_client: Client
) -> None:
    page = reverse("cases:entry_add", args=[case.pk, "betrokkenen"])
    form = rendered_form(lpa_client, page, having="name")
    payload = as_post(with_values(form, name="Marieke de Vries", role=InvolvedRole.OUDER))

    first = lpa_client.post(form.action, payload)
    second = lpa_client.post(form.action, payload)

    assert first.status_code in (200, 302)
    assert second.status_code < 400
    assert Involved.objects.filter(case=case).count() == 1
