"""Generating the preparation pack PDF: asked for in a request, made by a Celery task."""

import hashlib

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from django.db import transaction
from django.utils import timezone, translation

from cases.storage import private_storage
from wio.audit import services as audit
from wio.audit.constants import Action
from wio.pdf import render_pdf

from ..models import Beraad
from ..pack import build_pack, sharing_fingerprint
from ..pack_files import PdfMeta, clear_requested, mark_requested, meta_name, pdf_name
from ..tasks_pack import generate_pack_pdf
from .common import record

PACK_PDF_TEMPLATE = "moreelberaad/pack/pdf.html"


@transaction.atomic
def pack_pdf_request(*, beraad: Beraad, actor: audit.Actor) -> None:
    """Queue the PDF after the transaction commits; the page shows "being generated" meanwhile."""
    requested_at = timezone.now()
    record(actor, beraad, Action.EXECUTE, "beraad.pack_pdf.request")
    # Marked before the task is queued (in the embedded demo the task runs inside `delay`).
    transaction.on_commit(lambda: mark_requested(beraad.pk, requested_at))
    requested_by = actor.user.pk if actor.user else None
    # celery-types does not know DjangoTask.delay_on_commit (Celery 5.4+).
    generate_pack_pdf.delay_on_commit(beraad.pk, requested_by)  # type: ignore[attr-defined]


def _replace(storage: Storage, name: str, content: bytes) -> None:
    """Write `name`, replacing what was there (storage.save would pick a fresh name instead)."""
    if storage.exists(name):
        storage.delete(name)
    saved = storage.save(name, ContentFile(content))
    if saved != name:  # another worker wrote the same file at the same moment; theirs is as fresh
        storage.delete(saved)


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
    _replace(storage, pdf_name(beraad.pk), pdf)
    _replace(storage, meta_name(beraad.pk), meta.to_json())
    clear_requested(beraad.pk)  # also ends "being generated" if web and worker clocks disagree
    record(
        actor,
        beraad,
        Action.CREATE,
        "beraad.pack_pdf.generate",
        {"size": len(pdf), "case_information": meta.shares_case_information},
    )
    return meta
