"""Background work of the Moreel Beraad: invitations, cancellations, outcome e-mails and the pack PDF.

Each is an outbox job (wio/outbox, ADR 0013), written in the transaction that asks for it: a broker
that is down delays the e-mail instead of losing it, and the panel shows each one's state from the
job row. The plain functions below are what a job runs; tests call them directly to play the worker.
"""

from typing import Any

from wio.outbox.handlers import job_handler

from .services.invitations import invitation_deliver
from .tasks_pack import (  # registered here, where the worker looks
    PACK_TOPIC,
    generate_pack_pdf,
    generate_pack_pdf_job,
)

__all__ = [
    "INVITATION_TOPIC",
    "OUTCOME_TOPIC",
    "PACK_TOPIC",
    "REMOVAL_TOPIC",
    "generate_pack_pdf",
    "generate_pack_pdf_job",
    "send_invitation",
    "send_invitation_job",
    "send_outcome",
    "send_outcome_job",
    "send_removal_cancellation",
    "send_removal_cancellation_job",
]

INVITATION_TOPIC = "moreelberaad.invitation"
OUTCOME_TOPIC = "moreelberaad.outcome"
REMOVAL_TOPIC = "moreelberaad.removal_cancellation"


def send_invitation(participant_id: int, sequence: int, method: str) -> bool:
    """E-mail one participant one version (SEQUENCE) of the invitation or its cancellation.

    Idempotent: a job run twice finds the e-mail's send record and sends nothing (wio/outbox/mail.py).
    """
    return invitation_deliver(participant_id=participant_id, sequence=sequence, method=method)


@job_handler()
def send_invitation_job(job: Any, participant_id: int, sequence: int, method: str) -> bool:
    return send_invitation(participant_id, sequence, method)


def send_outcome(participant_id: int) -> bool:
    """E-mail one participant without a login the agreed outcome, at most once."""
    from .services.outcome_mail import outcome_deliver

    return outcome_deliver(participant_id=participant_id)


@job_handler()
def send_outcome_job(job: Any, participant_id: int) -> bool:
    return send_outcome(participant_id)


def send_removal_cancellation(beraad_id: int, name: str, email: str, *, key: str = "") -> bool:
    """Tell someone taken off the table that their invitation no longer stands."""
    from .services.invitations import removal_cancellation_deliver

    return removal_cancellation_deliver(beraad_id=beraad_id, name=name, email=email, key=key)


@job_handler()
def send_removal_cancellation_job(job: Any, beraad_id: int, name: str, email: str) -> bool:
    return send_removal_cancellation(beraad_id, name, email, key=job.key or f"outbox-job:{job.pk}")
