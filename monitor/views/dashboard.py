from datetime import date

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from wio.audit import services as audit
from wio.audit.constants import Action, Purpose
from wio.date_bounds import RECORDED_PAST, BoundedDatesMixin

from ..dashboard import dashboard_for
from .common import monitor_user_required


class PeildatumForm(BoundedDatesMixin, forms.Form):
    default_date_span = RECORDED_PAST

    peildatum = forms.DateField(
        label=_("Reference date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


def _peildatum(form: PeildatumForm) -> date:
    today = timezone.localdate()
    if form.is_valid() and form.cleaned_data.get("peildatum"):
        return min(form.cleaned_data["peildatum"], today)
    return today


@monitor_user_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    form = PeildatumForm(request.GET or None)
    peildatum = _peildatum(form)
    audit.record_event(
        actor=audit.actor_from(request=request),
        action=Action.READ,
        event_type="monitor.dashboard",
        purpose=Purpose.MONITORING,
        detail={"peildatum": peildatum.isoformat()},
    )
    return render(request, "monitor/dashboard.html", {"form": form, "board": dashboard_for(peildatum)})
