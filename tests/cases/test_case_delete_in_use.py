"""Deleting a case that consents refer to answers with a Dutch message, not a 500 naming people."""

import logging

from django.test import Client
from django.urls import reverse

import pytest

from cases.models import Case
from tests.cases.factories import CaseFactory, ConsentFactory
from tests.conftest import sign_in
from tests.factories import MembershipFactory, user_with_role
from wio.accounts.constants import Role

pytestmark = pytest.mark.django_db


def test_a_case_with_a_consent_is_not_deleted_and_the_officer_is_told_why(
    caplog: pytest.LogCaptureFixture,
) -> None:
    case = CaseFactory()
    consent = ConsentFactory(case=case)
    officer = user_with_role(Role.LPA)
    MembershipFactory(user=officer, organisation=case.gemeente, role=Role.LPA)
    client = sign_in(Client(), officer)

    with caplog.at_level(logging.DEBUG):
        response = client.post(reverse("cases:delete", args=[case.pk]), follow=True)

    assert response.status_code == 200
    assert Case.objects.filter(pk=case.pk).exists()
    assert "kan niet worden verwijderd" in response.content.decode()
    assert consent.person.name not in caplog.text
