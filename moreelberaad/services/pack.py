"""Generating the preparation pack PDF: asked for in a request, made by a Celery task."""

import hashlib

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation

from cases.storage import private_storage
from wio.audit import services as audit
from wio.audit.constants import Action
from wio.file_writes import store_atomically
from wio.outbox import services as outbox
from wio.pdf import render_pdf

from ..models import Beraad
from ..pack import build_pack, sharing_fingerprint
from ..pack_files import PdfMeta, meta_name, pdf_name
from ..tasks_pack import PACK_TOPIC, generate_pack_pdf_job
from .common import record

PACK_PDF_TEMPLATE = "moreelberaad/pack/pdf.html"


@transaction.atomic
def pack_pdf_request(*, beraad: Beraad, actor: audit.Actor) -> None:
    """A job in this transaction; the page shows "being generated" from it, or that it failed."""
    record(actor, beraad, Action.EXECUTE, "beraad.pack_pdf.request")
    outbox.enqueue(
        generate_pack_pdf_job,
        topic=PACK_TOPIC,
        subject_id=beraad.pk,
        key=f"{PACK_TOPIC}:{beraad.pk}",
        again=True,  # one job per beraad: asking while it runs changes nothing, afterwards makes it anew
        max_attempts=3,
        beraad_id=beraad.pk,
        requested_by_id=actor.user.pk if actor.user else None,
    )


def pack_pdf_generate(*, beraad: Beraad, actor: audit.Actor) -> PdfMeta:
    """Render the pack as it is now and store it; running it twice just replaces the file.

    The fingerprint is taken *before* the pack is built: a consent withdrawn while rendering then
    makes the fingerprint differ at download time, so the file is never served.
    """
    fingerprint = sharing_fingerprint(beraad)
    pack = build_pack(beraad)
    with translation.override(settings.LANGUAGE_CODE):
        _html, pdf = render_pdf(PACK_PDF_TEMPLATE, {"pack": pack})
    meta = PdfMeta(
        sha256=hashlib.sha256(pdf).hexdigest(),
        fingerprint=fingerprint,
        generated_at=timezone.now(),
        shares_case_information=pack.case is not None,
    )
    storage = private_storage()
    # Each file whole or not at all; the sidecar last, so it never describes a PDF not yet in place.
    store_atomically(storage, pdf_name(beraad.pk), [pdf])
    store_atomically(storage, meta_name(beraad.pk), [meta.to_json()])
    record(
        actor,
        beraad,
        Action.CREATE,
        "beraad.pack_pdf.generate",
        {"size": len(pdf), "case_information": meta.shares_case_information},
    )
    return meta
