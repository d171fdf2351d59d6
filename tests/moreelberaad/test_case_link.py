"""The beraad page links to the case file only for those who may open it (no link that answers 403)."""

from django.test import Client
from django.urls import reverse

import pytest

from tests.conftest import sign_in
from tests.factories import MembershipFactory, user_with_role
from tests.moreelberaad.factories import BeraadFactory, ParticipantFactory
from wio.accounts.constants import Role

pytestmark = pytest.mark.django_db


def test_project_staff_leading_a_beraad_see_the_reference_without_a_link_the_officer_with_one() -> None:
    beraad = BeraadFactory()
    case_url = reverse("cases:detail", args=[beraad.case_id])
    staff = user_with_role(Role.PROJECT_STAFF)
    ParticipantFactory(beraad=beraad, leader=True, user=staff)
    officer = user_with_role(Role.LPA)
    MembershipFactory(user=officer, organisation=beraad.case.gemeente, role=Role.LPA)
    page = reverse("moreelberaad:detail", args=[beraad.pk])

    as_staff = sign_in(Client(), staff).get(page)
    as_officer = sign_in(Client(), officer).get(page)

    assert (as_staff.status_code, as_officer.status_code) == (200, 200)
    assert beraad.case.reference in as_staff.content.decode()
    assert f'href="{case_url}"' not in as_staff.content.decode()
    assert f'href="{case_url}"' in as_officer.content.decode()
    assert sign_in(Client(), staff).get(case_url).status_code == 403  # why the link must not be there
