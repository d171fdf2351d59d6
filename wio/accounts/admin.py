from typing import Any

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db.models import Model, QuerySet
from django.forms import ModelForm
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from wio.audit import services as audit
from wio.audit.constants import Action

from . import services
from .models import Membership, Organisation, Phase, Region, User


class AuditedAdminMixin:
    """Every change made in the admin leaves an audit event naming the changed fields."""

    def save_model(self, request: HttpRequest, obj: Any, form: ModelForm, change: bool) -> None:
        super().save_model(request, obj, form, change)  # type: ignore[misc]
        services.record_account_change(
            obj=obj,
            actor=audit.actor_from(request=request),
            action=Action.UPDATE if change else Action.CREATE,
            changed=list(form.changed_data),
        )

    def delete_model(self, request: HttpRequest, obj: Model) -> None:
        services.record_account_change(
            obj=obj,  # type: ignore[arg-type]
            actor=audit.actor_from(request=request),
            action=Action.DELETE,
            changed=[],
        )
        super().delete_model(request, obj)  # type: ignore[misc]


class MembershipInline(admin.StackedInline):  # tabular inlines leave fields unlabelled
    model = Membership
    extra = 0
    raw_id_fields = ["organisation"]


@admin.register(User)
class UserAdmin(AuditedAdminMixin, DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "is_active", "last_login"]
    list_filter = ["is_active", "memberships__role"]
    search_fields = ["email", "first_name", "last_name"]
    inlines = [MembershipInline]
    actions = ["end_sessions", "deactivate", "reset_two_step_verification"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Personal info"), {"fields": ("first_name", "last_name")}),
        (_("Status"), {"fields": ("is_active", "is_superuser", "last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)
    readonly_fields = ["last_login", "date_joined"]

    def save_model(self, request: HttpRequest, obj: Any, form: ModelForm, change: bool) -> None:
        deactivated = change and "is_active" in form.changed_data and not obj.is_active
        super().save_model(request, obj, form, change)
        if deactivated:
            services.user_end_sessions(user=obj, actor=audit.actor_from(request=request))

    @admin.action(description=_("End all sessions of the selected users"))
    def end_sessions(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        actor = audit.actor_from(request=request)
        for user in queryset:
            services.user_end_sessions(user=user, actor=actor)
        messages.success(request, _("The sessions of the selected users have been ended."))

    @admin.action(description=_("Reset two-step verification of the selected users"))
    def reset_two_step_verification(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        actor = audit.actor_from(request=request)
        for user in queryset:
            services.user_reset_mfa(user=user, actor=actor)
        messages.success(
            request,
            _("The selected users must set up two-step verification again at their next sign-in."),
        )

    @admin.action(description=_("Deactivate the selected users"))
    def deactivate(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        actor = audit.actor_from(request=request)
        for user in queryset.filter(is_active=True):
            services.user_deactivate(user=user, actor=actor)
        messages.success(request, _("The selected users have been deactivated."))


@admin.register(Organisation)
class OrganisationAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "code", "sector", "region"]
    list_filter = ["kind", "sector", "region__phase_joined"]
    search_fields = ["name", "code"]
    list_select_related = ["region"]


@admin.register(Region)
class RegionAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "phase_joined", "is_pilot"]
    list_filter = ["phase_joined", "is_pilot"]
    search_fields = ["name"]
    list_select_related = ["phase_joined"]


@admin.register(Phase)
class PhaseAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["number", "name", "starts_on", "ends_on", "cumulative_target_regions"]


@admin.register(Membership)
class MembershipAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["user", "organisation", "role", "created_at"]
    list_filter = ["role"]
    search_fields = ["user__email", "organisation__name"]
    raw_id_fields = ["user", "organisation"]
    list_select_related = ["user", "organisation"]
