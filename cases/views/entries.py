"""Adding, changing and removing dossier entries: in place with htmx, or as plain pages."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Model, ProtectedError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from django_htmx.http import reswap, retarget

from wio.audit import services as audit
from wio.confirmation import confirmation_page, is_confirmed
from wio.submissions.services import AlreadySubmitted
from wio.version_token import posted_version

from .. import services
from ..forms.base import CONFLICT_MESSAGE, with_version
from ..models import Case, Consent, Narrative, Plan
from ..section_pages import section_rows
from ..sections import Section, section_or_404
from .common import actor, case_worker_required, editable_case_or_404, is_htmx, warn_about_health_terms


def _entry_or_404(section: Section, case: Case, entry_id: int) -> Any:
    return get_object_or_404(section.model._default_manager.select_related("case"), pk=entry_id, case=case)


def _section_response(request: HttpRequest, case: Case, section: Section) -> HttpResponse:
    """After a save: the refreshed section for htmx, or back to the dossier."""
    if not is_htmx(request):
        return redirect(f"{reverse('cases:detail', args=[case.pk])}#{section.slug}")
    return render(
        request,
        "cases/sections/section.html",
        {
            "case": case,
            "section": section,
            "shown": section_rows(section, case, 0),
            "oob_messages": True,
            "today": timezone.localdate(),
        },
    )


def _form_response(
    request: HttpRequest,
    case: Case,
    section: Section,
    form: Any,
    entry: Model | None,
    status: int = 200,
    conflict: str | Promise = "",
) -> HttpResponse:
    context = {"case": case, "section": section, "form": form, "entry": entry, "conflict": conflict}
    if is_htmx(request):
        context["inline"] = True
        response = render(request, "cases/sections/entry_form.html", context, status=status)
        # A form with errors replaces only the form, not the whole section.
        if request.method == "POST":
            return reswap(retarget(response, f"#{section.slug}-form"), "innerHTML")
        return response
    return render(request, "cases/entry_page.html", context, status=status)


@case_worker_required
@require_http_methods(["GET", "POST"])
def entry_add(request: HttpRequest, case_id: int, section: str) -> HttpResponse:
    spec = section_or_404(section)
    case = editable_case_or_404(request, case_id)
    form = spec.form(request.POST or None, case=case)
    if request.method == "POST" and form.is_valid():
        try:
            services.entry_create(
                model=spec.model,
                case=case,
                actor=actor(request),
                data=form.entry_data(),
                many=form.many_data(),
                submission_key=form.submission_key_value(),
            )
        except AlreadySubmitted:
            return _section_response(request, case, spec)
        except ValidationError as error:
            form.add_error(None, error)
            return _form_response(request, case, spec, form, None, status=422)
        messages.success(request, _("Saved in “%(section)s”.") % {"section": spec.title})
        warn_about_health_terms(request, form)
        return _section_response(request, case, spec)
    status = 422 if request.method == "POST" else 200
    return _form_response(request, case, spec, form, None, status=status)


@case_worker_required
@require_http_methods(["GET", "POST"])
def entry_edit(request: HttpRequest, case_id: int, section: str, entry_id: int) -> HttpResponse:
    spec = section_or_404(section)
    case = editable_case_or_404(request, case_id)
    entry = _entry_or_404(spec, case, entry_id)
    form = spec.form(request.POST or None, instance=entry, initial=with_version(entry), case=case)
    if request.method == "POST" and form.is_valid():
        try:
            services.entry_update(
                entry=entry,
                actor=actor(request),
                data=form.entry_data(),
                many=form.many_data(),
                expected_version=form.expected_version(),
            )
        except services.ConflictError as conflict:
            fresh = spec.form(instance=conflict.current, initial=with_version(conflict.current), case=case)
            return _form_response(
                request, case, spec, fresh, conflict.current, status=409, conflict=CONFLICT_MESSAGE
            )
        except ValidationError as error:
            form.add_error(None, error)
            return _form_response(request, case, spec, form, entry, status=422)
        messages.success(request, _("Saved in “%(section)s”.") % {"section": spec.title})
        warn_about_health_terms(request, form)
        return _section_response(request, case, spec)
    if request.method == "GET":
        audit.record_read(
            request=request, objects=[entry], event_type=f"case.{spec.model._meta.model_name}.detail"
        )
    status = 422 if request.method == "POST" else 200
    return _form_response(request, case, spec, form, entry, status=status)


def _entry_name(spec: Section, entry: Any) -> str:
    """What the confirmation calls the entry, in words (dates written out, never an id)."""
    if isinstance(entry, Consent):
        return f"{entry.person.name}: {entry.get_scope_display()}"
    if isinstance(entry, Plan | Narrative):
        return str(spec.title)
    return str(getattr(entry, "choice_label", None) or entry)


@case_worker_required
@require_http_methods(["GET", "POST"])
def entry_delete(request: HttpRequest, case_id: int, section: str, entry_id: int) -> HttpResponse:
    spec = section_or_404(section)
    case = editable_case_or_404(request, case_id)
    entry = _entry_or_404(spec, case, entry_id)
    back_url = f"{reverse('cases:detail', args=[case.pk])}#{spec.slug}"
    if is_confirmed(request, entry.version):
        try:
            services.entry_delete(
                entry=entry, actor=actor(request), expected_version=posted_version(request.POST)
            )
        except services.ConflictError:
            messages.error(request, CONFLICT_MESSAGE)
        except ProtectedError:  # e.g. a person whose consent is on record
            messages.error(
                request,
                _("This cannot be removed because other records refer to it (for example a consent)."),
            )
        else:
            messages.success(request, _("Removed from “%(section)s”.") % {"section": spec.title})
        return redirect(back_url)
    context = {
        "case": case,
        "section": spec,
        "entry": entry,
        "entry_name": _entry_name(spec, entry),
        "back_url": back_url,
        "irreversible": True,
        "danger": True,
    }
    return confirmation_page(request, "cases/entry_confirm_delete.html", context, entry.version)
