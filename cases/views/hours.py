"""Hours: the overview per municipality, registering hours on a case or the project, removing them."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from wio.audit import services as audit
from wio.confirmation import confirmation_page, is_confirmed
from wio.submissions.services import AlreadySubmitted

from .. import hours as selectors
from ..forms.hours import ProjectHoursForm, TimeEntryForm
from ..models import TimeEntry
from ..selectors import get_case_for_user_or_404
from ..services import hours as services
from .common import actor, case_worker_required

PAGE_SIZE = 25
CASE_ANCHOR = "uren"
BACK_TO_OVERVIEW = "overzicht"


def _overview_url(gemeente_id: int) -> str:
    return f"{reverse('cases:hours_overview')}?gemeente={gemeente_id}"


@case_worker_required
@require_GET
def hours_overview(request: HttpRequest) -> HttpResponse:
    if not selectors.can_see_hours_overview(request.user):
        raise PermissionDenied
    gemeente = selectors.gemeente_for_hours_or_404(request.user, request.GET.get("gemeente"))
    entries = selectors.time_entries_of(request.user, gemeente)
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    audit.record_read(request=request, objects=page.object_list, event_type="case.time_entry.list")
    context = {
        "overview": selectors.hours_overview(request.user, gemeente),
        "gemeenten": selectors.hours_gemeenten_for(request.user),
        "page": page,
        "query": f"gemeente={gemeente.pk}",
        "deletable": {
            entry.pk for entry in page.object_list if selectors.can_delete_time_entry(request.user, entry)
        },
    }
    return render(request, "cases/hours/overview.html", context)


@case_worker_required
@require_http_methods(["GET", "POST"])
def hours_add(request: HttpRequest) -> HttpResponse:
    """Hours on the project in one of the officer's municipalities, not on a case."""
    if not selectors.can_see_hours_overview(request.user):
        raise PermissionDenied
    gemeenten = selectors.hours_gemeenten_for(request.user)
    data = request.POST if request.method == "POST" else None
    form = ProjectHoursForm(data, gemeenten=gemeenten, initial={"gemeente": request.GET.get("gemeente")})
    if request.method == "POST" and form.is_valid():
        gemeente = form.cleaned_data["gemeente"]
        if not selectors.can_record_project_hours(request.user, gemeente.pk):
            raise PermissionDenied
        try:
            services.time_entry_create(actor=actor(request), gemeente=gemeente, **form.entry_data())
        except AlreadySubmitted:
            return redirect(_overview_url(gemeente.pk))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The hours have been registered."))
            return redirect(_overview_url(gemeente.pk))
    status = 422 if request.method == "POST" else 200
    return render(request, "cases/hours/entry_form.html", {"form": form, "case": None}, status=status)


@case_worker_required
@require_http_methods(["GET", "POST"])
def case_hours_add(request: HttpRequest, case_id: int) -> HttpResponse:
    case = get_case_for_user_or_404(request, case_id)
    if not selectors.can_record_case_hours(request.user, case):
        raise PermissionDenied
    form = TimeEntryForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.time_entry_create(actor=actor(request), case=case, **form.entry_data())
        except AlreadySubmitted:
            return redirect(f"{reverse('cases:detail', args=[case.pk])}#{CASE_ANCHOR}")
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The hours have been registered."))
            return redirect(f"{reverse('cases:detail', args=[case.pk])}#{CASE_ANCHOR}")
    status = 422 if request.method == "POST" else 200
    return render(request, "cases/hours/entry_form.html", {"form": form, "case": case}, status=status)


@case_worker_required
@require_http_methods(["GET", "POST"])
def hours_delete(request: HttpRequest, entry_id: int) -> HttpResponse:
    entry = selectors.get_time_entry_for_user_or_404(request, entry_id)
    if not selectors.can_delete_time_entry(request.user, entry):
        raise PermissionDenied
    if is_confirmed(request, entry.pk):
        services.time_entry_delete(entry=entry, actor=actor(request))
        messages.success(request, _("The hours have been removed."))
        return redirect(_after_delete(request, entry))
    audit.record_read(request=request, objects=[entry], event_type="case.time_entry.delete_form")
    context = {
        "entry": entry,
        "back": _back_choice(request),
        "back_url": _after_delete(request, entry),
        "irreversible": True,
        "danger": True,
    }
    return confirmation_page(request, "cases/hours/entry_confirm_delete.html", context, entry.pk)


def _back_choice(request: HttpRequest) -> str:
    """Where the user came from: the overview or the case page (a fixed choice, never a URL)."""
    value = request.POST.get("back") or request.GET.get("back") or ""
    return BACK_TO_OVERVIEW if value == BACK_TO_OVERVIEW else ""


def _after_delete(request: HttpRequest, entry: TimeEntry) -> str:
    on_case_page = entry.case_id is not None and _back_choice(request) != BACK_TO_OVERVIEW
    if on_case_page or not selectors.can_see_hours_overview(request.user):
        return f"{reverse('cases:detail', args=[entry.case_id])}#{CASE_ANCHOR}"
    return _overview_url(entry.gemeente_id)
