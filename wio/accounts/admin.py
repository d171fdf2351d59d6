from typing import Any

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django.forms import ModelForm
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from wio.audit import services as audit
from wio.audit.constants import Action

from . import services
from .models import Membership, Organisation, PartnershipException, Phase, Region, User


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

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        """The "delete selected" action: one event per object, like a single delete."""
        actor = audit.actor_from(request=request)
        for obj in queryset:
            services.record_account_change(obj=obj, actor=actor, action=Action.DELETE, changed=[])
        super().delete_queryset(request, queryset)  # type: ignore[misc]

    def save_formset(self, request: HttpRequest, form: ModelForm, formset: Any, change: bool) -> None:
        """Inline rows (memberships on the user page) are audited like their own admin."""
        super().save_formset(request, form, formset, change)  # type: ignore[misc]
        actor = audit.actor_from(request=request)
        for obj in formset.new_objects:
            services.record_account_change(obj=obj, actor=actor, action=Action.CREATE, changed=["role"])
        for obj, changed in formset.changed_objects:
            services.record_account_change(obj=obj, actor=actor, action=Action.UPDATE, changed=changed)
        for obj in formset.deleted_objects:
            services.record_account_change(obj=obj, actor=actor, action=Action.DELETE, changed=["role"])


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

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        """Only a superuser sees (and can grant) superuser status."""
        fieldsets = super().get_fieldsets(request, obj)
        if request.user.is_superuser or obj is None:
            return fieldsets
        return [
            (name, {**options, "fields": [f for f in options["fields"] if f != "is_superuser"]})
            for name, options in fieldsets
        ]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        """A functional administrator cannot change their own account or a superuser's (no self-promotion)."""
        if obj is not None and not request.user.is_superuser and (obj == request.user or obj.is_superuser):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_change_permission(request, obj) and super().has_delete_permission(request, obj)

    def user_change_password(self, request: HttpRequest, id: str, form_url: str = "") -> Any:
        response = super().user_change_password(request, id, form_url)
        if request.method == "POST" and response.status_code == 302:
            services.record_account_change(
                obj=User.objects.get(pk=id),
                actor=audit.actor_from(request=request),
                action=Action.UPDATE,
                changed=["password"],
            )
        return response

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


@admin.register(PartnershipException)
class PartnershipExceptionAdmin(AuditedAdminMixin, admin.ModelAdmin):
    """Municipalities served by a partnership of another region; cases may only choose those pairs."""

    list_display = ["gemeente", "swv", "reason", "created_at"]
    search_fields = ["gemeente__name", "gemeente__code", "swv__name", "swv__code"]
    raw_id_fields = ["gemeente", "swv"]
    list_select_related = ["gemeente", "swv"]


@admin.register(Phase)
class PhaseAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["number", "name", "starts_on", "ends_on", "cumulative_target_regions"]


class MembershipForm(ModelForm):
    class Meta:
        model = Membership
        fields = ["user", "organisation", "role"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        editor = getattr(self, "editor", None)
        if editor is not None and not editor.is_superuser and cleaned.get("user") == editor:
            raise ValidationError(_("You cannot change your own roles; ask another administrator."))
        return cleaned


@admin.register(Membership)
class MembershipAdmin(AuditedAdminMixin, admin.ModelAdmin):
    form = MembershipForm

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        form_class = super().get_form(request, obj, change, **kwargs)
        form_class.editor = request.user  # type: ignore[attr-defined]  # read in MembershipForm.clean
        return form_class

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None and not request.user.is_superuser and obj.user_id == request.user.pk:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_change_permission(request, obj) and super().has_delete_permission(request, obj)

    list_display = ["user", "organisation", "role", "created_at"]
    list_filter = ["role"]
    search_fields = ["user__email", "organisation__name"]
    raw_id_fields = ["user", "organisation"]
    list_select_related = ["user", "organisation"]
