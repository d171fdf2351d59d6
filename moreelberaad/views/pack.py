"""The preparation pack: a web page for everyone who may view the beraad, and its PDF."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from wio.audit import services as audit
from wio.audit.constants import Purpose
from wio.outbox.selectors import progress_of

from .. import selectors, services
from ..models import Beraad
from ..pack import build_pack
from ..pack_files import PdfState, pdf_state, servable_pdf
from ..tasks_pack import PACK_TOPIC
from .common import actor, beraad_user_required

STATUS_TEMPLATE = "moreelberaad/pack/pdf_status.html"


def _status_context(beraad: Beraad) -> dict[str, object]:
    state, meta = pdf_state(beraad)
    waiting = state == PdfState.PENDING and progress_of(PACK_TOPIC, beraad.pk).waiting_for_worker
    return {"beraad": beraad, "state": state, "states": PdfState, "meta": meta, "waiting": waiting}


@beraad_user_required
@require_GET
def pack_page(request: HttpRequest, beraad_id: int) -> HttpResponse:
    beraad = selectors.get_beraad_for_user_or_404(request, beraad_id)
    pack = build_pack(beraad)
    audit.record_read(
        request=request,
        objects=[beraad],
        event_type="beraad.pack",
        purpose=Purpose.MOREEL_BERAAD,
        detail={"case_information": pack.case is not None},
    )
    context = {"pack": pack, **_status_context(beraad)}
    return render(request, "moreelberaad/pack/page.html", context)


@beraad_user_required
@require_GET
def pack_pdf_status(request: HttpRequest, beraad_id: int) -> HttpResponse:
    """The small part of the page htmx polls while the PDF is being made; it holds no case data."""
    beraad = selectors.get_beraad_for_user_or_404(request, beraad_id)
    return render(request, STATUS_TEMPLATE, _status_context(beraad))


@beraad_user_required
@require_POST
def pack_pdf_request(request: HttpRequest, beraad_id: int) -> HttpResponse:
    beraad = selectors.get_beraad_for_user_or_404(request, beraad_id)
    services.pack_pdf_request(beraad=beraad, actor=actor(request))
    if getattr(request, "htmx", False):
        return render(request, STATUS_TEMPLATE, _status_context(beraad))
    if progress_of(PACK_TOPIC, beraad.pk).waiting_for_worker:
        messages.info(
            request,
            _(
                "The request is saved. The PDF generator cannot be reached right now; the PDF is made "
                "automatically as soon as it can, and this page shows when it is ready."
            ),
        )
    else:
        messages.info(request, _("The PDF is being generated; this page shows when it is ready."))
    return redirect("moreelberaad:pack", beraad_id=beraad.pk)


@beraad_user_required
@require_GET
def pack_pdf_download(request: HttpRequest, beraad_id: int) -> HttpResponse:
    beraad = selectors.get_beraad_for_user_or_404(request, beraad_id)
    stored = servable_pdf(beraad)
    if stored is None:
        messages.error(
            request,
            _(
                "There is no up-to-date PDF: consent, the participants or the beraad changed since it "
                "was made, or it was never made. Generate it again."
            ),
        )
        return redirect("moreelberaad:pack", beraad_id=beraad.pk)
    content, meta = stored
    audit.record_export(
        request=request,
        obj=beraad,
        event_type="beraad.pack_pdf.download",
        purpose=Purpose.MOREEL_BERAAD,
        detail={"sha256": meta.sha256, "case_information": meta.shares_case_information},
    )
    response = HttpResponse(content, content_type="application/pdf")
    # The file is passed on to participants: its name says which session, not which case (ADR 0016).
    filename = f"voorbereidingspakket-moreel-beraad-{beraad.pk}-sessie-{beraad.sequence_number}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
