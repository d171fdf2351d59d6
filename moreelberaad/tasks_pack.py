"""Background work of the preparation pack: rendering its PDF (WeasyPrint is slow for a request)."""

from typing import Any

from wio.accounts.models import User
from wio.audit import services as audit
from wio.outbox.handlers import job_handler

from .models import Beraad

PACK_TOPIC = "moreelberaad.pack_pdf"


@job_handler()
def generate_pack_pdf_job(job: Any, beraad_id: int, requested_by_id: int | None) -> bool:
    """Errors propagate: the outbox retries, and the page offers "try again" once it gives up."""
    return generate_pack_pdf(beraad_id, requested_by_id)


def generate_pack_pdf(beraad_id: int, requested_by_id: int | None) -> bool:
    """Re-fetch and render; returns whether a file was written. Idempotent: run again, it just
    writes the same pack again under the same name (whole or not at all)."""
    # Imported here because the service module imports this one to enqueue the job.
    from .services.pack import pack_pdf_generate

    beraad = Beraad.objects.select_related("case").filter(pk=beraad_id).first()
    if beraad is None:
        return False  # deleted since it was requested
    user = User.objects.filter(pk=requested_by_id).first() if requested_by_id else None
    actor = audit.actor_from(user=user, label="" if user else "system")
    pack_pdf_generate(beraad=beraad, actor=actor)
    return True
