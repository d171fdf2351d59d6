from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from crispy_forms.helper import FormHelper


class DigestPreferenceForm(forms.Form):
    """The weekly e-mail on or off; an unticked box is a valid answer ("off")."""

    weekly_digest = forms.BooleanField(
        label=_("Send me a weekly e-mail on Monday morning with what is overdue or due soon"),
        help_text=_("The e-mail names case references and dates only, never a youth's name."),
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper(self)
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    def enabled(self) -> bool:
        return bool(self.is_valid() and self.cleaned_data["weekly_digest"])
