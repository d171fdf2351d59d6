from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from crispy_forms.helper import FormHelper

from cases.identity_check import identity_error, meeting_place_findings
from wio.accounts.models import Organisation
from wio.submissions.forms import SubmissionKeyMixin
from wio.version_token import version_field

from ..models import MeetingPlace

CHOOSE = _("Choose…")


class MeetingPlaceForm(SubmissionKeyMixin, forms.Form):
    """Adding (with a partnership to choose when the coordinator has more than one) and editing."""

    swv = forms.ModelChoiceField(
        label=_("Partnership"), queryset=Organisation.objects.none(), empty_label=CHOOSE
    )
    name = forms.CharField(
        label=_("Name"),
        max_length=120,
        help_text=_("For example: Gemeentehuis, zaal 2. An office, school or meeting room, never a home."),
    )
    address = forms.CharField(
        label=_("Address"), max_length=200, help_text=_("For example: Stationsplein 1, Emmen.")
    )
    version = version_field()

    def __init__(
        self,
        *args: Any,
        partnerships: QuerySet[Organisation],
        place: MeetingPlace | None = None,
        **kwargs: Any,
    ) -> None:
        if place is not None:
            kwargs.setdefault(
                "initial",
                {"swv": place.swv_id, "name": place.name, "address": place.address, "version": place.version},
            )
        super().__init__(*args, **kwargs)
        self.place = place
        swv = self.fields["swv"]
        swv.queryset = partnerships  # type: ignore[attr-defined]
        if place is not None:
            del self.fields["swv"]  # a place stays with its partnership
            del self.fields["submission_key"]
        elif len(partnerships) == 1:
            swv.initial = partnerships[0].pk
            swv.widget = forms.HiddenInput()
        self.helper = FormHelper(self)
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    def partnership(self) -> Organisation:
        if self.place is not None:
            return self.place.swv
        chosen: Organisation = self.cleaned_data["swv"]
        return chosen

    def expected_version(self) -> int:
        return int(self.cleaned_data.get("version") or 1)

    def clean(self) -> dict[str, Any]:
        """A place belongs to no case: checked for a home, a reference, a phone number and the like,
        not against families' names (a town such as Beek or Berg is a surname too; ADR 0020)."""
        cleaned = super().clean() or {}
        for field in ("name", "address"):
            findings = meeting_place_findings(cleaned.get(field) or "")
            if findings:
                self.add_error(field, forms.ValidationError(identity_error(findings), code="identifying"))
        return cleaned  # a second place by the same name is refused by the service
