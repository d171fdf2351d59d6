from django import forms
from django.utils.translation import gettext_lazy as _

from ..constants import Answer

ATTENDED, ABSENT = "yes", "no"


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the beraad cancelled?"),
        help_text=_("Stays in WIO; the cancellation e-mail to the participants does not mention it."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


class AnswerForm(forms.Form):
    """A participant's answer and/or attendance; a field left empty is not changed."""

    answer = forms.ChoiceField(label=_("Answer"), choices=[("", "–"), *Answer.choices], required=False)
    attended = forms.ChoiceField(
        label=_("Attendance"),
        choices=[("", "–"), (ATTENDED, _("Was there")), (ABSENT, _("Was absent"))],
        required=False,
    )

    def clean(self) -> dict[str, object]:
        cleaned = super().clean() or {}
        if not cleaned.get("answer") and not cleaned.get("attended"):
            raise forms.ValidationError(_("Choose an answer or the attendance."))
        return cleaned

    def attended_value(self) -> bool | None:
        value = self.cleaned_data.get("attended")
        return None if not value else value == ATTENDED
