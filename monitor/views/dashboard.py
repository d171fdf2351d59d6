from datetime import date
from typing import cast

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from monitor.dashboard import dashboard_for
from monitor.publications.reporting_dates import reporting_dates
from monitor.services.publications import publication_for
from monitor.views.common import monitor_user_required
from wio.audit import services as audit
from wio.audit.constants import Action, Purpose


class PeildatumForm(forms.Form):
    """Only the reporting dates can be chosen: counts exist for those dates only (ADR 0017)."""

    peildatum = forms.TypedChoiceField(
        label=_("Reporting date"), required=False, coerce=date.fromisoformat, empty_value=None
    )

    def __init__(self, *args: object, dates: list[date], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = cast(forms.TypedChoiceField, self.fields["peildatum"])
        field.choices = [(d.isoformat(), formats.date_format(d, "j F Y")) for d in dates]
        field.error_messages["invalid_choice"] = _(
            "Counts are published only for the reporting dates in this list; the latest is shown."
        )


def chosen_reporting_date(form: PeildatumForm, dates: list[date]) -> date | None:
    """The chosen reporting date, else the latest one (None before the first one has passed)."""
    if form.is_valid() and form.cleaned_data.get("peildatum"):
        return form.cleaned_data["peildatum"]
    return dates[0] if dates else None


@monitor_user_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    dates = reporting_dates()
    form = PeildatumForm(request.GET or None, dates=dates)
    peildatum = chosen_reporting_date(form, dates)
    actor = audit.actor_from(request=request)
    audit.record_event(
        actor=actor,
        action=Action.READ,
        event_type="monitor.dashboard",
        purpose=Purpose.MONITORING,
        detail={"peildatum": peildatum.isoformat() if peildatum else None},
    )
    board = dashboard_for(publication_for(peildatum, actor)) if peildatum else None
    return render(request, "monitor/dashboard.html", {"form": form, "board": board})
