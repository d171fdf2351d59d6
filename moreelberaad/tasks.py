"""Background work of the Moreel Beraad: sending invitations after the transaction commits."""

import smtplib

from celery import shared_task

from .services.invitations import invitation_deliver
from .tasks_pack import generate_pack_pdf  # registered here, where the worker's autodiscovery looks

__all__ = ["generate_pack_pdf", "send_invitation", "send_outcome", "send_removal_cancellation"]


@shared_task(
    autoretry_for=(smtplib.SMTPException, ConnectionError),
    retry_backoff=True,
    max_retries=3,
)
def send_invitation(participant_id: int, sequence: int, method: str) -> bool:
    """E-mail one participant one version (SEQUENCE) of the invitation or its cancellation.

    Idempotent: a retried or redelivered task finds the send already claimed and does nothing; an
    SMTP failure rolls the claim back, so the automatic retry sends it after all.
    """
    return invitation_deliver(participant_id=participant_id, sequence=sequence, method=method)


@shared_task(
    autoretry_for=(smtplib.SMTPException, ConnectionError),
    retry_backoff=True,
    max_retries=3,
)
def send_outcome(participant_id: int) -> bool:
    """E-mail one participant without a login the agreed outcome, at most once."""
    from .services.outcome_mail import outcome_deliver

    return outcome_deliver(participant_id=participant_id)


@shared_task(
    autoretry_for=(smtplib.SMTPException, ConnectionError),
    retry_backoff=True,
    max_retries=3,
)
def send_removal_cancellation(beraad_id: int, name: str, email: str) -> bool:
    """Tell someone taken off the table that their invitation no longer stands."""
    from .services.invitations import removal_cancellation_deliver

    return removal_cancellation_deliver(beraad_id=beraad_id, name=name, email=email)
