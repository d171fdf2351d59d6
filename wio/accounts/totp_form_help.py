"""The TOTP step says what to do: the code field has focus, and a code used a moment ago is named as such.

allauth refuses a code that was already used in its 30-second window with the same message as a
wrong one ("incorrect code"), which leaves someone who signs in twice in quick succession typing the
same correct code again. Its used-code marker lives in the cache; when it is there, WIO says so.
"""

from typing import Any

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils.translation import gettext

from allauth.core.internal.cryptokit import normalize_user_code
from allauth.mfa.models import Authenticator


def _code_was_just_used(user: Any, code: str) -> bool:
    totp = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    if totp is None:
        return False
    # The key allauth's TOTP.validate_code marks a used code with (allauth/mfa/totp/internal/auth.py).
    key = f"allauth.mfa.totp.used?user={totp.user_id}&code={normalize_user_code(code)}"
    try:
        return cache.get(key) is not None
    except Exception:
        return False


class TotpFormHelpMixin:
    user: Any
    fields: dict[str, Any]
    data: Any

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["code"].widget.attrs["autofocus"] = True

    def clean_code(self) -> str:
        try:
            code: str = super().clean_code()  # type: ignore[misc]
        except ValidationError as error:
            typed = str(self.data.get("code", ""))
            if error.code == "incorrect_code" and typed and _code_was_just_used(self.user, typed):
                raise ValidationError(
                    gettext(
                        "This code has just been used. Wait for the next code in your authenticator "
                        "app (a new one appears every 30 seconds) and enter that one."
                    ),
                    code="code_already_used",
                ) from error
            raise
        return code
