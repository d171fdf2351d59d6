from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

import pytest

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "password",
    [
        "Password1",  # short and common
        "aaaaaaaaaaaaaaaa",  # long but one character
        "123456789012345",  # numbers only
        "password1234",  # on Django's common-password list
    ],
)
def test_weak_passwords_are_refused(password: str) -> None:
    with pytest.raises(ValidationError):
        validate_password(password, user=UserFactory.build())


@pytest.mark.parametrize(
    "password",
    [
        "een lange zin als wachtwoord is prima",  # no composition rules (AUTH-2)
        "w" * 10 + "ij mogen 64 tekens gebruiken zonder dat het wordt geweigerd!!",
    ],
)
def test_long_passphrases_are_accepted(password: str) -> None:
    refusals: list[str] = []
    try:
        validate_password(password, user=UserFactory.build())
    except ValidationError as refusal:
        refusals = refusal.messages
    assert refusals == []
