"""More rows of one dossier section: the next page of a long timeline, for instance.

With htmx (the "Toon de volgende 20" link on the dossier page) only the rows and the next link are
returned, in place of the link; without JavaScript the same address is a page of that section.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from wio.audit import services as audit

from .. import selectors
from ..section_pages import section_rows as rows_of
from ..sections import section_or_404
from .common import case_worker_required, is_htmx


def _start(request: HttpRequest) -> int:
    value = request.GET.get("vanaf", "")
    return max(int(value), 0) if value.isdigit() else 0


@case_worker_required
@require_GET
def section_rows(request: HttpRequest, case_id: int, section: str) -> HttpResponse:
    spec = section_or_404(section)
    case = selectors.get_case_for_user_or_404(request, case_id)
    shown = rows_of(spec, case, _start(request))
    audit.record_read(
        request=request, objects=[case], event_type="case.section", detail={"section": spec.slug}
    )
    context = {"case": case, "section": spec, "shown": shown, "today": timezone.localdate()}
    if is_htmx(request):
        return render(request, "cases/sections/rows_chunk.html", context)
    return render(request, "cases/sections/section_page.html", context)
