"""CSV import of cases by an officer into their own municipality: upload, preview, commit."""

from functools import wraps
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from wio.audit import services as audit
from wio.audit.constants import Purpose

from .. import imports, services
from ..forms.imports import CaseImportForm
from ..models import CaseImport
from ..permissions import can_import_cases, gemeente_ids
from .common import View, actor, case_worker_required

TEMPLATE_FILENAME = "wio-import-sjabloon.csv"


def importer_required(view: View) -> View:
    """A case worker who may also register cases (officers; not coordinators)."""

    @case_worker_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not can_import_cases(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def _own_import_or_404(request: HttpRequest, import_id: int) -> CaseImport:
    """The uploader's own import; anyone else's answers 404, and that refusal is recorded."""
    case_import = imports.import_of_uploader(request.user, import_id)
    if case_import is None:
        if imports.import_exists(import_id):
            audit.record_denial(
                request=request,
                event_type="case_import.out_of_scope",
                purpose=Purpose.CASE_MANAGEMENT,
                obj_type="cases.caseimport",
                obj_id=import_id,
            )
        raise Http404
    return case_import


def _already_imported(request: HttpRequest, created: int) -> None:
    messages.info(
        request,
        ngettext(
            "This file has already been imported; %(count)d case was created then. Nothing was changed.",
            "This file has already been imported; %(count)d cases were created then. Nothing was changed.",
            created,
        )
        % {"count": created},
    )


@importer_required
@require_http_methods(["GET"])
def import_template(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(imports.template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{TEMPLATE_FILENAME}"'
    return response


@importer_required
@require_http_methods(["GET", "POST"])
def import_upload(request: HttpRequest) -> HttpResponse:
    form = CaseImportForm(
        request.POST or None, request.FILES or None, gemeente_ids=gemeente_ids(request.user)
    )
    if request.method == "POST" and form.is_valid():
        case_import = services.case_import_upload(
            actor=actor(request),
            gemeente=form.cleaned_data["gemeente"],
            content=form.cleaned_data["csv_file"],
        )
        return redirect("cases:import_preview", import_id=case_import.pk)
    context = {
        "form": form,
        "columns": imports.COLUMNS,
        "max_rows": imports.MAX_ROWS,
    }
    return render(
        request, "cases/import/upload.html", context, status=422 if request.method == "POST" else 200
    )


@importer_required
@require_http_methods(["GET"])
def import_preview(request: HttpRequest, import_id: int) -> HttpResponse:
    case_import = _own_import_or_404(request, import_id)
    if case_import.committed_at is not None:
        _already_imported(request, case_import.created_count)
        return redirect("cases:import_upload")
    preview = imports.preview_import(
        content=case_import.content, gemeente_id=case_import.gemeente_id, today=timezone.localdate()
    )
    # The page shows the file's names and those of the youths already registered: both are reads.
    audit.record_read(request=request, objects=[case_import], event_type="case_import.preview")
    audit.record_read(request=request, objects=preview.existing_cases, event_type="case.import_duplicate")
    return render(request, "cases/import/preview.html", {"case_import": case_import, "preview": preview})


@importer_required
@require_POST
def import_commit(request: HttpRequest, import_id: int) -> HttpResponse:
    case_import = _own_import_or_404(request, import_id)
    try:
        result = services.case_import_commit(case_import=case_import, actor=actor(request))
    except services.ImportInvalidError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("cases:import_preview", import_id=case_import.pk)
    if result.already_committed:
        _already_imported(request, result.created)
        return redirect("cases:list")
    if result.created == 0:
        messages.info(
            request,
            _("No new cases: every youth in the file is already registered in %(gemeente)s.")
            % {"gemeente": case_import.gemeente.name},
        )
        return redirect("cases:list")
    messages.success(
        request,
        ngettext(
            "%(count)d case has been imported into %(gemeente)s.",
            "%(count)d cases have been imported into %(gemeente)s.",
            result.created,
        )
        % {"count": result.created, "gemeente": case_import.gemeente.name},
    )
    return redirect("cases:list")
