"""Idempotent creates: the Idempotency-Key header is the same submission key a rendered form
carries (wio.submissions), so a client that sends a create twice makes one record, as a user who
clicks twice does. The key is a UUID; another client's key is never answered with its record."""

from uuid import UUID

from django.utils.translation import gettext_lazy as _

from rest_framework.exceptions import APIException, ValidationError
from rest_framework.request import Request

from wio.submissions.services import AlreadySubmitted

HEADER = "Idempotency-Key"


class KeyReused(APIException):
    status_code = 422
    default_detail = _("This Idempotency-Key was already used for another request. Use a new key.")
    default_code = "idempotency_key_reused"


def idempotency_key(request: Request) -> UUID | None:
    raw = request.headers.get(HEADER, "").strip()
    if not raw:
        return None
    try:
        return UUID(raw)
    except ValueError:
        raise ValidationError(
            {HEADER: [_("Give a UUID, such as 3f2c9a4e-8d1b-4c6e-9f0a-2b7d5e1c8a93.")]}
        ) from None


def replayed_target(repeat: AlreadySubmitted, *, request: Request, model_label: str) -> int:
    """The id the first request with this key made, if it was this client's same kind of create."""
    submission = repeat.submission
    if (
        submission.user_id != request.user.pk
        or submission.target_model != model_label
        or submission.target_id is None
    ):
        raise KeyReused
    return submission.target_id
