"""Lessons learned ("brengen en halen": every region's lessons for all) and accountability per
region and period (Van Donkelaar's three questions)."""

from typing import Any, cast
from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cases.forms.base import CONFLICT_MESSAGE
from cases.identity_check import known_people_for_texts, regions_filter
from cases.services.errors import ConflictError
from monitor.models import Accountability
from monitor.services import learning as services
from monitor.stories import learning
from monitor.stories.forms import AccountabilityForm, LessonForm, PeriodForm, RegionFilterForm
from monitor.views.approval import mark_approvable
from monitor.views.common import monitor_user_required
from wio.accounts.models import Region
from wio.audit import services as audit
from wio.submissions.services import AlreadySubmitted

ROWS_PER_PAGE = 25


def _region_filter(request: HttpRequest) -> tuple[RegionFilterForm, Region | None]:
    form = RegionFilterForm(request.GET or None)
    region = form.cleaned_data["region"] if form.is_valid() else None
    return form, region


def _query(request: HttpRequest) -> str:
    return urlencode([(key, value) for key, value in request.GET.items() if key != "page" and value])


@monitor_user_required
@require_http_methods(["GET"])
def lesson_list(request: HttpRequest) -> HttpResponse:
    form, region = _region_filter(request)
    lessons = learning.lesson_list(region.pk if region else None)
    page = Paginator(lessons, ROWS_PER_PAGE).get_page(request.GET.get("page"))
    mark_approvable(request.user, page.object_list)
    context = {"form": form, "page": page, "query": _query(request), "region": region}
    return render(request, "monitor/stories/lesson_list.html", context)


@monitor_user_required
@require_http_methods(["GET", "POST"])
def lesson_create(request: HttpRequest) -> HttpResponse:
    form = LessonForm(request.POST or None, initial={"region": request.GET.get("region")})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.lesson_create(
                actor=audit.actor_from(request=request),
                region=data["region"],
                title=data["title"],
                text=data["text"],
                submission_key=form.submission_key_value(),
            )
        except AlreadySubmitted:
            return redirect("monitor:lesson_list")
        messages.success(request, _("The lesson has been saved; every region can read it."))
        return redirect("monitor:lesson_list")
    status = 422 if request.method == "POST" else 200
    return render(request, "monitor/stories/lesson_form.html", {"form": form}, status=status)


@monitor_user_required
@require_http_methods(["GET"])
def accountability_list(request: HttpRequest) -> HttpResponse:
    form, region = _region_filter(request)
    rows = learning.accountability_list(region.pk if region else None)
    page = Paginator(rows, ROWS_PER_PAGE).get_page(request.GET.get("page"))
    mark_approvable(request.user, page.object_list)
    context = {"form": form, "page": page, "query": _query(request), "region": region}
    return render(request, "monitor/stories/accountability_list.html", context)


def _initial(region: Region, request: HttpRequest) -> dict[str, Any]:
    """The answers of the period in the query string, or an empty form for that period."""
    period = PeriodForm(request.GET)
    if not period.is_valid() or not all(period.cleaned_data.values()):
        return {"version": 0}
    start, end = period.cleaned_data["period_start"], period.cleaned_data["period_end"]
    current = learning.accountability_for(region, start, end)
    return _as_initial(current) if current else {"period_start": start, "period_end": end, "version": 0}


def _as_initial(row: Accountability) -> dict[str, Any]:
    fields = ("period_start", "period_end", "needed", "possible_now", "needed_for_more", "version")
    return {name: getattr(row, name) for name in fields}


def _posted_texts(request: HttpRequest) -> list[str]:
    """Every submitted value: the form's texts are among them (for the identity check's names)."""
    return [value for _key, values in request.POST.lists() for value in values]


@monitor_user_required
@require_http_methods(["GET", "POST"])
def accountability_edit(request: HttpRequest, region_id: int) -> HttpResponse:
    region = learning.get_region_or_404(region_id)
    if request.method == "GET":
        form = AccountabilityForm(initial=_initial(region, request))
        return render(request, "monitor/stories/accountability_form.html", {"form": form, "region": region})
    form = AccountabilityForm(
        request.POST,
        known=lambda: known_people_for_texts(_posted_texts(request), regions_filter([region.pk])),
    )
    context: dict[str, Any] = {"form": form, "region": region}
    if not form.is_valid():
        return render(request, "monitor/stories/accountability_form.html", context, status=422)
    data = form.cleaned_data
    try:
        services.accountability_save(
            actor=audit.actor_from(request=request),
            region=region,
            period_start=data["period_start"],
            period_end=data["period_end"],
            answers=form.answers(),
            expected_version=form.expected_version(),
        )
    except ConflictError as conflict:
        current = cast(Accountability, conflict.current)
        context.update(form=AccountabilityForm(initial=_as_initial(current)), conflict=CONFLICT_MESSAGE)
        return render(request, "monitor/stories/accountability_form.html", context, status=409)
    messages.success(request, _("The accountability answers have been saved."))
    return redirect(f"{reverse('monitor:accountability_list')}?{urlencode({'region': region.pk})}")
