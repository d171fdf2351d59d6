from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from wio.audit import services as audit
from wio.confirmation import confirmation_page, is_confirmed
from wio.submissions.services import AlreadySubmitted

from .. import selectors, services
from ..constants import BERAAD_MIRROR_STATUSES, PROJECT_CASES_PER_SWV, Status, hand_transitions
from ..extensions import case_panels
from ..forms.base import CONFLICT_MESSAGE, with_version
from ..forms.case import CaseFilterForm, CaseForm, StatusForm
from ..forms.destruction import DeleteInErrorForm
from ..hours import case_hours_totals
from ..models import Case
from ..permissions import (
    can_change_status,
    can_create_case,
    can_delete_case,
    can_edit_case,
    gemeente_ids,
)
from ..section_pages import dossier_sections
from ..sections import SECTIONS
from ..selectors_dossier import get_dossier_for_user_or_404
from .common import actor, case_worker_required
from .handover import handover_context

PAGE_SIZE = 25


def _filters_from(form: CaseFilterForm) -> selectors.CaseFilter:
    if not form.is_valid():
        return selectors.CaseFilter()
    data = form.cleaned_data
    project = {"yes": True, "no": False}.get(data.get("project_case") or "")
    return selectors.CaseFilter(
        query=data.get("q") or "",
        category=data.get("category") or "",
        status=data.get("status") or "",
        swv_id=data.get("swv"),
        gemeente_id=data.get("gemeente"),
        escalation=data.get("escalation") or "",
        project_case=project,
        ordering=data.get("ordering") or "-registered_on",
    )


FILTER_SESSION_KEY = "cases_list_filters"
# Typed names are only accepted by POST and kept in the session, never in a URL (DP-7).
NAME_FIELDS = frozenset({"q"})


def _stored_filters(request: HttpRequest) -> dict[str, str]:
    """The filters in use: the session's, with non-name filters from the URL taking precedence."""
    stored: dict[str, str] = dict(request.session.get(FILTER_SESSION_KEY, {}))
    from_url: dict[str, str] = {
        name: str(value)
        for name, value in request.GET.items()
        if name not in NAME_FIELDS and name not in ("page", "reset")
    }
    if from_url:
        stored = {**stored, **from_url}
        request.session[FILTER_SESSION_KEY] = stored
    return stored


@case_worker_required
@require_http_methods(["GET", "POST"])
def case_list(request: HttpRequest) -> HttpResponse:
    if request.GET.get("reset"):
        request.session.pop(FILTER_SESSION_KEY, None)
        return redirect("cases:list")
    if request.GET.get("clear_search"):
        request.session[FILTER_SESSION_KEY] = {**request.session.get(FILTER_SESSION_KEY, {}), "q": ""}
        return redirect("cases:list")
    swvs, gemeenten = selectors.filter_choices_for(request.user)
    if request.method == "POST":
        form = CaseFilterForm(request.POST, swvs=swvs, gemeenten=gemeenten)
        if form.is_valid():
            request.session[FILTER_SESSION_KEY] = {name: request.POST.get(name, "") for name in form.fields}
            return redirect("cases:list")
    else:
        stored = _stored_filters(request)
        form = CaseFilterForm(stored or None, swvs=swvs, gemeenten=gemeenten)
    filters = _filters_from(form)
    cases = selectors.case_list(request.user, filters, timezone.localdate())
    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("page"))
    audit.record_read(
        request=request,
        objects=page.object_list,
        event_type="case.search" if filters.query else "case.list",
    )
    return render(
        request,
        "cases/case_list.html",
        {
            "form": form,
            "page": page,
            "query": "",
            "filtered": form.is_bound,
            "search": filters.query,
            "today": timezone.localdate(),
            "project_counts": selectors.project_case_counts(request.user, swvs),
            "can_create": can_create_case(request.user),
        },
    )


