"""Attaching files to a case, downloading them (audited) and removing them."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from wio.audit import services as audit
from wio.confirmation import confirmation_page, is_confirmed
from wio.submissions.services import AlreadySubmitted

from .. import selectors
from ..forms.attachments import AttachmentForm
from ..models import Attachment, Case
from ..services import attachments as services
from .common import actor, case_worker_required, editable_case_or_404

ANCHOR = "bijlagen"


def _attachment_of(case: Case, attachment_id: int) -> Attachment:
    """Only an attachment of this (already authorised) case; any other id is 404."""
    return get_object_or_404(Attachment.objects.select_related("case"), pk=attachment_id, case=case)


def _back_to_case(case: Case) -> HttpResponse:
    return redirect(f"{reverse('cases:detail', args=[case.pk])}#{ANCHOR}")


@case_worker_required
@require_http_methods(["GET", "POST"])
def attachment_add(request: HttpRequest, case_id: int) -> HttpResponse:
    case = editable_case_or_404(request, case_id)
    form = AttachmentForm(request.POST, request.FILES) if request.method == "POST" else AttachmentForm()
    if request.method == "POST" and form.is_valid():
        try:
            services.attachment_create(
                case=case,
                actor=actor(request),
                upload=form.cleaned_data["file"],
                description=form.cleaned_data["description"],
                submission_key=form.submission_key_value(),
            )
        except AlreadySubmitted:
            return _back_to_case(case)
        except ValidationError as error:
            form.add_error("file", error)
        else:
            messages.success(request, _("The file has been attached."))
            return _back_to_case(case)
    status = 422 if request.method == "POST" else 200
    return render(
        request, "cases/attachments/attachment_form.html", {"case": case, "form": form}, status=status
    )


@case_worker_required  # a FileResponse streams; common.View names HttpResponse
@require_GET
def attachment_download(request: HttpRequest, case_id: int, attachment_id: int) -> FileResponse:
    case = selectors.get_case_for_user_or_404(request, case_id)
    attachment = _attachment_of(case, attachment_id)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    audit.record_export(
        request=request,
        obj=attachment,
        event_type="case.attachment.download",
        detail={"content_type": attachment.content_type, "size": attachment.size},
    )
    response = FileResponse(
        handle, as_attachment=True, filename=attachment.original_name, content_type=attachment.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@case_worker_required
@require_http_methods(["GET", "POST"])
def attachment_delete(request: HttpRequest, case_id: int, attachment_id: int) -> HttpResponse:
    case = editable_case_or_404(request, case_id)
    attachment = _attachment_of(case, attachment_id)
    if is_confirmed(request, attachment.pk):
        services.attachment_delete(attachment=attachment, actor=actor(request))
        messages.success(request, _("The attachment has been removed."))
        return _back_to_case(case)
    audit.record_read(request=request, objects=[attachment], event_type="case.attachment.delete_form")
    context = {
        "case": case,
        "attachment": attachment,
        "back_url": f"{reverse('cases:detail', args=[case.pk])}#bijlagen",
        "irreversible": True,
        "danger": True,
    }
    return confirmation_page(
        request, "cases/attachments/attachment_confirm_delete.html", context, attachment.pk
    )
