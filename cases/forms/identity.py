"""Forms whose text leaves the case file: every listed field passes the identity check (ADR 0016)."""

from collections.abc import Callable
from typing import Any, ClassVar

from django import forms

from ..identity_check import KnownPeople, identity_error, identity_findings


class IdentityCheckedFormMixin(forms.BaseForm):
    """Adds an error to each field in `identity_checked_fields` whose text identifies a youth.

    `known` says whose names, birthdays and references count (a case, a region, every case); a form
    without it checks the patterns only (references, addresses, postcodes, phone, e-mail, "geboren").
    It may be a function, called only when a submitted form is cleaned (a page shown reads nothing).
    """

    identity_checked_fields: ClassVar[tuple[str, ...]] = ()

    def __init__(
        self, *args: Any, known: KnownPeople | Callable[[], KnownPeople] | None = None, **kwargs: Any
    ) -> None:
        self.known_people = known
        super().__init__(*args, **kwargs)

    def _known(self) -> KnownPeople | None:
        if callable(self.known_people):
            self.known_people = self.known_people()
        return self.known_people

    def identity_fields_to_check(self) -> tuple[str, ...]:
        return self.identity_checked_fields

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        texts = {name: cleaned.get(name) for name in self.identity_fields_to_check()}
        for name, value in texts.items():
            findings = identity_findings(value, self._known()) if isinstance(value, str) and value else []
            if findings:
                self.add_error(name, forms.ValidationError(identity_error(findings), code="identifying"))
        return cleaned
