"""Single sign-on in the admin (ADR 0032): the functional administrator adds the organisation's
OpenID provider (allauth's `SocialApp`) and ties it to the organisation with `OrganisationSignOn`."""

from django.contrib import admin

import allauth.socialaccount.admin as allauth_admin  # registers allauth's admins, replaced below
from allauth.socialaccount.models import SocialApp, SocialToken

from .admin import AuditedAdminMixin
from .models import OrganisationSignOn

# WIO keeps no tokens (SOCIALACCOUNT_STORE_TOKENS is off); the page would only invite storing them.
admin.site.unregister(SocialToken)
admin.site.unregister(SocialApp)


@admin.register(SocialApp)
class SocialAppAdmin(AuditedAdminMixin, allauth_admin.SocialAppAdmin):
    list_display = ("name", "provider", "provider_id")


@admin.register(OrganisationSignOn)
class OrganisationSignOnAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["organisation", "app", "password_login_allowed"]
    list_filter = ["password_login_allowed"]
    search_fields = ["organisation__name", "organisation__code", "app__provider_id"]
    raw_id_fields = ["organisation"]
    list_select_related = ["organisation", "app"]
