"""The user list's bulk actions. Each changes people's access, so each asks for confirmation first."""

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wio.audit import services as audit
from wio.confirmation import confirmation_context, is_confirmed

from . import invitations, services
from .models import User

CONFIRMATION_TEMPLATE = "admin/action_confirmation.html"


class UserActionsMixin:
    """For a ModelAdmin of User: end sessions, reset 2FA, new invitation link, deactivate."""

    admin_site: admin.AdminSite

    def _confirmation(
        self, request: HttpRequest, queryset: QuerySet[User], action: str, page: dict[str, Any]
    ) -> TemplateResponse | None:
        """None once the administrator confirmed this very selection; otherwise the page that asks.

        `page` holds the wording: heading, consequence, confirm_label and whether it is irreversible.
        """
        selected = sorted(user.pk for user in queryset)
        if is_confirmed(request, action, *selected):
            return None
        context: dict[str, Any] = {
            **self.admin_site.each_context(request),
            **page,
            **confirmation_context(request, action, *selected),
            "title": page["heading"],
            "opts": User._meta,
            "queryset": queryset,
            "items_heading": _("Users"),
            "item_labels": [user.email for user in queryset],
            "action": action,
            "confirm_layout": "admin/base_site.html",
            "back_url": reverse("admin:accounts_user_changelist"),
        }
        status = 409 if context["confirm_stale"] else 200
        return TemplateResponse(request, CONFIRMATION_TEMPLATE, context, status=status)

    @admin.action(description=_("End all sessions of the selected users"))
    def end_sessions(self, request: HttpRequest, queryset: QuerySet[User]) -> TemplateResponse | None:
        wording = {
            "heading": _("End the sessions of these users?"),
            "consequence": _(
                "These users are signed out everywhere at once; unsaved work in a browser is lost."
            ),
            "confirm_label": _("End sessions"),
            "irreversible": True,
        }
        if page := self._confirmation(request, queryset, "end_sessions", wording):
            return page
        actor = audit.actor_from(request=request)
        for user in queryset:
            services.user_end_sessions(user=user, actor=actor)
        messages.success(request, _("The sessions of the selected users have been ended."))
        return None

    @admin.action(description=_("Reset two-step verification of the selected users"))
    def reset_two_step_verification(
        self, request: HttpRequest, queryset: QuerySet[User]
    ) -> TemplateResponse | None:
        wording = {
            "heading": _("Reset the two-step verification of these users?"),
            "consequence": _(
                "These users must set up two-step verification again at their next sign-in; "
                "their authenticator app and recovery codes stop working."
            ),
            "confirm_label": _("Reset two-step verification"),
            "irreversible": True,
        }
        if page := self._confirmation(request, queryset, "reset_two_step_verification", wording):
            return page
        actor = audit.actor_from(request=request)
        for user in queryset:
            services.user_reset_mfa(user=user, actor=actor)
        messages.success(
            request,
            _("The selected users must set up two-step verification again at their next sign-in."),
        )
        return None

    @admin.action(description=_("Send the selected users a new invitation link"))
    def invite_again(self, request: HttpRequest, queryset: QuerySet[User]) -> TemplateResponse | None:
        others = queryset.filter(is_active=True, is_superuser=False).exclude(pk=request.user.pk or 0)
        wording = {
            "heading": _("Send these users a new invitation link?"),
            "consequence": _(
                "These users' passwords stop working at once and they are signed out; "
                "each receives a link to choose a new password."
            ),
            "confirm_label": _("Send new invitation links"),
            "irreversible": True,
        }
        if page := self._confirmation(request, others, "invite_again", wording):
            return page
        actor = audit.actor_from(request=request)
        for user in others:
            invitations.user_invite_again(user=user, actor=actor)
        messages.success(
            request,
            _("The selected users receive a new link; their current password no longer works."),
        )
        return None

    @admin.action(description=_("Deactivate the selected users"))
    def deactivate(self, request: HttpRequest, queryset: QuerySet[User]) -> TemplateResponse | None:
        active = queryset.filter(is_active=True)
        wording = {
            "heading": _("Deactivate these users?"),
            "consequence": _("These users can no longer sign in and are signed out everywhere."),
            "undo": _("An administrator can make them active again; they then sign in as before."),
            "confirm_label": _("Deactivate users"),
            "danger": True,
        }
        if page := self._confirmation(request, active, "deactivate", wording):
            return page
        actor = audit.actor_from(request=request)
        for user in active:
            services.user_deactivate(user=user, actor=actor)
        messages.success(request, _("The selected users have been deactivated."))
        return None
