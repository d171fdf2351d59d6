"""ADR 0032: the functional administrator sets up an organisation's provider in /beheer/."""

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.test import Client

import pytest
from allauth.socialaccount.models import SocialApp

from tests.factories import OrganisationFactory, OrganisationSignOnFactory, SocialAppFactory, user_with_role
from wio.accounts.constants import Role
from wio.accounts.models import OrganisationSignOn, User
from wio.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_the_functional_admin_adds_a_provider_and_ties_it_to_a_municipality(
    signed_in: Callable[[User], Client],
) -> None:
    client = signed_in(user_with_role(Role.FUNCTIONAL_ADMIN))
    gemeente = OrganisationFactory(name="Gemeente Borger-Odoorn")

    added = client.post(
        "/beheer/socialaccount/socialapp/add/",
        {
            "provider": "openid_connect",
            "provider_id": "gemeente-borger-odoorn",
            "name": "Inlog Borger-Odoorn",
            "client_id": "wio",
            "secret": "geheim",
            "key": "",
            "settings": '{"server_url": "https://login.borger-odoorn.example"}',
        },
    )
    assert added.status_code == 302, added.content.decode()[:3000]
    app = SocialApp.objects.get(provider_id="gemeente-borger-odoorn")
    tied = client.post(
        "/beheer/accounts/organisationsignon/add/",
        {
            "organisation": gemeente.pk,
            "app": app.pk,
            "email_domains": '["@Borger-Odoorn.example"]',
            "mfa_amr_values": '["mfa", "otp"]',
            "mfa_acr_values": "[]",
        },
    )
    assert tied.status_code == 302, tied.content.decode()[:3000]
    sign_on = OrganisationSignOn.objects.get(organisation=gemeente)
    assert sign_on.email_domains == ["borger-odoorn.example"]
    assert sign_on.password_login_allowed is False  # an unticked box: only the provider
    assert AuditEvent.objects.filter(event_type="account.socialapp_changed").exists()
    assert AuditEvent.objects.filter(event_type="account.organisationsignon_changed").exists()


def test_other_roles_cannot_see_the_providers(signed_in: Callable[[User], Client]) -> None:
    client = signed_in(user_with_role(Role.PRIVACY_OFFICER))
    assert client.get("/beheer/socialaccount/socialapp/").status_code == 403
    assert client.get("/beheer/accounts/organisationsignon/").status_code == 403


def test_a_domain_leads_to_one_organisation_only() -> None:
    OrganisationSignOnFactory(email_domains=["gemeente.example"])
    second = OrganisationSignOnFactory.build(
        organisation=OrganisationFactory(), app=SocialAppFactory(), email_domains=["Gemeente.example"]
    )
    with pytest.raises(ValidationError, match=r"gemeente\.example"):
        second.clean()
