"""Downloads of the aggregate tables as CSV or XLSX, at today's peildatum, for project staff.

Everything goes through `monitor.counts.published_table`, so a download shows the same suppressed
values as the pages and reports. Each download is an audited export (NEN 7513 "E"); its detail names
the table and the format, nothing else.
"""

from collections.abc import Callable, Sequence
from datetime import date

from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from wio.audit import services as audit
from wio.audit.constants import Action, Purpose

from .. import counts
from ..exports import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE, build_csv, build_xlsx
from ..tables import PublishedTable
from .common import monitor_user_required

ALL_TABLES = "all"  # one file with every table (one sheet per table in XLSX)

Builder = Callable[[Sequence[PublishedTable], date], bytes]
FORMATS: dict[str, tuple[Builder, str]] = {
    "csv": (build_csv, CSV_CONTENT_TYPE),
    "xlsx": (build_xlsx, XLSX_CONTENT_TYPE),
}


def _tables(slug: str, peildatum: date) -> list[PublishedTable]:
    if slug == ALL_TABLES:
        return list(counts.published_tables(peildatum).values())
    if slug not in counts.TABLES:
        raise Http404
    return [counts.published_table(slug, peildatum)]


def _export(request: HttpRequest, slug: str, file_format: str) -> HttpResponse:
    peildatum = timezone.localdate()
    tables = _tables(slug, peildatum)
    build, content_type = FORMATS[file_format]
    audit.record_event(
        actor=audit.actor_from(request=request),
        action=Action.EXECUTE,
        event_type="monitor.export",
        purpose=Purpose.MONITORING,
        detail={"table": slug, "format": file_format},
    )
    response = HttpResponse(build(tables, peildatum), content_type=content_type)
    file_name = f"wio-{slug}-{peildatum.isoformat()}.{file_format}"
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    response["Cache-Control"] = "no-store"
    return response


@monitor_user_required
@require_GET
def export_csv(request: HttpRequest, table: str) -> HttpResponse:
    return _export(request, table, "csv")


@monitor_user_required
@require_GET
def export_xlsx(request: HttpRequest, table: str) -> HttpResponse:
    return _export(request, table, "xlsx")
