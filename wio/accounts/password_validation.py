from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class RepeatedCharacterValidator:
    """Rejects passwords made of a handful of repeated characters ("aaaaaaaaaaaa").

    AUTH-2 forbids composition rules, so this checks variety, not character classes.
    """

    def __init__(self, min_distinct_characters: int = 5) -> None:
        self.min_distinct_characters = min_distinct_characters

    def validate(self, password: str, user: object = None) -> None:
        if len(set(password)) < self.min_distinct_characters:
            raise ValidationError(
                _("This password repeats too few different characters."),
                code="password_too_repetitive",
            )

    def get_help_text(self) -> str:
        return _("Your password must contain at least %(count)d different characters.") % {
            "count": self.min_distinct_characters
        }
