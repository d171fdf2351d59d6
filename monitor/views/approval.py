"""The second reader's button under a lesson, an accountability answer or a rode draad (ADR 0016)."""

from collections.abc import Callable, Iterable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from monitor.models import Accountability, Lesson, Theme
from monitor.services.approval import Approvable, can_approve_text, text_approve
from monitor.stories.approval_selectors import approvable_text_or_404
from monitor.views.common import View, monitor_user_required
from wio.audit import services as audit


def mark_approvable(user: Any, rows: Iterable[Approvable]) -> None:
    """Tell the list template, per row, whether this user may approve it."""
    for row in rows:
        row.may_approve = can_approve_text(user, row)  # type: ignore[union-attr]


def _approve_view(model: type[Model], back: Callable[[Any], str]) -> View:
    @monitor_user_required
    @require_POST
    def approve(request: HttpRequest, pk: int) -> HttpResponse:
        obj = approvable_text_or_404(model, pk)
        try:
            text_approve(obj=obj, actor=audit.actor_from(request=request))
        except PermissionDenied:
            messages.error(
                request, _("You cannot approve this text: you wrote it, or it was approved already.")
            )
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(request, _("Approved: the text can appear in reports."))
        return redirect(back(obj))

    return approve


lesson_approve = _approve_view(Lesson, lambda lesson: "monitor:lesson_list")
accountability_approve = _approve_view(Accountability, lambda row: "monitor:accountability_list")
theme_approve = _approve_view(Theme, lambda theme: "monitor:theme_list")
