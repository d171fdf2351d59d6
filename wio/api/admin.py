"""API clients in the admin: created with credentials shown once, revoked after a confirmation."""

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wio.accounts.models import MembershipRequest, Organisation
from wio.audit import services as audit
from wio.confirmation import confirmation_context, is_confirmed

from . import services
from .models import ApiClient

CREDENTIALS_TEMPLATE = "admin/api/apiclient/credentials.html"
CONFIRMATION_TEMPLATE = "admin/action_confirmation.html"
_NEW_CLIENT_ATTRIBUTE = "_wio_new_api_client"


class ApiClientForm(forms.ModelForm):
    """Only the kinds of organisation a client can act for are offered (`services.ROLE_FOR_KIND`)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "organisation" in self.fields:
            field = self.fields["organisation"]
            field.queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
                kind__in=list(services.ROLE_FOR_KIND)
            ).order_by("name")

    class Meta:
        model = ApiClient
        fields = ["name", "organisation", "may_write"]
        help_texts = {
            "name": _("The system that connects, such as the municipality's school attendance package."),
            "may_write": _(
                "Without it the client only reads. Its role is approved by a second administrator."
            ),
        }


@admin.register(ApiClient)
class ApiClientAdmin(admin.ModelAdmin):
    form = ApiClientForm
    list_display = ["name", "organisation", "may_write", "approval", "created_at", "revoked_at"]
    list_filter = ["may_write"]
    search_fields = ["name", "organisation__name"]
    actions = ["revoke"]
    readonly_fields = ["client_id", "approval", "created_by", "created_at", "revoked_at"]

    @admin.display(description=_("client ID"))
    def client_id(self, obj: ApiClient) -> str:
        return obj.application.client_id

    @admin.display(description=_("access"))
    def approval(self, obj: ApiClient) -> str:
        if obj.is_revoked:
            return str(_("Revoked"))
        pending = MembershipRequest.objects.filter(user_id=obj.service_user_id, decided_at__isnull=True)
        return str(_("Awaiting approval") if pending.exists() else _("Active"))

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is None:
            return ["name", "organisation", "may_write"]
        return ["name", "organisation", "may_write", *self.readonly_fields]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is None:
            return []
        return ["name", "organisation", "may_write", *self.readonly_fields]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # revoking keeps the client, and what it did, on record

    def save_model(self, request: HttpRequest, obj: ApiClient, form: forms.ModelForm, change: bool) -> None:
        if change:
            return
        made = services.api_client_create(
            actor=audit.actor_from(request=request),
            name=obj.name,
            organisation=obj.organisation,
            may_write=obj.may_write,
        )
        obj.pk = made.client.pk
        setattr(request, _NEW_CLIENT_ATTRIBUTE, made)

    def response_add(
        self, request: HttpRequest, obj: ApiClient, post_url_continue: str | None = None
    ) -> HttpResponse:
        """The secret, once: only its hash is stored, so this page is the only place it is shown."""
        made: services.NewClient = getattr(request, _NEW_CLIENT_ATTRIBUTE)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Credentials of %(name)s") % {"name": made.client.name},
            "opts": ApiClient._meta,
            "client": made.client,
            "client_id": made.client.application.client_id,
            "client_secret": made.client_secret,
        }
        response = TemplateResponse(request, CREDENTIALS_TEMPLATE, context)
        response["Cache-Control"] = "no-store, private"
        return response

    @admin.action(description=_("Revoke the selected API clients"))
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiClient]) -> TemplateResponse | None:
        selected = sorted(client.pk for client in queryset)
        if not is_confirmed(request, "revoke_api_clients", *selected):
            context = {
                **self.admin_site.each_context(request),
                **confirmation_context(request, "revoke_api_clients", *selected),
                "title": _("Revoke these API clients?"),
                "heading": _("Revoke these API clients?"),
                "opts": ApiClient._meta,
                "queryset": queryset,
                "items_heading": _("API clients"),
                "item_labels": [f"{client.name} ({client.organisation})" for client in queryset],
                "consequence": _(
                    "Their tokens stop working at once and they get no new ones. The systems that use "
                    "them can no longer read or change anything in WIO."
                ),
                "confirm_label": _("Revoke"),
                "action": "revoke",
                "irreversible": True,
                "confirm_layout": "admin/base_site.html",
                "back_url": reverse("admin:api_apiclient_changelist"),
            }
            status = 409 if context["confirm_stale"] else 200
            return TemplateResponse(request, CONFIRMATION_TEMPLATE, context, status=status)
        actor = audit.actor_from(request=request)
        for client in queryset:
            services.api_client_revoke(client=client, actor=actor)
        messages.success(
            request, _("The selected API clients have been revoked; their tokens no longer work.")
        )
        return None
