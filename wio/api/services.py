"""Creating and revoking API clients; every change is an audited account-management event."""

import secrets
import uuid
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from oauth2_provider.models import AccessToken, Application

from wio.accounts.constants import OrganisationKind, Role
from wio.accounts.grants import GrantError, membership_request_create
from wio.accounts.models import Organisation, User
from wio.audit import services as audit
from wio.audit.constants import Action, Purpose

from .models import ApiClient

# The role a client's service account holds in its organisation: the one its staff hold for the same work.
ROLE_FOR_KIND: dict[str, str] = {
    OrganisationKind.GEMEENTE: Role.LPA,
    OrganisationKind.SWV: Role.SWV_COORDINATOR,
    OrganisationKind.MINISTRY: Role.MINISTRY,
}
SERVICE_ACCOUNT_DOMAIN = "clients.wio.invalid"  # .invalid: no mailbox, no SSO provider can claim it


@dataclass(frozen=True)
class NewClient:
    client: ApiClient
    client_secret: str  # shown once to the administrator; only its hash is stored


def _record(actor: audit.Actor, client: ApiClient, action: str, event: str) -> None:
    audit.record_change(
        actor=actor,
        obj=client,
        action=action,
        event_type=event,
        purpose=Purpose.ACCOUNT_MANAGEMENT,
        detail={"organisation_id": client.organisation_id, "may_write": client.may_write},
    )


@transaction.atomic
def api_client_create(
    *, actor: audit.Actor, name: str, organisation: Organisation, may_write: bool
) -> NewClient:
    """A client with its service account and OAuth2 credentials. Its role in the organisation is
    requested, not granted: it reaches data once a second administrator approves (ADR 0012)."""
    if actor.user is None:
        raise GrantError(_("Only a signed-in administrator creates API clients."))
    role = ROLE_FOR_KIND.get(organisation.kind)
    if role is None:
        raise GrantError(_("API clients exist for municipalities, partnerships and ministries only."))
    service_user = User.objects.create_user(
        email=f"api-{uuid.uuid4().hex[:12]}@{SERVICE_ACCOUNT_DOMAIN}", password=None, first_name=name[:150]
    )
    client_secret = secrets.token_urlsafe(40)
    application = Application.objects.create(
        name=name,
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_CLIENT_CREDENTIALS,
        client_secret=client_secret,
        hash_client_secret=True,
    )
    client = ApiClient.objects.create(
        name=name,
        organisation=organisation,
        application=application,
        service_user=service_user,
        may_write=may_write,
        created_by=actor.user,
    )
    membership_request_create(
        user=service_user,
        organisation=organisation,
        role=role,
        reason=_("API client “%(name)s”") % {"name": name},
        actor=actor,
    )
    _record(actor, client, Action.CREATE, "api.client_created")
    return NewClient(client=client, client_secret=client_secret)


@transaction.atomic
def api_client_revoke(*, client: ApiClient, actor: audit.Actor) -> ApiClient:
    """From this transaction on, no token of the client works and no new one is issued."""
    locked = ApiClient.objects.select_for_update().get(pk=client.pk)
    if locked.is_revoked:
        return locked
    locked.revoked_at = timezone.now()
    locked.save(update_fields=["revoked_at"])
    AccessToken.objects.filter(application_id=locked.application_id).delete()
    User.objects.filter(pk=locked.service_user_id).update(is_active=False, session_stamp=uuid.uuid4())
    _record(actor, locked, Action.UPDATE, "api.client_revoked")
    return locked
