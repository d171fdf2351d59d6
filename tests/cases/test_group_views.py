"""Editing a group of case fields: the exemption and absenteeism details belong to one category each."""

from django.test import Client
from django.urls import reverse

import pytest

from cases.constants import Category
from cases.models import ExemptionDetails
from tests.cases.factories import CaseFactory
from tests.conftest import sign_in
from tests.factories import user_with_role
from wio.accounts.constants import Role

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("category", "group", "other_group"),
    [
        (Category.VRIJSTELLING_5A, "vrijstelling", "verzuim"),
        (Category.ABSOLUUT_VERZUIM, "verzuim", "vrijstelling"),
    ],
)
def test_the_details_form_of_the_other_category_is_not_found(
    client: Client, category: str, group: str, other_group: str
) -> None:
    # given an LPA of the case's gemeente
    lpa = user_with_role(Role.LPA)
    case = CaseFactory(gemeente=lpa.memberships.get().organisation, category=category)
    sign_in(client, lpa)
    # when / then
    assert client.get(reverse("cases:group_edit", args=[case.pk, group])).status_code == 200
    assert client.get(reverse("cases:group_edit", args=[case.pk, other_group])).status_code == 404
    assert client.post(reverse("cases:group_edit", args=[case.pk, other_group]), {}).status_code == 404


def test_exemption_details_left_from_an_earlier_category_are_not_editable(client: Client) -> None:
    # given a case registered as an exemption, now absolute absenteeism: its old details row remains
    lpa = user_with_role(Role.LPA)
    case = CaseFactory(gemeente=lpa.memberships.get().organisation, absoluut_verzuim=True)
    ExemptionDetails.objects.create(case=case)
    sign_in(client, lpa)
    # when
    response = client.get(reverse("cases:group_edit", args=[case.pk, "vrijstelling"]))
    # then
    assert response.status_code == 404
