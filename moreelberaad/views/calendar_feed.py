"""The personal calendar feed: managed behind the login, read by calendar apps with its token."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from wio.accounts.models import User
from wio.audit import services as audit
from wio.audit.constants import Action, Purpose

from ..ical import feed_ics
from ..invitation_selectors import active_feed_of, feed_by_token, feed_sessions
from ..services import calendar_feed as services
from .common import actor, beraad_user_required

CREATE, REVOKE = "create", "revoke"


@beraad_user_required
@require_http_methods(["GET", "POST"])
def calendar_feed_manage(request: HttpRequest) -> HttpResponse:
    if not isinstance(request.user, User):  # beraad_user_required let only signed-in users through
        raise PermissionDenied
    if request.method == "POST":
        if request.POST.get("action") == REVOKE:
            services.calendar_feed_revoke(user=request.user, actor=actor(request))
            messages.success(request, _("Your calendar address has been switched off."))
        else:
            services.calendar_feed_create(user=request.user, actor=actor(request))
            messages.success(request, _("Your calendar address is ready; an older address no longer works."))
        return redirect("moreelberaad:calendar_feed_manage")
    feed = active_feed_of(request.user)
    feed_url = (
        request.build_absolute_uri(reverse("moreelberaad:calendar_feed", args=[feed.token])) if feed else ""
    )
    context = {"feed": feed, "feed_url": feed_url, "create": CREATE, "revoke": REVOKE}
    return render(request, "moreelberaad/invitations/calendar_feed.html", context)


@require_GET
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """Public by design: a calendar app cannot sign in. The unguessable token is the key; an unknown
    or revoked token is simply not there. Each session served is audited as read by the feed's owner."""
    feed = feed_by_token(token)
    if feed is None:
        raise Http404
    sessions = feed_sessions(feed.user)
    reader = audit.actor_from(request=request, user=feed.user)
    for beraad, _label in sessions:
        audit.record_event(
            actor=reader,
            action=Action.READ,
            event_type="beraad.calendar_feed",
            purpose=Purpose.MOREEL_BERAAD,
            obj=beraad,
        )
    body = feed_ics(sessions=sessions, name=_("WIO: Moreel Beraad"))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="wio-beraden.ics"'
    response["Cache-Control"] = "no-store, private"
    return response
