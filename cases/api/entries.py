"""Endpoints for the entries of a dossier section (tijdlijn, betrokkenen, acties): the section's
own form validates, the same services write, and every read and write is audited."""

from typing import Any, ClassVar

from django.db.models import Model
from django.shortcuts import get_object_or_404

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response

from wio.api.idempotency import KeyReused, idempotency_key, replayed_target
from wio.api.pagination import paginated
from wio.api.preconditions import PreconditionFailed, expected_version, with_etag
from wio.api.views import ClientApiView
from wio.audit import services as audit
from wio.submissions.services import AlreadySubmitted

from .. import services
from ..sections import Section, section_or_404
from . import serializers
from .forms import errors_of, form_data
from .views import ERRORS, IDEMPOTENCY_KEY, IF_MATCH, PRECONDITIONS, actor, case_or_404, editable_case_or_404


class SectionApi:
    section_slug: ClassVar[str]
    read_serializer: ClassVar[type]
    write_extra: ClassVar[tuple[str, ...]] = ()

    @property
    def section(self) -> Section:
        return section_or_404(self.section_slug)

    def accepted(self) -> list[str]:
        return [*self.section.form.Meta.fields, *self.write_extra]  # type: ignore[attr-defined]

    def entry_or_404(self, case: Any, entry_id: int) -> Any:
        return get_object_or_404(
            self.section.model._default_manager.select_related("case"), pk=entry_id, case=case
        )

    def event(self, verb: str) -> str:
        return f"case.{self.section.model._meta.model_name}.{verb}"

    def read(self, request: Request, entry: Model, code: int = status.HTTP_200_OK) -> Response:
        audit.record_read(
            request=request._request, objects=[entry], event_type=self.event("detail"), detail={"via": "api"}
        )
        return with_etag(Response(self.read_serializer(entry).data, status=code), entry)


class EntryListView(SectionApi, ClientApiView):
    def get(self, request: Request, case_id: int) -> Response:
        case = case_or_404(request, case_id)
        paginator = PageNumberPagination()
        entries = (
            self.section.model._default_manager.filter(case=case)
            .select_related("case")
            .prefetch_related(*self.section.form.many_fields)  # the people a timeline entry names
            .order_by("id")
        )
        page = paginator.paginate_queryset(entries, request, view=self) or []
        audit.record_read(
            request=request._request, objects=page, event_type=self.event("list"), detail={"via": "api"}
        )
        return paginator.get_paginated_response(self.read_serializer(page, many=True).data)

    def post(self, request: Request, case_id: int) -> Response:
        case = editable_case_or_404(request, case_id)
        key = idempotency_key(request)
        form = self.section.form(
            form_data(self.section.form, request.data, accepted=self.accepted(), key=key), case=case
        )
        if not form.is_valid():
            raise ValidationError(errors_of(form))
        try:
            entry = services.entry_create(
                model=self.section.model,
                case=case,
                actor=actor(request),
                data=form.entry_data(),
                many=form.many_data(),
                submission_key=key,
            )
        except AlreadySubmitted as repeat:
            entry_id = replayed_target(
                repeat, request=request, model_label=self.section.model._meta.label_lower
            )
            made = self.section.model._default_manager.filter(pk=entry_id, case=case).first()
            if made is None:  # the key made an entry of another case
                raise KeyReused from None
            entry = made
        return self.read(request, entry, status.HTTP_201_CREATED)


class EntryDetailView(SectionApi, ClientApiView):
    def get(self, request: Request, case_id: int, entry_id: int) -> Response:
        return self.read(request, self.entry_or_404(case_or_404(request, case_id), entry_id))

    def patch(self, request: Request, case_id: int, entry_id: int) -> Response:
        case = editable_case_or_404(request, case_id)
        entry = self.entry_or_404(case, entry_id)
        version = expected_version(request)
        data = form_data(
            self.section.form, request.data, instance=entry, accepted=self.accepted(), version=version
        )
        form = self.section.form(data, instance=entry, case=case)
        if not form.is_valid():
            raise ValidationError(errors_of(form))
        try:
            entry = services.entry_update(
                entry=entry,
                actor=actor(request),
                data=form.entry_data(),
                many=form.many_data(),
                expected_version=version,
            )
        except services.ConflictError as conflict:
            raise PreconditionFailed from conflict
        return with_etag(Response(self.read_serializer(entry).data), entry)


def _own(method: Any, **schema: Any) -> Any:
    """A copy of an inherited handler with its own schema: extend_schema marks the function it gets."""

    def handler(self: Any, *args: Any, **kwargs: Any) -> Any:
        return method(self, *args, **kwargs)

    return extend_schema(**schema)(handler)


def section_views(slug: str, read: type, write: type, extra: tuple[str, ...] = ()) -> tuple[Any, Any]:
    """The list and detail views of one section, each with its own schema operations."""
    tags = [slug]
    own_errors = {403: OpenApiResponse(description="Alleen lezen."), **ERRORS}
    list_view = type(
        f"{read.__name__}ListView",
        (EntryListView,),
        {
            "section_slug": slug,
            "read_serializer": read,
            "write_extra": extra,
            "get": _own(
                EntryListView.get,
                operation_id=f"{slug}_list",
                tags=tags,
                responses={200: paginated(read), **ERRORS},
            ),
            "post": _own(
                EntryListView.post,
                operation_id=f"{slug}_create",
                tags=tags,
                request=write,
                parameters=[IDEMPOTENCY_KEY],
                responses={201: read, **own_errors},
            ),
        },
    )
    detail_view = type(
        f"{read.__name__}DetailView",
        (EntryDetailView,),
        {
            "section_slug": slug,
            "read_serializer": read,
            "write_extra": extra,
            "get": _own(
                EntryDetailView.get, operation_id=f"{slug}_read", tags=tags, responses={200: read, **ERRORS}
            ),
            "patch": _own(
                EntryDetailView.patch,
                operation_id=f"{slug}_update",
                tags=tags,
                request=write,
                parameters=[IF_MATCH],
                responses={200: read, **own_errors, **PRECONDITIONS},
            ),
        },
    )
    return list_view, detail_view


TimelineList, TimelineDetail = section_views(
    "tijdlijn", serializers.TimelineEntrySerializer, serializers.TimelineEntryWriteSerializer
)
InvolvedList, InvolvedDetail = section_views(
    "betrokkenen",
    serializers.InvolvedSerializer,
    serializers.InvolvedWriteSerializer,
    extra=(serializers.CONFIRM_SAME_PERSON,),
)
ActionList, ActionDetail = section_views(
    "acties", serializers.ActionItemSerializer, serializers.ActionItemWriteSerializer
)
