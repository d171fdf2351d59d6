"""The published monitor tables per reporting date, read-only, for ministries and project staff.

Only editions already stored are offered: reading the API never publishes a date (that stays the
project staff's step, ADR 0017), so no request can make WIO count anew.
"""

from datetime import date

from django.core.exceptions import PermissionDenied
from django.http import Http404

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from monitor.models import Publication
from monitor.permissions import can_read_published_reports
from monitor.publications.cells import NATIONAL
from monitor.publications.editions import latest_edition, tables_for
from wio.api.views import ClientApiView
from wio.audit import services as audit
from wio.audit.constants import Action, Purpose

from .serializers import EditionSerializer, PublicationSerializer, table_data

DENIED = {403: OpenApiResponse(description="Alleen voor ministeries en projectmedewerkers.")}


def _edition_data(publication: Publication) -> dict[str, object]:
    return {
        "peildatum": publication.reporting_date,
        "edition": publication.edition,
        "published_at": publication.created_at,
        "reason": publication.reason,
    }


def _require_reader(request: Request) -> None:
    if not can_read_published_reports(request.user):
        raise PermissionDenied


def _record(request: Request, peildatum: date | None) -> None:
    audit.record_event(
        actor=audit.actor_from(request=request._request),
        action=Action.READ,
        event_type="monitor.api_tables",
        purpose=Purpose.MONITORING,
        detail={"peildatum": peildatum.isoformat() if peildatum else "", "via": "api"},
    )


class EditionListView(ClientApiView):
    @extend_schema(
        operation_id="monitor_peildata",
        summary="Peildata met gepubliceerde tabellen",
        responses={200: EditionSerializer(many=True), **DENIED},
    )
    def get(self, request: Request) -> Response:
        _require_reader(request)
        editions = Publication.objects.order_by("-reporting_date", "-edition").only(
            "reporting_date", "edition", "created_at", "reason"
        )
        newest: dict[date, Publication] = {}
        for publication in editions:  # a few per year: the newest edition of each date, in Python
            newest.setdefault(publication.reporting_date, publication)
        _record(request, None)
        return Response(EditionSerializer([_edition_data(p) for p in newest.values()], many=True).data)


class PublicationView(ClientApiView):
    @extend_schema(
        operation_id="monitor_tabellen",
        summary="De gepubliceerde tabellen van één peildatum (nieuwste editie)",
        responses={
            200: PublicationSerializer,
            404: OpenApiResponse(description="Niets gepubliceerd."),
            **DENIED,
        },
    )
    def get(self, request: Request, peildatum: date) -> Response:
        _require_reader(request)
        publication = latest_edition(peildatum)
        if publication is None:
            raise Http404
        _record(request, peildatum)
        tables = [table_data(slug, table) for slug, table in tables_for(publication, NATIONAL).items()]
        data = {**_edition_data(publication), "suppression_k": publication.suppression_k, "tables": tables}
        return Response(PublicationSerializer(data).data)
