import base64
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from cryptography.fernet import Fernet, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from . import login_throttle, services, sso


class AccountAdapter(DefaultAccountAdapter):
    """Accounts are created by a functional administrator; nobody signs up themselves."""

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False

    def _get_login_attempts_cache_key(self, request: HttpRequest, **credentials: Any) -> str:
        """allauth's per-"key" failed-login limit counts per account *and* source (issue 9).

        allauth keys it on the login alone, so five wrong passwords from anywhere locked the owner
        out. With the client address in the key they lock only that address for that account; the
        account as a whole is slowed down instead (`login_throttle.seconds_to_wait`).
        """
        key = super()._get_login_attempts_cache_key(request, **credentials)
        return f"{key}:{login_throttle.source_of(request)}"

    def pre_authenticate(self, request: HttpRequest, **credentials: Any) -> None:
        """Refused before the password is checked: a delayed account, or a locked source (LOG-9)."""
        login = login_throttle.login_of(credentials)
        seconds = login_throttle.seconds_to_wait(login)
        if seconds:
            login_throttle.record_refusal(request, login, "auth.login_delayed", seconds=seconds)
            raise login_throttle.delayed_error(seconds)
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError as refusal:
            if refusal.code == "too_many_login_attempts":
                from wio.audit.receivers import record_login_locked

                record_login_locked(request, str(credentials.get("email") or ""))
            raise

    def authentication_failed(self, request: HttpRequest, **credentials: Any) -> None:
        """A wrong password counts towards the account's delay, whatever its source."""
        super().authentication_failed(request, **credentials)
        login_throttle.record_account_failure(login_throttle.login_of(credentials))

    def authenticate(self, request: HttpRequest, **credentials: Any) -> Any:
        """The right password of an account that never enrolled in time is refused (issue 9).

        Checked only after the password matched, so the message tells nobody else which accounts
        expired. The hourly task deactivates such accounts; this covers the time until it runs.
        """
        user = super().authenticate(request, **credentials)
        if user is not None and services.enrolment_expired(user):
            login_throttle.record_refusal(request, user.email, "auth.login_expired")
            raise services.enrolment_expired_error()
        # Confirming the password in a session that is already signed in (allauth's reauthentication,
        # e.g. before enrolling a TOTP after a sign-in through the provider) is no sign-in.
        signing_in = not getattr(getattr(request, "user", None), "is_authenticated", False)
        if user is not None and signing_in and (sign_on := sso.password_login_refused(user)) is not None:
            # Also after the password matched: nobody else learns which organisation an address is in.
            login_throttle.record_refusal(
                request, user.email, "auth.login_sso_required", provider=sign_on.app.provider_id
            )
            raise ValidationError(sso_required_message(str(sign_on.organisation)), code="sso_required")
        return user

    def get_login_stages(self) -> list[str]:
        """allauth's TOTP step, but skipped after a second factor at the organisation's provider."""
        return [
            "wio.accounts.sso_adapter.AuthenticateStage"
            if stage == "allauth.mfa.stages.AuthenticateStage"
            else stage
            for stage in super().get_login_stages()
        ]


def sso_required_message(organisation: str) -> str:
    return gettext(
        "%(organisation)s signs its staff in through its own sign-in page, not with a WIO password. "
        'Use "Sign in through your organisation" below.'
    ) % {"organisation": organisation}


class MfaAdapter(DefaultMFAAdapter):
    """TOTP secrets are stored encrypted (DP-6); decryption tries every configured key (rotation)."""

    def encrypt(self, text: str) -> str:
        return _fernet().encrypt(text.encode()).decode()

    def decrypt(self, encrypted_text: str) -> str:
        return _fernet().decrypt(encrypted_text.encode()).decode()


def _fernet() -> MultiFernet:
    keys = settings.WIO_MFA_ENCRYPTION_KEYS or [_key_from_secret_key()]
    return MultiFernet([Fernet(key) for key in keys])


def _key_from_secret_key() -> bytes:
    """Without configured keys: derived from SECRET_KEY (rotating SECRET_KEY then means re-enrolling)."""
    derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"wio-mfa-secrets").derive(
        settings.SECRET_KEY.encode()
    )
    return base64.urlsafe_b64encode(derived)