def _sixth_case_warning(request: HttpRequest, swv_id: int, excluding: int | None) -> None:
    active = selectors.active_project_cases_in_swv(swv_id, excluding=excluding)
    if active >= PROJECT_CASES_PER_SWV:
        messages.warning(
            request,
            _(
                "This partnership now has %(count)d active project cases; the project follows "
                "%(quota)d per partnership. The case has been saved."
            )
            % {"count": active + 1, "quota": PROJECT_CASES_PER_SWV},
        )


@case_worker_required
@require_http_methods(["GET", "POST"])
def case_create(request: HttpRequest) -> HttpResponse:
    if not can_create_case(request.user):
        raise PermissionDenied
    form = CaseForm(request.POST or None, gemeente_ids=gemeente_ids(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            case = services.case_create(
                actor=actor(request), data=form.case_data(), submission_key=form.submission_key_value()
            )
        except AlreadySubmitted as repeat:
            return redirect("cases:detail", case_id=repeat.target_id)
        if case.is_project_case:
            _sixth_case_warning(request, case.swv_id, excluding=case.pk)
        messages.success(request, _("Case %(ref)s has been registered.") % {"ref": case.reference})
        return redirect("cases:detail", case_id=case.pk)
    status = 422 if request.method == "POST" else 200
    return render(request, "cases/case_form.html", {"form": form, "case": None}, status=status)


@case_worker_required
@require_http_methods(["GET", "POST"])
def case_edit(request: HttpRequest, case_id: int) -> HttpResponse:
    case = selectors.get_case_for_user_or_404(request, case_id)
    if not can_edit_case(request.user, case):
        raise PermissionDenied
    form = CaseForm(
        request.POST or None,
        instance=case,
        initial=with_version(case),
        gemeente_ids=gemeente_ids(request.user),
    )
    was_project = case.is_project_case  # read before validation writes the form into `case`
    if request.method == "POST" and form.is_valid():
        try:
            case = services.case_update(
                case=case,
                actor=actor(request),
                data=form.case_data(),
                expected_version=form.expected_version(),
            )
        except services.ConflictError as conflict:
            return _conflict(request, "cases/case_form.html", conflict.current, gemeente_ids(request.user))
        if case.is_project_case and not was_project:
            _sixth_case_warning(request, case.swv_id, excluding=case.pk)
        messages.success(request, _("The case has been saved."))
        if not selectors.cases_visible_to(request.user).filter(pk=case.pk).exists():
            return redirect("cases:list")  # moved to a partnership this coordinator does not serve
        return redirect("cases:detail", case_id=case.pk)
    audit.record_read(request=request, objects=[case], event_type="case.edit_form")
    status = 422 if request.method == "POST" else 200
    return render(request, "cases/case_form.html", {"form": form, "case": case}, status=status)


def _conflict(request: HttpRequest, template: str, current: Any, gemeenten: frozenset[int]) -> HttpResponse:
    form = CaseForm(instance=current, initial=with_version(current), gemeente_ids=gemeenten)
    context = {"form": form, "case": current, "conflict": CONFLICT_MESSAGE}
    return render(request, template, context, status=409)


@case_worker_required
@require_http_methods(["GET"])
def case_detail(request: HttpRequest, case_id: int) -> HttpResponse:
    case = get_dossier_for_user_or_404(request, case_id, complete_sections=False)
    audit.record_read(request=request, objects=[case], event_type="case.detail")
    context = {
        "case": case,
        "clock": selectors.escalation_clock(case, timezone.localdate()),
        "summary": selectors.case_summary(case),
        "hours_totals": case_hours_totals(case),
        "panels": case_panels(case, request.user),
        "today": timezone.localdate(),
        "sections": {slug: (rows.section, rows) for slug, rows in dossier_sections(case).items()},
        "status_form": _status_form(request, case),
        "can_delete": can_delete_case(request.user, case),
        "can_edit": can_edit_case(request.user, case),
        **handover_context(request.user, case),
    }
    return render(request, "cases/case_detail.html", context)


@case_worker_required
@require_http_methods(["GET"])
def case_print(request: HttpRequest, case_id: int) -> HttpResponse:
    """The whole dossier on paper (or as PDF via the browser): a copy leaves WIO, so it is an export."""
    case = get_dossier_for_user_or_404(request, case_id)
    audit.record_export(request=request, obj=case, event_type="case.print")
    context = {
        "case": case,
        "clock": selectors.escalation_clock(case, timezone.localdate()),
        "summary": selectors.case_summary(case),
        "sections": {s.slug: (s, getattr(case, s.related_name).all()) for s in SECTIONS},
        "hours_totals": case_hours_totals(case),
        "printed_at": timezone.now(),
    }
    return render(request, "cases/case_print.html", context)


def _status_form(request: HttpRequest, case: Case, data: Any = None) -> StatusForm:
    """The statuses this user may choose by hand: forward first, steps back apart."""
    forward, back = hand_transitions(case.status)
    form = StatusForm(
        data,
        current=case.status,
        forward=[s for s in forward if can_change_status(request.user, case, s)],
        back=[s for s in back if can_change_status(request.user, case, s)],
    )
    return form


def _status_confirmation(
    request: HttpRequest, case: Case, form: StatusForm, *, confirmed: bool
) -> HttpResponse:
    """Going back or closing: the confirmation page with the reason; 422 when it came back without one."""
    to_status = form.data["to_status"]
    context = {
        "case": case,
        "form": form,
        "target": Status(to_status),
        "closing": to_status == Status.AFGESLOTEN,
        "show_errors": confirmed,
        "back_url": reverse("cases:detail", args=[case.pk]),
    }
    template = "cases/case_status_confirm.html"
    status = 422 if confirmed else None
    return confirmation_page(request, template, context, case.status, to_status, status=status)


@case_worker_required
@require_POST
def case_status(request: HttpRequest, case_id: int) -> HttpResponse:
    """Forward steps take one click; going back or closing first shows a confirmation with a reason."""
    case = selectors.get_case_for_user_or_404(request, case_id)
    to_status = request.POST.get("to_status", "")
    if not can_change_status(request.user, case, to_status):
        raise PermissionDenied
    form = _status_form(request, case, request.POST)
    if form.needs_confirmation() and "to_status" not in form.errors:
        confirmed = is_confirmed(request, case.status, to_status)
        if not confirmed or not form.is_valid():
            return _status_confirmation(request, case, form, confirmed=confirmed)
    try:
        if form.is_valid():
            note = form.cleaned_data["note"]
        elif to_status in BERAAD_MIRROR_STATUSES:
            note = ""  # never offered by hand: the service says why
        else:
            raise ValidationError([error for errors in form.errors.values() for error in errors])
        case = services.case_transition(
            case=case, to_status=to_status, actor=actor(request), note=note, by_hand=True
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("The status is now “%(status)s”.") % {"status": case.get_status_display()}
        )
    return redirect("cases:detail", case_id=case.pk)


@case_worker_required
@require_http_methods(["GET", "POST"])
def case_delete(request: HttpRequest, case_id: int) -> HttpResponse:
    """Only a case registered in error, within 30 days: a reason, then complete removal (ADR 0014)."""
    case = selectors.get_case_for_user_or_404(request, case_id)
    if not can_delete_case(request.user, case):
        raise PermissionDenied
    confirmed = is_confirmed(request, case.status)
    # A page from before a change keeps what was typed, without acting on it.
    form = DeleteInErrorForm(
        request.POST if confirmed else None, initial={"note": request.POST.get("note", "")}
    )
    if confirmed and form.is_valid():
        record = services.case_delete_in_error(
            case=case, actor=actor(request), note=form.cleaned_data["note"]
        )
        messages.success(
            request,
            _("Case %(ref)s has been deleted; only the record that it was registered in error remains.")
            % {"ref": record.case_reference},
        )
        return redirect("cases:list")
    context = {
        "case": case,
        "form": form,
        "back_url": reverse("cases:detail", args=[case.pk]),
        "irreversible": True,
        "danger": True,
    }
    status = 422 if confirmed else None
    return confirmation_page(request, "cases/case_confirm_delete.html", context, case.status, status=status)
