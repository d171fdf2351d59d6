from collections.abc import Iterable
from typing import Any

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model, QuerySet
from django.forms import ModelForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wio.audit import services as audit
from wio.audit.constants import Action

from . import grants, invitations, services
from .admin_user_actions import UserActionsMixin
from .invite_form import UserInviteForm
from .models import Membership, MembershipRequest, Organisation, PartnershipException, Phase, Region, User
from .permissions import can_administer_platform


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


class MembershipForm(ModelForm):
    """A membership edited directly; roles in FOUR_EYES_ROLES only come through a role request."""

    class Meta:
        model = Membership
        fields = ["user", "organisation", "role"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        editor = getattr(self, "editor", None)
        if editor is not None and not editor.is_superuser and cleaned.get("user") == editor:
            raise ValidationError(_("You cannot change your own roles; ask another administrator."))
        role = cleaned.get("role")
        grants_access = self.instance._state.adding or bool(
            {"user", "organisation", "role"} & set(self.changed_data)
        )
        if role and grants_access and grants.needs_second_person(role):
            raise ValidationError(grants.refusal_of_direct_grant(role))
        return cleaned


class MembershipInline(admin.StackedInline):  # tabular inlines leave fields unlabelled
    model = Membership
    form = MembershipForm
    extra = 0
    raw_id_fields = ["organisation"]


@admin.register(User)
class UserAdmin(UserActionsMixin, AuditedAdminMixin, DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "is_active", "last_login"]
    list_filter = ["is_active", "memberships__role"]
    search_fields = ["email", "first_name", "last_name"]
    inlines = [MembershipInline]
    actions = ["end_sessions", "deactivate", "reset_two_step_verification", "invite_again"]
    add_form = UserInviteForm
    add_form_template = "admin/change_form.html"  # without Django's English note about passwords
    fieldsets = (
        (None, {"fields": ("email",)}),
        (_("Personal info"), {"fields": ("first_name", "last_name")}),
        (_("Status"), {"fields": ("is_active", "is_superuser", "last_login", "date_joined")}),
    )
    invite_fields = ("email", "first_name", "last_name", "organisation", "role")
    add_fieldsets = ((None, {"classes": ("wide",), "fields": invite_fields}),)
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

    def get_inlines(self, request: HttpRequest, obj: Any = None) -> Any:
        return [] if obj is None else super().get_inlines(request, obj)

    def user_change_password(self, request: HttpRequest, id: str, form_url: str = "") -> Any:
        """Nobody sets another person's password: "Send a new invitation link" instead."""
        raise PermissionDenied

    def save_model(self, request: HttpRequest, obj: Any, form: ModelForm, change: bool) -> None:
        if not change:
            invited = invitations.user_invite(
                email=obj.email,
                first_name=obj.first_name,
                last_name=obj.last_name,
                organisation=form.cleaned_data["organisation"],
                role=form.cleaned_data["role"],
                actor=audit.actor_from(request=request),
            )
            obj.pk = invited.pk
            obj.refresh_from_db()
            messages.success(
                request,
                _("%(email)s receives an e-mail with a link to choose a password.") % {"email": obj.email},
            )
            return
        deactivated = change and "is_active" in form.changed_data and not obj.is_active
        super().save_model(request, obj, form, change)
        if deactivated:
            services.user_end_sessions(user=obj, actor=audit.actor_from(request=request))


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


class MembershipRequestForm(ModelForm):
    class Meta:
        model = MembershipRequest
        fields = ["user", "organisation", "role", "reason"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        user, organisation, role = (cleaned.get(name) for name in ("user", "organisation", "role"))
        if user is not None and organisation is not None and role:
            grants.check_requestable(user=user, organisation=organisation, role=role)
        return cleaned


@admin.register(MembershipRequest)
class MembershipRequestAdmin(admin.ModelAdmin):
    """One administrator requests a role; a second one approves or refuses it (ADR 0012).

    A request is never edited or deleted: it is the record of who asked and who decided. Its audit
    events are written by `wio.accounts.grants`, not by `AuditedAdminMixin`.
    """

    form = MembershipRequestForm
    change_form_template = "admin/accounts/membershiprequest/change_form.html"
    list_display = [
        "user",
        "role",
        "organisation",
        "decision",
        "requested_by",
        "requested_at",
        "decided_by",
        "decided_at",
    ]
    list_filter = ["decision", "role"]
    search_fields = ["user__email", "organisation__name", "requested_by__email"]
    raw_id_fields = ["user", "organisation"]
    list_select_related = ["user", "organisation", "requested_by", "decided_by"]
    actions = ["approve_requests", "refuse_requests"]
    request_fields = ["user", "organisation", "role", "reason"]
    decision_fields = ["requested_by", "requested_at", "decision", "decided_by", "decided_at"]

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return self.request_fields if obj is None else self.request_fields + self.decision_fields

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return [] if obj is None else self.request_fields + self.decision_fields

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # decided with the buttons or the list actions, never edited

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # the record of who asked and who decided

    def has_decide_permission(self, request: HttpRequest) -> bool:
        return can_administer_platform(request.user)

    def save_model(self, request: HttpRequest, obj: Any, form: ModelForm, change: bool) -> None:
        if change:
            raise PermissionDenied
        created = grants.membership_request_create(
            user=obj.user,
            organisation=obj.organisation,
            role=obj.role,
            reason=obj.reason,
            actor=audit.actor_from(request=request),
        )
        obj.pk = created.pk
        obj.refresh_from_db()

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: Any = None
    ) -> Any:
        request_obj = self.get_object(request, unquote(object_id))
        decides = request.method == "POST" and ("_approve" in request.POST or "_refuse" in request.POST)
        if request_obj is not None and decides:
            return self._decide_one(request, request_obj, approve="_approve" in request.POST)
        if request_obj is not None and request_obj.is_pending and self.has_decide_permission(request):
            refusal = grants.membership_request_refusal(request_obj=request_obj, approver=request.user)  # type: ignore[arg-type]
            extra_context = {
                **(extra_context or {}),
                "can_decide": True,
                "can_approve": refusal is None,
                "approval_refusal": refusal,
            }
        return super().change_view(request, object_id, form_url, extra_context)

    def _decide_one(
        self, request: HttpRequest, request_obj: MembershipRequest, *, approve: bool
    ) -> HttpResponse:
        if not self.has_decide_permission(request):
            raise PermissionDenied
        self._decide(request, [request_obj], approve=approve)
        return redirect(reverse("admin:accounts_membershiprequest_change", args=[request_obj.pk]))

    def _decide(self, request: HttpRequest, requests: Iterable[MembershipRequest], *, approve: bool) -> None:
        actor = audit.actor_from(request=request)
        for request_obj in requests:
            try:
                if approve:
                    grants.membership_request_approve(request_obj=request_obj, actor=actor)
                    messages.success(request, _("Approved: %(request)s.") % {"request": request_obj})
                else:
                    grants.membership_request_refuse(request_obj=request_obj, actor=actor)
                    messages.success(request, _("Refused: %(request)s.") % {"request": request_obj})
            except grants.GrantError as error:
                messages.error(request, f"{request_obj}: {' '.join(error.messages)}")
            else:  # the admin's own history page shows the decision too
                self.log_change(request, request_obj, [{"changed": {"fields": ["decision"]}}])

    @admin.action(description=_("Approve the selected role requests"), permissions=["decide"])
    def approve_requests(self, request: HttpRequest, queryset: QuerySet[MembershipRequest]) -> None:
        self._decide(request, queryset.select_related("user", "organisation"), approve=True)

    @admin.action(description=_("Refuse the selected role requests"), permissions=["decide"])
    def refuse_requests(self, request: HttpRequest, queryset: QuerySet[MembershipRequest]) -> None:
        self._decide(request, queryset.select_related("user", "organisation"), approve=False)


from . import admin_sign_on  # noqa: E402, F401  (registers the single sign-on pages)
