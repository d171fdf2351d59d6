"""Rode draden (themes linking stories, knelpunten and beraad reflections) and knelpunt hotspots."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cases.identity_check import KnownPeople, known_people_for_texts
from monitor.services import learning as services
from monitor.stories import learning
from monitor.stories import selectors as stories
from monitor.stories.forms import HotspotFilterForm, ThemeForm
from monitor.views.approval import mark_approvable
from monitor.views.common import monitor_user_required
from wio.audit import services as audit
from wio.audit.constants import Purpose
from wio.submissions.services import AlreadySubmitted


def _every_case(request: HttpRequest) -> Callable[[], KnownPeople]:
    """A rode draad belongs to no region: its name and description are checked against every case
    (only those whose names the submitted texts could mention are read)."""
    return lambda: known_people_for_texts([v for _key, values in request.POST.lists() for v in values], None)


def _record_reflection_reads(request: HttpRequest, form: ThemeForm) -> None:
    """The form shows the full text of every reflection it offers: each one is a read (ADR 0016)."""
    reflections = list(form.fields["reflections"].queryset)  # type: ignore[attr-defined]
    audit.record_read(
        request=request, objects=reflections, event_type="monitor.rode_draad.read", purpose=Purpose.MONITORING
    )


def _links(form: ThemeForm) -> dict[str, Any]:
    data = form.cleaned_data
    return {
        "name": data["name"],
        "description": data["description"],
        "stories": data["stories"],
        "knelpunten": data["knelpunten"],
        "reflections": form.reflections_to_link(),
    }


@monitor_user_required
@require_http_methods(["GET"])
def theme_list(request: HttpRequest) -> HttpResponse:
    themes = list(stories.theme_list())
    mark_approvable(request.user, themes)
    return render(request, "monitor/stories/theme_list.html", {"themes": themes})


@monitor_user_required
@require_http_methods(["GET", "POST"])
def theme_create(request: HttpRequest) -> HttpResponse:
    form = ThemeForm(request.POST or None, known=_every_case(request), user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.theme_create(
                actor=audit.actor_from(request=request),
                submission_key=form.submission_key_value(),
                **_links(form),
            )
        except AlreadySubmitted:
            return redirect("monitor:theme_list")
        except ValidationError as error:  # the name is in use (perhaps since a moment ago)
            form.add_error(None, error)
        else:
            messages.success(request, _("The common thread has been saved."))
            return redirect("monitor:theme_list")
    status = 422 if request.method == "POST" else 200
    _record_reflection_reads(request, form)
    return render(request, "monitor/stories/theme_form.html", {"form": form}, status=status)


@monitor_user_required
@require_http_methods(["GET", "POST"])
def theme_edit(request: HttpRequest, theme_id: int) -> HttpResponse:
    theme = stories.get_theme_or_404(theme_id)
    form = ThemeForm(request.POST or None, instance=theme, known=_every_case(request), user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.theme_update(theme=theme, actor=audit.actor_from(request=request), **_links(form))
        except ValidationError as error:  # the name was taken a moment ago
            form.add_error(None, error)
        else:
            messages.success(request, _("The common thread has been saved."))
            return redirect("monitor:theme_list")
    status = 422 if request.method == "POST" else 200
    _record_reflection_reads(request, form)
    return render(request, "monitor/stories/theme_form.html", {"form": form, "theme": theme}, status=status)


@monitor_user_required
@require_http_methods(["GET"])
def hotspots(request: HttpRequest) -> HttpResponse:
    form = HotspotFilterForm(request.GET or None)
    category = form.cleaned_data["category"] if form.is_valid() else ""
    found = learning.knelpunt_hotspots(category or None)
    return render(request, "monitor/stories/hotspots.html", {"form": form, "hotspots": found})
