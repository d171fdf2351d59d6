"""An API client's service account holds a role to reach data, but it is not a person: it is never
offered as an action holder, never mailed the weekly digest, never a beraad's reply address."""

import pytest

from cases.forms.entries import ActionItemForm
from cases.mywork import digest_recipient_ids
from moreelberaad.forms.session import case_colleagues
from wio.accounts.constants import Role

from ..cases.factories import CaseFactory
from ..factories import MembershipFactory
from .support import make_api_client

pytestmark = pytest.mark.django_db


def test_a_service_account_is_no_colleague_and_gets_no_mail() -> None:
    case = CaseFactory()
    colleague = MembershipFactory(organisation=case.gemeente, role=Role.LPA).user
    client, _secret = make_api_client(case.gemeente)
    swv_client, _secret = make_api_client(case.swv)

    owners = list(ActionItemForm(case=case).fields["owner"].queryset)
    assert owners == [colleague]
    assert list(case_colleagues(case)) == [colleague]
    recipients = digest_recipient_ids()
    assert colleague.pk in recipients
    assert client.service_user_id not in recipients
    assert swv_client.service_user_id not in recipients


def test_a_service_account_never_expires_for_want_of_a_totp() -> None:
    from datetime import timedelta

    from django.utils import timezone

    from wio.accounts.models import User
    from wio.accounts.services import expire_unenrolled_accounts

    from .support import api_for

    case = CaseFactory()
    api = api_for(case.gemeente)
    service_user = User.objects.get(api_client__isnull=False)
    User.objects.filter(pk=service_user.pk).update(date_joined=timezone.now() - timedelta(hours=80))

    expire_unenrolled_accounts()

    assert User.objects.get(pk=service_user.pk).is_active
    assert api.get("/api/v1/casussen/").status_code == 200


def test_a_service_account_cannot_be_linked_to_a_beraad() -> None:
    from moreelberaad.permissions import linkable_users

    case = CaseFactory()
    colleague = MembershipFactory(organisation=case.gemeente, role=Role.LPA).user
    client, _secret = make_api_client(case.gemeente)
    assert list(linkable_users(case)) == [colleague]
    assert client.service_user_id not in linkable_users(case).values_list("pk", flat=True)
