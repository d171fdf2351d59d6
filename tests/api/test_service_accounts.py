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
