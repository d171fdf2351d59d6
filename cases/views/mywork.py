"""“My work”: a case worker's overdue and upcoming milestones and actions, and the weekly e-mail."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from wio.accounts.models import User
from wio.audit import services as audit
from wio.paging import page_of_rows

from .. import services
from ..constants import MILESTONE_WARNING_DAYS
from ..forms.notifications import DigestPreferenceForm
from ..mywork import ACTION_WARNING_DAYS, digest_enabled_for, my_work_for
from .common import actor, case_worker_required

WORK_ROWS_PER_PAGE = 20


@case_worker_required
@require_GET
def my_work(request: HttpRequest) -> HttpResponse:
    """The counts cover all the user's work; each list shows a page of it, so the page and its audit
    trail stay the same size however many cases the user has."""
    work = my_work_for(request.user, timezone.localdate())
    milestones, mine, unowned = (
        page_of_rows(request, rows, param=param, per_page=WORK_ROWS_PER_PAGE)
        for rows, param in (
            (work.milestones, "mijlpalen"),
            (work.my_actions, "acties"),
            (work.unowned_actions, "zonder_houder"),
        )
    )
    shown = {row.case.pk: row.case for page in (milestones, mine, unowned) for row in page.rows}
    audit.record_read(request=request, objects=shown.values(), event_type="case.my_work")
    form = DigestPreferenceForm(initial={"weekly_digest": digest_enabled_for(request.user)})
    context = {
        "work": work,
        "milestones": milestones,
        "my_actions": mine,
        "unowned_actions": unowned,
        "form": form,
        "milestone_days": MILESTONE_WARNING_DAYS,
        "action_days": ACTION_WARNING_DAYS,
    }
    return render(request, "cases/mywork/my_work.html", context)


@case_worker_required
@require_POST
def digest_preference(request: HttpRequest) -> HttpResponse:
    if not isinstance(request.user, User):  # case_worker_required let only signed-in users through
        raise PermissionDenied
    enabled = DigestPreferenceForm(request.POST).enabled()
    services.digest_preference_set(user=request.user, enabled=enabled, actor=actor(request))
    if enabled:
        messages.success(request, _("You will receive the weekly e-mail with your work."))
    else:
        messages.success(request, _("You will no longer receive the weekly e-mail with your work."))
    return redirect("cases:my_work")
