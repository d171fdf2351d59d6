"""Issue 8, defect 3 for the Moreel Beraad: a moment typed far outside the calendar of a beraad
(0001-01-01, 9999-12-31) is refused next to the field, through the rendered form, and stores nothing."""

from collections.abc import Callable

from django.test import Client
from django.urls import reverse

import pytest

from cases.constants import Status
from cases.models import Case
from moreelberaad.models import Beraad
from tests.cases.factories import CaseFactory
from tests.cases.form_regression_support import (
    BERAAD_SPAN_MESSAGE,
    as_post,
    field_error,
    rendered_form,
    with_values,
)
from tests.factories import user_with_role
from tests.moreelberaad.factories import BeraadFactory
from wio.accounts.constants import Role
from wio.accounts.models import User

pytestmark = pytest.mark.django_db

FAR_MOMENTS = ["0001-01-01T00:00", "9999-12-31T23:59"]


@pytest.fixture
def coordinator() -> User:
    return user_with_role(Role.SWV_COORDINATOR)


@pytest.fixture
def client_of(coordinator: User, signed_in: Callable[[User], Client]) -> Client:
    return signed_in(coordinator)


@pytest.fixture
def case(coordinator: User) -> Case:
    return CaseFactory(swv=coordinator.memberships.get().organisation, status=Status.EXPERTISE_VERZAMELD)


@pytest.mark.parametrize("typed", FAR_MOMENTS)
def test_planning_a_beraad_at_a_far_moment_is_refused(client_of: Client, case: Case, typed: str) -> None:
    form = rendered_form(client_of, reverse("moreelberaad:plan", args=[case.pk]), having="starts_at")

    response = client_of.post(
        form.action,
        as_post(
            with_values(
                form,
                starts_at=typed,
                location="Gemeentehuis",
                ethical_question="Mogen we vragen om toch naar school te gaan?",
            )
        ),
    )

    assert response.status_code == 422
    assert BERAAD_SPAN_MESSAGE in field_error(response.content.decode(), "starts_at")
    assert not Beraad.objects.exists()
    case.refresh_from_db()
    assert case.status == Status.EXPERTISE_VERZAMELD


@pytest.mark.parametrize("typed", FAR_MOMENTS)
def test_moving_a_beraad_to_a_far_moment_is_refused(client_of: Client, case: Case, typed: str) -> None:
    beraad = BeraadFactory(case=case)
    stored = beraad.starts_at
    form = rendered_form(client_of, reverse("moreelberaad:edit", args=[beraad.pk]), having="starts_at")

    response = client_of.post(form.action, as_post(with_values(form, starts_at=typed)))

    assert response.status_code == 422
    assert BERAAD_SPAN_MESSAGE in field_error(response.content.decode(), "starts_at")
    beraad.refresh_from_db()
    assert beraad.starts_at == stored
