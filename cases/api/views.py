"""The case endpoints: the same selectors, forms, predicates and services as the case pages."""

from typing import Any

from django.core.exceptions import PermissionDenied

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response

from wio.api.idempotency import HEADER, idempotency_key, replayed_target
from wio.api.pagination import paginated
from wio.api.preconditions import PreconditionFailed, expected_version, with_etag
from wio.api.views import ClientApiView
from wio.audit import services as audit
from wio.submissions.services import AlreadySubmitted

from .. import selectors, services
from ..forms.case import CONFIRM_SWV_CHANGE, CaseForm
from ..models import Case
from ..permissions import can_change_status, can_create_case, can_edit_case, gemeente_ids
from .forms import errors_of, form_data
from .serializers import CaseSerializer, CaseWriteSerializer, StatusChangeSerializer

CASE_FIELDS = [*CaseForm.Meta.fields, CONFIRM_SWV_CHANGE]
ERRORS = {
    400: OpenApiResponse(description="De gegevens zijn niet geldig; per veld de reden."),
    404: OpenApiResponse(description="Bestaat niet, of valt buiten de organisatie van de client."),
}
IF_MATCH = OpenApiParameter(
    "If-Match",
    str,
    OpenApiParameter.HEADER,
    required=True,
    description="De ETag van de laatst gelezen versie.",
)
IDEMPOTENCY_KEY = OpenApiParameter(
    HEADER,
    str,
    OpenApiParameter.HEADER,
    description="Een UUID; dezelfde sleutel nogmaals maakt geen tweede record maar geeft het eerste terug.",
)
PRECONDITIONS = {
    412: OpenApiResponse(description="De ETag in If-Match is verouderd: iemand anders wijzigde het record."),
    428: OpenApiResponse(description="If-Match ontbreekt."),
}


def actor(request: Request) -> audit.Actor:
    return audit.actor_from(request=request._request)


def case_or_404(request: Request, case_id: int) -> Case:
    return selectors.get_case_for_user_or_404(request._request, case_id)


def editable_case_or_404(request: Request, case_id: int) -> Case:
    case = case_or_404(request, case_id)
    if not can_edit_case(request.user, case):
        raise PermissionDenied
    return case


def read_case(request: Request, case: Case, *, created: bool = False) -> Response:
    audit.record_read(
        request=request._request, objects=[case], event_type="case.detail", detail={"via": "api"}
    )
    code = status.HTTP_201_CREATED if created else status.HTTP_200_OK
    return with_etag(Response(CaseSerializer(case).data, status=code), case)


class CaseListView(ClientApiView):
    @extend_schema(
        operation_id="cases_list", summary="Casussen van de organisatie", responses=paginated(CaseSerializer)
    )
    def get(self, request: Request) -> Response:
        paginator = PageNumberPagination()
        cases = selectors.cases_visible_to(request.user).order_by("id")
        page = paginator.paginate_queryset(cases, request, view=self) or []
        audit.record_read(
            request=request._request, objects=page, event_type="case.list", detail={"via": "api"}
        )
        return paginator.get_paginated_response(CaseSerializer(page, many=True).data)

    @extend_schema(
        operation_id="cases_create",
        summary="Een casus registreren",
        request=CaseWriteSerializer,
        parameters=[IDEMPOTENCY_KEY],
        responses={
            201: CaseSerializer,
            403: OpenApiResponse(description="Alleen leerplichtambtenaren."),
            **ERRORS,
        },
    )
    def post(self, request: Request) -> Response:
        if not can_create_case(request.user):
            raise PermissionDenied
        key = idempotency_key(request)
        form = CaseForm(
            form_data(CaseForm, request.data, accepted=CASE_FIELDS, key=key),
            gemeente_ids=gemeente_ids(request.user),
        )
        if not form.is_valid():
            raise ValidationError(errors_of(form))
        try:
            case = services.case_create(actor=actor(request), data=form.case_data(), submission_key=key)
        except AlreadySubmitted as repeat:
            case_id = replayed_target(repeat, request=request, model_label="cases.case")
            return read_case(request, case_or_404(request, case_id), created=True)
        return read_case(request, case, created=True)


class CaseDetailView(ClientApiView):
    @extend_schema(operation_id="cases_read", summary="Eén casus", responses={200: CaseSerializer, **ERRORS})
    def get(self, request: Request, case_id: int) -> Response:
        return read_case(request, case_or_404(request, case_id))

    @extend_schema(
        operation_id="cases_update",
        summary="Een casus wijzigen",
        request=CaseWriteSerializer,
        parameters=[IF_MATCH],
        responses={
            200: CaseSerializer,
            403: OpenApiResponse(description="Alleen lezen."),
            **ERRORS,
            **PRECONDITIONS,
        },
    )
    def patch(self, request: Request, case_id: int) -> Response:
        case = editable_case_or_404(request, case_id)
        version = expected_version(request)
        data = form_data(CaseForm, request.data, instance=case, accepted=CASE_FIELDS, version=version)
        form = CaseForm(data, instance=case, gemeente_ids=gemeente_ids(request.user))
        if not form.is_valid():
            raise ValidationError(errors_of(form))
        try:
            case = services.case_update(
                case=case, actor=actor(request), data=form.case_data(), expected_version=version
            )
        except services.ConflictError as conflict:
            raise PreconditionFailed from conflict
        return with_etag(Response(CaseSerializer(case).data), case)


class CaseStatusView(ClientApiView):
    @extend_schema(
        operation_id="cases_status",
        summary="De status van een casus veranderen",
        request=StatusChangeSerializer,
        parameters=[IF_MATCH],
        responses={
            200: CaseSerializer,
            403: OpenApiResponse(description="Niet toegestaan."),
            **ERRORS,
            **PRECONDITIONS,
        },
    )
    def post(self, request: Request, case_id: int) -> Response:
        case = case_or_404(request, case_id)
        version = expected_version(request)  # a step back or a closing is decided on what was read
        change = StatusChangeSerializer(data=request.data)
        change.is_valid(raise_exception=True)
        target: Any = change.validated_data["status"]
        if not can_change_status(request.user, case, target):
            raise PermissionDenied
        try:
            case = services.case_transition(
                case=case,
                to_status=target,
                actor=actor(request),
                note=change.validated_data.get("note", ""),
                by_hand=True,
                expected_version=version,
            )
        except services.ConflictError as conflict:
            raise PreconditionFailed from conflict
        return with_etag(Response(CaseSerializer(case).data), case)
