"""Downloads of the aggregate tables as CSV or XLSX, for a reporting date, for project staff.

Only reporting dates are offered (ADR 0017): `?peildatum=` names one, the latest by default, and the
file holds that date's stored publication, so a download shows the same cells as the pages and
reports of that edition. Each download is an audited export (NEN 7513 "E"); its detail names
the table and the format, nothing else.
"""

from collections.abc import Callable, Sequence
from datetime import date

from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from monitor.publications.cells import NATIONAL
from monitor.publications.editions import tables_for
from monitor.publications.exports import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE, build_csv, build_xlsx
from monitor.publications.reporting_dates import reporting_dates
from monitor.services.publications import publication_for
from monitor.statistics import counts
from monitor.statistics.tables import PublishedTable
from monitor.views.common import monitor_user_required
from wio.audit import services as audit
from wio.audit.constants import Action, Purpose

ALL_TABLES = "all"  # one file with every table (one sheet per table in XLSX)

Builder = Callable[[Sequence[PublishedTable], date], bytes]
FORMATS: dict[str, tuple[Builder, str]] = {
    "csv": (build_csv, CSV_CONTENT_TYPE),
    "xlsx": (build_xlsx, XLSX_CONTENT_TYPE),
}


def _reporting_date(request: HttpRequest) -> date:
    """The asked reporting date, else the latest; any other date has no numbers (404)."""
    dates = reporting_dates()
    asked = request.GET.get("peildatum")
    if not asked:
        if not dates:
            raise Http404
        return dates[0]
    try:
        chosen = date.fromisoformat(asked)
    except ValueError:
        raise Http404 from None
    if chosen not in dates:
        raise Http404
    return chosen


def _tables(slug: str, peildatum: date, request: HttpRequest) -> list[PublishedTable]:
    if slug != ALL_TABLES and slug not in counts.TABLES:
        raise Http404
    publication = publication_for(peildatum, audit.actor_from(request=request))
    tables = tables_for(publication, NATIONAL)
    return list(tables.values()) if slug == ALL_TABLES else [tables[slug]]


def _export(request: HttpRequest, slug: str, file_format: str) -> HttpResponse:
    peildatum = _reporting_date(request)
    tables = _tables(slug, peildatum, request)
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
