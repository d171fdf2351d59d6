"""Deleting a case registered in error, and approving a destruction list (ADR 0014)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from crispy_forms.helper import FormHelper

from ..constants import ApproverRole


class _PlainForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper(self)
        self.helper.form_tag = False
        self.helper.disable_csrf = True


class DeleteInErrorForm(_PlainForm):
    registered_in_error = forms.BooleanField(
        label=_("This case was registered in error (a wrong youth, a duplicate, a test)"),
        error_messages={"required": _("Confirm that the case was registered in error.")},
    )
    note = forms.CharField(
        label=_("Why was it registered in error?"),
        help_text=_("Kept with the record of the deletion. Do not name the youth or their family."),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Give the reason for deleting the case.")},
    )

    def clean_note(self) -> str:
        note = str(self.cleaned_data["note"]).strip()
        if not note:
            raise forms.ValidationError(_("Give the reason for deleting the case."), code="required")
        return note


class DestructionApprovalForm(_PlainForm):
    role = forms.ChoiceField(
        label=_("I approve as"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the role in which you approve.")},
    )
    checked = forms.BooleanField(
        label=_("I have checked the list: these closed cases may be destroyed"),
        error_messages={"required": _("Confirm that you checked the list.")},
    )

    def __init__(self, *args: Any, roles: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(role, ApproverRole(role).label) for role in roles]
        role_field = self.fields["role"]
        role_field.choices = choices  # type: ignore[attr-defined]
        if len(choices) == 1:
            role_field.initial = choices[0][0]
