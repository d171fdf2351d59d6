"""New users are invited: the administrator names them, they choose their own password (issue 14).

The administrator never sees or sets a password. A new account has an unusable password and gets an
e-mail with a one-time link to choose one (allauth's password-reset-from-key page). The link is made
when the mail is built, never stored, and stops working once the password is set or after
PASSWORD_RESET_TIMEOUT (72 h), the same window in which the account must enrol two-step
verification (WIO_UNENROLLED_ACCOUNT_HOURS).
"""

import uuid
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext

from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str

from wio.audit import services as audit
from wio.audit.constants import Action, Purpose
from wio.outbox.handlers import job_handler
from wio.outbox.mail import deliver_once
from wio.outbox.services import enqueue

from . import grants
from .models import Organisation, User
from .permissions import can_administer_platform
from .services import ENROLMENT_REOPENED, user_end_sessions

INVITED = "account.invited"
INVITATION_TOPIC = "account.invitation"


def invitation_link(user: User) -> str:
    path = reverse(
        "account_reset_password_from_key",
        kwargs={"uidb36": user_pk_to_url_str(user), "key": default_token_generator.make_token(user)},
    )
    return f"{settings.WIO_BASE_URL.rstrip('/')}{path}"


@job_handler()
def send_invitation(job: Any, *, user_id: int) -> None:
    user = User.objects.get(pk=user_id)
    if not user.is_active or user.has_usable_password():
        return  # deactivated meanwhile, or the password is already chosen: the link would not work

    def build() -> EmailMessage:
        hours = settings.PASSWORD_RESET_TIMEOUT // 3600
        body = render_to_string(
            "accounts/email/invitation.txt",
            {"user": user, "link": invitation_link(user), "hours": hours},
        )
        return EmailMessage(gettext("Your WIO account"), body, to=[user.email])

    deliver_once(f"account-invitation:{job.pk}", build)


def _queue_invitation(user: User) -> None:
    enqueue(
        send_invitation,
        topic=INVITATION_TOPIC,
        subject_id=user.pk,
        key=f"account-invitation:{user.pk}:{uuid.uuid4().hex}",
        user_id=user.pk,
    )


def _require_administrator(actor: audit.Actor) -> None:
    if actor.user is None or not can_administer_platform(actor.user):
        raise PermissionDenied


@transaction.atomic
def user_invite(
    *,
    email: str,
    first_name: str,
    last_name: str,
    organisation: Organisation | None,
    role: str,
    actor: audit.Actor,
) -> User:
    """Create the account without a password, request its role (four eyes) and send the link."""
    _require_administrator(actor)
    user = User(email=User.objects.normalize_email(email), first_name=first_name, last_name=last_name)
    user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    audit.record_change(
        actor=actor, obj=user, action=Action.CREATE, event_type=INVITED, purpose=Purpose.ACCOUNT_MANAGEMENT
    )
    if organisation is not None and role:
        grants.membership_request_create(
            user=user,
            organisation=organisation,
            role=role,
            reason=gettext("New user, invited by a functional administrator."),
            actor=actor,
        )
    _queue_invitation(user)
    return user


@transaction.atomic
def user_invite_again(*, user: User, actor: audit.Actor) -> User:
    """A new link (lost mail, expired link, forgotten password): the old password stops working."""
    _require_administrator(actor)
    user.set_unusable_password()
    user.save(update_fields=["password"])
    user_end_sessions(user=user, actor=actor)
    audit.record_change(
        actor=actor, obj=user, action=Action.UPDATE, event_type=INVITED, purpose=Purpose.ACCOUNT_MANAGEMENT
    )
    audit.record_change(
        actor=actor,
        obj=user,
        action=Action.UPDATE,
        event_type=ENROLMENT_REOPENED,
        purpose=Purpose.ACCOUNT_MANAGEMENT,
        detail={"hours": settings.WIO_UNENROLLED_ACCOUNT_HOURS},
    )
    _queue_invitation(user)
    return user
