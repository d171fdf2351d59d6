import base64
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from cryptography.fernet import Fernet, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF


class AccountAdapter(DefaultAccountAdapter):
    """Accounts are created by a functional administrator; nobody signs up themselves."""

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False

    def pre_authenticate(self, request: HttpRequest, **credentials: Any) -> None:
        """A login refused by the rate limit is an authentication event too (LOG-9)."""
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError as refusal:
            if refusal.code == "too_many_login_attempts":
                from wio.audit.receivers import record_login_locked

                record_login_locked(request, str(credentials.get("email") or ""))
            raise


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
