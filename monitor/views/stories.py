"""Stories: written by a case's workers from the case page, reviewed and approved by project staff.

Writing is the one monitor page a case worker reaches; the list, review and approval are for
project staff, who see the anonymised text, region and perspective but never the youth's identity.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from cases.forms.base import CONFLICT_MESSAGE, with_version
from cases.identity_check import known_people
from cases.permissions import can_use_cases
from cases.selectors import get_case_for_user_or_404, story_consent_given
from cases.services.errors import ConflictError
from monitor.models import Story
from monitor.permissions import can_use_monitor
from monitor.services import stories as services
from monitor.stories import selectors
from monitor.stories.forms import StoryFilterForm, StoryForm
from monitor.stories.permissions import can_approve, can_review_story, can_withdraw_story, can_write_story_for
from monitor.views.common import View, monitor_user_required, story_writer_required
from wio.audit import services as audit
from wio.audit.constants import Purpose
from wio.submissions.services import AlreadySubmitted
from wio.version_token import posted_version

STORIES_PER_PAGE = 25


def story_editor_required(view: View) -> View:
    """Project staff, or a case worker (whose access to the story itself is checked by the selector)."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not (can_use_monitor(request.user) or can_use_cases(request.user)):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


def _actor(request: HttpRequest) -> audit.Actor:
    return audit.actor_from(request=request)


def _case_page(case_id: int) -> HttpResponse:
    return redirect(f"{reverse('cases:detail', args=[case_id])}#verhalen")


def _warn_about_identity(request: HttpRequest, story: Story) -> None:
    for finding in selectors.story_findings(story):
        messages.warning(request, finding + " " + _("Remove it: the story cannot be approved until then."))


@story_writer_required
@require_http_methods(["GET", "POST"])
def story_create(request: HttpRequest, case_id: int) -> HttpResponse:
    case = get_case_for_user_or_404(request, case_id)
    if not can_write_story_for(request.user, case):
        raise PermissionDenied
    if not story_consent_given(case):
        messages.error(
            request,
            _("The family has not (or no longer) consented to a story from this case; none can be written."),
        )
        return _case_page(case.pk)
    form = StoryForm(request.POST or None, known=lambda: known_people([case.pk]))
    if request.method == "POST" and form.is_valid():
        try:
            story = services.story_create(
                case=case,
                actor=_actor(request),
                themes=form.cleaned_data["themes"],
                submission_key=form.submission_key_value(),
                **form.story_data(),
            )
        except AlreadySubmitted:  # a second click: the first saved the story
            return _case_page(case.pk)
        except services.StoryRuleError as error:
            messages.error(request, error.messages[0])
            return _case_page(case.pk)
        messages.success(request, _("The story has been saved as a draft; project staff will review it."))
        _warn_about_identity(request, story)
        return _case_page(case.pk)
    status = 422 if request.method == "POST" else 200
    context = {"form": form, "back_url": reverse("cases:detail", args=[case.pk]), "creating": True}
    return render(request, "monitor/stories/story_form.html", context, status=status)


def _filters(form: StoryFilterForm) -> selectors.StoryFilter:
    if not form.is_valid():
        return selectors.StoryFilter()
    data = form.cleaned_data
    return selectors.StoryFilter(
        status=data["status"] or "",
        region_id=data["region"].pk if data["region"] else None,
        theme_id=data["theme"].pk if data["theme"] else None,
    )


@monitor_user_required
@require_http_methods(["GET"])
def story_list(request: HttpRequest) -> HttpResponse:
    form = StoryFilterForm(request.GET or None)
    page = Paginator(selectors.story_list(_filters(form)), STORIES_PER_PAGE).get_page(request.GET.get("page"))
    audit.record_read(
        request=request, objects=page.object_list, event_type="monitor.story.list", purpose=Purpose.MONITORING
    )
    query = urlencode([(key, value) for key, value in request.GET.items() if key != "page" and value])
    return render(request, "monitor/stories/story_list.html", {"form": form, "page": page, "query": query})


@monitor_user_required
@require_http_methods(["GET"])
def story_detail(request: HttpRequest, story_id: int) -> HttpResponse:
    story = selectors.get_story_or_404(request, story_id)
    audit.record_read(
        request=request, objects=[story], event_type="monitor.story.detail", purpose=Purpose.MONITORING
    )
    user = request.user
    context = {
        "story": story,
        "findings": selectors.story_findings(story),
        "can_review": can_review_story(user, story),
        "can_approve": can_approve(user, story),
        "can_withdraw": can_withdraw_story(user, story),
        "is_author": story.author_id == user.pk,
    }
    return render(request, "monitor/stories/story_detail.html", context)


def _story_action(step: Callable[..., Story], done: Any) -> View:
    """A POST button on the story page: one workflow step, then back to the story."""

    @monitor_user_required
    @require_POST
    def action(request: HttpRequest, story_id: int) -> HttpResponse:
        story = selectors.get_story_or_404(request, story_id)
        try:
            step(story=story, actor=_actor(request), expected_version=posted_version(request.POST))
        except ConflictError:
            messages.error(request, CONFLICT_MESSAGE)
        except services.StoryRuleError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(request, str(done))
        return redirect("monitor:story_detail", story_id=story.pk)

    return action


def _withdraw(*, story: Story, actor: audit.Actor, expected_version: int) -> Story:
    return services.story_withdraw(story=story, actor=actor)


story_review = _story_action(services.story_review, gettext_lazy("The story has been marked as reviewed."))
story_approve = _story_action(
    services.story_approve, gettext_lazy("The story has been approved for sharing.")
)
story_withdraw = _story_action(_withdraw, gettext_lazy("The story has been withdrawn; it is no longer used."))


def _editable_story(request: HttpRequest, story_id: int) -> Story:
    """Project staff edit any usable story; a case worker only their own, while on its case."""
    if can_use_monitor(request.user):
        return selectors.get_story_or_404(request, story_id)
    return selectors.get_story_for_author_or_404(request, story_id)


def _back_url(request: HttpRequest, story: Story) -> str:
    if can_use_monitor(request.user):
        return reverse("monitor:story_detail", args=[story.pk])
    return f"{reverse('cases:detail', args=[story.case_id])}#verhalen"


@story_editor_required
@require_http_methods(["GET", "POST"])
def story_edit(request: HttpRequest, story_id: int) -> HttpResponse:
    story = _editable_story(request, story_id)
    form = StoryForm(
        request.POST or None,
        instance=story,
        initial=with_version(story),
        known=lambda: known_people([story.case_id]),
    )
    context: dict[str, Any] = {"form": form, "story": story, "back_url": _back_url(request, story)}
    if request.method == "POST" and form.is_valid():
        try:
            story = services.story_update(
                story=story,
                actor=_actor(request),
                expected_version=form.expected_version(),
                data=form.story_data(),
                themes=form.cleaned_data["themes"],
            )
        except ConflictError as conflict:
            current = selectors.get_story_or_404(request, conflict.current.pk)
            form = StoryForm(instance=current, initial=with_version(current))
            context.update(form=form, conflict=CONFLICT_MESSAGE)
            return render(request, "monitor/stories/story_form.html", context, status=409)
        messages.success(request, _("The story has been saved."))
        _warn_about_identity(request, story)
        return redirect(_back_url(request, story))
    if request.method == "GET":
        audit.record_read(
            request=request, objects=[story], event_type="monitor.story.edit_form", purpose=Purpose.MONITORING
        )
    status = 422 if request.method == "POST" else 200
    return render(request, "monitor/stories/story_form.html", context, status=status)
