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
        from oauth2_provider.models import AccessToken, Application, Grant, IDToken, RefreshToken

        # WIO has no use for groups or extra e-mail addresses, and authenticators hold TOTP secrets
        # no administrator should read: a lost device is the "reset two-step verification" action.
        # API credentials are managed as API clients (wio.api.admin), never as raw OAuth2 rows.
        oauth_models = (AccessToken, Application, Grant, IDToken, RefreshToken)
        for model in (Group, EmailAddress, Authenticator, *oauth_models):
            if admin.site.is_registered(model):
                admin.site.unregister(model)
