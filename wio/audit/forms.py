from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row, Submit

from ..date_bounds import RECORDED_PAST, BoundedDatesMixin
from .constants import Result
from .event_labels import EVENT_GROUP_CHOICES
from .selectors import AuditFilter

FILTER_FIELDS = ("date_from", "date_to", "actor_email", "youth_ref", "event_type", "result")


class AuditFilterForm(BoundedDatesMixin, forms.Form):
    """Posted, never in a URL: a youth's reference must not land in an access log."""

    default_date_span = RECORDED_PAST

    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("Up to and including"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    actor_email = forms.EmailField(label=_("User (e-mail)"), required=False)
    youth_ref = forms.CharField(label=_("Youth reference"), required=False, max_length=64)
    event_type = forms.ChoiceField(
        label=_("Event type"), required=False, choices=[("", _("All")), *EVENT_GROUP_CHOICES]
    )
    result = forms.ChoiceField(label=_("Result"), required=False, choices=[("", _("All")), *Result.choices])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_method = "post"
        self.helper.layout = Layout(
            # two rows, so no field is squeezed below its widest choice at 1366 px
            Row(
                Column("date_from", css_class="col-md-3"),
                Column("date_to", css_class="col-md-3"),
                Column("actor_email", css_class="col-md-3"),
                Column("youth_ref", css_class="col-md-3"),
            ),
            Row(
                Column("event_type", css_class="col-md-6"),
                Column("result", css_class="col-md-3"),
            ),
            Submit("filter", _("Filter")),
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end date lies before the start date."))
        return cleaned

    def to_filter(self) -> AuditFilter:
        if not self.is_valid():
            return AuditFilter()
        return AuditFilter(**{name: value for name, value in self.cleaned_data.items() if value})
