from django.contrib.admin.apps import AdminConfig


class WioAdminConfig(AdminConfig):
    """The admin, with WIO's site: functional administrators only, behind login and MFA."""

    default_site = "wio.adminsite.WioAdminSite"

    def ready(self) -> None:
        super().ready()  # autodiscovers every app's admin module
        from django.contrib import admin
        from django.contrib.auth.models import Group

        from allauth.account.models import EmailAddress
        from allauth.mfa.models import Authenticator

        # WIO has no use for groups or extra e-mail addresses, and authenticators hold TOTP secrets
        # no administrator should read: a lost device is the "reset two-step verification" action.
        for model in (Group, EmailAddress, Authenticator):
            if admin.site.is_registered(model):
                admin.site.unregister(model)
