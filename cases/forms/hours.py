from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from crispy_forms.helper import FormHelper

from wio.accounts.models import Organisation
from wio.date_bounds import RECORDED_PAST, BoundedDatesMixin
from wio.submissions.forms import SubmissionKeyMixin

from ..constants import ActivityCategory, HoursKind
from ..services.hours import validate_hours, validate_worked_on
from .base import DateInput, set_queryset


class HoursField(forms.DecimalField):
    """Hours as people type them: "1,5" as well as "1.5"."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            max_digits=5,
            decimal_places=2,
            widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
            **kwargs,
        )

    def to_python(self, value: Any) -> Any:  # Decimal | None; the stubs type it as IntegerField's
        if isinstance(value, str):
            value = value.strip().replace(" ", "")
            if value.count(",") == 1 and "." not in value:
                value = value.replace(",", ".")
        return super().to_python(value)


class TimeEntryForm(SubmissionKeyMixin, BoundedDatesMixin, forms.Form):
    default_date_span = RECORDED_PAST

    activity = forms.ChoiceField(label=_("Activity"), choices=ActivityCategory.choices)
    kind = forms.ChoiceField(
        label=_("Regular or extra"),
        choices=HoursKind.choices,
        initial=HoursKind.REGULIER,
        widget=forms.RadioSelect,
    )
    hours = HoursField(
        label=_("Hours"),
        help_text=_("For example 1,5 for an hour and a half; at most 24 per entry."),
    )
    worked_on = forms.DateField(label=_("Date"), initial=timezone.localdate, widget=DateInput())
    note = forms.CharField(
        label=_("Note"),
        max_length=300,
        required=False,
        help_text=_("Do not write anything about health or diagnoses here."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper(self)
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    def clean_hours(self) -> Any:
        hours = self.cleaned_data["hours"]
        validate_hours(hours)
        return hours

    def clean_worked_on(self) -> Any:
        worked_on = self.cleaned_data["worked_on"]
        validate_worked_on(worked_on)
        return worked_on

    def entry_data(self) -> dict[str, Any]:
        data = self.cleaned_data
        fields = ("activity", "kind", "hours", "worked_on", "note")
        return {**{name: data[name] for name in fields}, "submission_key": self.submission_key_value()}


class ProjectHoursForm(TimeEntryForm):
    """Hours on the project, not on one case: the officer names the municipality."""

    gemeente = forms.ModelChoiceField(label=_("Municipality"), queryset=Organisation.objects.none())

    field_order = ["gemeente", "activity", "kind", "hours", "worked_on", "note"]

    def __init__(self, *args: Any, gemeenten: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_queryset(self, "gemeente", gemeenten)
        self.fields["gemeente"].empty_label = None  # type: ignore[attr-defined]
