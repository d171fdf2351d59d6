"""The form project staff use to ask for a report: scope, region, period and reference date."""

from datetime import date
from typing import Any, cast

from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from crispy_forms.helper import FormHelper

from monitor.constants import ReportScope
from monitor.publications.reporting_dates import reporting_dates
from wio.accounts.models import Region
from wio.date_bounds import BoundedDatesMixin


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class ReportRequestForm(BoundedDatesMixin, forms.Form):
    scope = forms.ChoiceField(label=_("Report"), choices=ReportScope.choices, initial=ReportScope.NATIONAL)
    region = forms.ModelChoiceField(
        label=_("Region"),
        queryset=Region.objects.order_by("name"),
        required=False,
        help_text=_("Only for a region report."),
    )
    period_start = forms.DateField(label=_("Period from"), widget=DateInput())
    period_end = forms.DateField(label=_("Period up to and including"), widget=DateInput())
    peildatum = forms.TypedChoiceField(
        label=_("Reporting date"),
        coerce=date.fromisoformat,
        help_text=_(
            "Counts are published only for these reporting dates; the report shows what was published "
            "for the date you choose."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.fields["period_start"].initial = today.replace(month=1, day=1)
        self.fields["period_end"].initial = today
        dates = reporting_dates(today)
        peildatum = cast(forms.TypedChoiceField, self.fields["peildatum"])
        peildatum.choices = [(d.isoformat(), formats.date_format(d, "j F Y")) for d in dates]
        peildatum.initial = dates[0].isoformat() if dates else None
        self.helper = FormHelper(self)
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        scope, region = cleaned.get("scope"), cleaned.get("region")
        if scope == ReportScope.REGION and region is None:
            self.add_error("region", _("Choose the region of the report."))
        if scope == ReportScope.NATIONAL:
            cleaned["region"] = None  # a national report covers every region, whatever was chosen
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The period cannot end before it starts."))
        return cleaned
