"""Fields that invite health information carry a help text and are checked on save (AVG art. 9)."""

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..health_terms import health_terms_in

NO_DIAGNOSIS_HELP = gettext_lazy(
    "Do not write a diagnosis, disorder or medication here: describe what is needed, not why."
)


class HealthTermsCheckMixin(forms.BaseForm):
    """Declare `health_fields`; after a valid submission `health_warning()` says what was found.

    A warning, not an error: the text is saved, and the officer sees at once what to reconsider.
    """

    health_fields: tuple[str, ...] = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in self.health_fields:
            if name in self.fields:
                self.fields[name].help_text = NO_DIAGNOSIS_HELP

    def health_warning(self) -> str:
        """One Dutch sentence naming the fields and the words found; "" when nothing was found."""
        cleaned = getattr(self, "cleaned_data", {}) or {}
        findings = []
        for name in self.health_fields:
            terms = health_terms_in(str(cleaned.get(name) or ""))
            if terms:
                label = str(self.fields[name].label or name)
                findings.append(f"{label}: {', '.join(terms)}")
        if not findings:
            return ""
        return _(
            "Saved, but this looks like health information (%(findings)s). WIO records that something "
            "applies, never a diagnosis, disorder or medication: please rephrase it."
        ) % {"findings": "; ".join(findings)}
