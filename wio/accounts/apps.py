from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "wio.accounts"
    label = "accounts"
    verbose_name = _("Accounts and organisations")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in
        from django.core import checks
        from django.db.models.signals import post_delete

        from allauth.account.signals import password_reset
        from allauth.account.signals import user_logged_in as allauth_user_logged_in
        from allauth.mfa.models import Authenticator
        from allauth.mfa.signals import authenticator_added, authenticator_used

        from . import receivers
        from .checks import shared_cache_check

        checks.register(shared_cache_check, checks.Tags.caches, checks.Tags.security)

        user_logged_in.connect(receivers.on_user_logged_in, dispatch_uid="wio_session_started")
        allauth_user_logged_in.connect(receivers.on_allauth_logged_in, dispatch_uid="wio_sign_on_login")
        authenticator_used.connect(receivers.on_authenticator_used_or_added, dispatch_uid="wio_mfa_used")
        authenticator_added.connect(receivers.on_authenticator_used_or_added, dispatch_uid="wio_mfa_added")
        post_delete.connect(
            receivers.on_authenticator_deleted, sender=Authenticator, dispatch_uid="wio_mfa_deleted"
        )
        password_reset.connect(receivers.on_password_reset, dispatch_uid="wio_address_verified_by_link")
