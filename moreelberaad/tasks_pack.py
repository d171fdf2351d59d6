"""Background work of the preparation pack: rendering its PDF (WeasyPrint is slow for a request)."""

from celery import shared_task

from wio.accounts.models import User
from wio.audit import services as audit

from .models import Beraad


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=3)
def generate_pack_pdf(beraad_id: int, requested_by_id: int | None) -> bool:
    """Re-fetch and render; returns whether a file was written. Idempotent: a redelivered task just
    writes the same pack again under the same name."""
    # Imported here because the service module imports this one (that import is what registers the
    # task with a worker, which autodiscovers only `moreelberaad.tasks` and what it imports).
    from .services.pack import pack_pdf_generate

    beraad = Beraad.objects.select_related("case").filter(pk=beraad_id).first()
    if beraad is None:
        return False  # deleted since it was requested
    user = User.objects.filter(pk=requested_by_id).first() if requested_by_id else None
    actor = audit.actor_from(user=user, label="" if user else "system")
    pack_pdf_generate(beraad=beraad, actor=actor)
    return True
