from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from wio.accounts.constants import OrganisationKind
from wio.accounts.models import Organisation
from wio.date_bounds import DATE_OF_BIRTH
from wio.submissions.forms import SubmissionKeyMixin

from ..consent_rules import age_on
from ..constants import Category, EscalationBasis, LegalBasis, Status, needs_confirmation
from ..models import AbsenteeismDetails, Case, ExemptionDetails
from ..partnerships import swv_serves, swvs_serving
from .base import DateInput, VersionedFormMixin, set_queryset
from .health import HealthTermsCheckMixin

MIN_AGE_YEARS = 3
MAX_AGE_YEARS = 23


SWV_NOT_SERVING = _(
    "%(swv)s does not serve %(gemeente)s. Choose a partnership of the municipality's region; one of "
    "another region only once the functional administrator has linked it to the municipality."
)
CONFIRM_SWV_CHANGE = "confirm_swv_change"


class CaseForm(SubmissionKeyMixin, VersionedFormMixin, forms.ModelForm):
    """Registering or correcting a youth's basic data. There is no field for a medical ground.

    The partnership must serve the municipality (`cases.partnerships`); its coordinator sees the whole
    dossier, so moving a case to another partnership is confirmed with a box that only appears then.
    """

    date_spans = {"date_of_birth": DATE_OF_BIRTH}

    class Meta:
        model = Case
        fields = [
            "first_name",
            "last_name",
            "date_of_birth",
            "gemeente",
            "swv",
            "category",
            "legal_basis",
            "is_project_case",
            "registered_on",
            "escalation_basis",
            "escalation_start_on",
        ]
        widgets = {
            "date_of_birth": DateInput(),
            "registered_on": DateInput(),
            "escalation_start_on": DateInput(),
        }
        help_texts = {
            "swv": _(
                "The partnerships of the municipality's region. One of another region can be chosen once "
                "the functional administrator has linked it to the municipality."
            ),
            "escalation_start_on": _("Leave empty to start the clock at the registration date."),
            "legal_basis": _(
                "The municipality's task under which this file is kept. The partnership's coordinator "
                "reads it for the partnership's duty of care (art. 18a WPO / 17a WVO)."
            ),
        }

    def __init__(self, *args: Any, gemeente_ids: frozenset[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        gemeenten = Organisation.objects.filter(kind=OrganisationKind.GEMEENTE, pk__in=gemeente_ids)
        if self.instance.pk and self.instance.gemeente_id not in gemeente_ids:
            # A coordinator may correct the dossier but not move it to another municipality.
            gemeenten = Organisation.objects.filter(pk=self.instance.gemeente_id)
            self.fields["gemeente"].disabled = True
        set_queryset(self, "gemeente", gemeenten)
        self.stored_swv_id: int | None = self.instance.swv_id if self.instance.pk else None
        self.stored_gemeente_id: int | None = self.instance.gemeente_id if self.instance.pk else None
        swvs = swvs_serving(list(gemeenten.values_list("pk", flat=True)))
        if self.stored_swv_id is not None:  # a case registered before the rule keeps its partnership
            swvs = swvs | Organisation.objects.filter(pk=self.stored_swv_id)
        set_queryset(self, "swv", swvs.distinct().select_related("region").order_by("name"))
        self.swv_change_warning = ""
        if self._swv_change_posted():
            self.fields[CONFIRM_SWV_CHANGE] = forms.BooleanField(
                label=_("Yes, move the case to this partnership"), required=False
            )
        category = self.fields["category"]
        category.choices = [("", _("Choose a category")), *Category.choices]  # type: ignore[attr-defined]
        self.fields["escalation_start_on"].required = False
        # Preselected in the form; a client that leaves it out keeps the default (leerplicht).
        self.fields["legal_basis"].required = False
        self.fields["escalation_basis"].initial = EscalationBasis.REGISTRATIE
        if gemeenten.count() == 1 and not self.instance.pk:
            self.fields["gemeente"].initial = gemeenten.first()
        self.prepare_helper()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        born, registered = cleaned.get("date_of_birth"), cleaned.get("registered_on")
        if born and registered and not MIN_AGE_YEARS <= age_on(born, registered) <= MAX_AGE_YEARS:
            self.add_error(
                "date_of_birth",
                _(
                    "On the registration date this youth would be %(age)d; "
                    "WIO follows youths of %(min)d to %(max)d."
                )
                % {"age": age_on(born, registered), "min": MIN_AGE_YEARS, "max": MAX_AGE_YEARS},
            )
        if not cleaned.get("legal_basis"):
            cleaned["legal_basis"] = self.instance.legal_basis or LegalBasis.LEERPLICHT
        if not cleaned.get("escalation_start_on") and cleaned.get("registered_on"):
            cleaned["escalation_start_on"] = cleaned["registered_on"]
        self._clean_swv(cleaned)
        return cleaned

    def _swv_change_posted(self) -> bool:
        """An edit whose posted partnership differs from the stored one."""
        if not self.is_bound or self.stored_swv_id is None:
            return False
        posted = self.data.get(self.add_prefix("swv"))
        return bool(posted) and posted != str(self.stored_swv_id)

    def _clean_swv(self, cleaned: dict[str, Any]) -> None:
        gemeente: Organisation | None = cleaned.get("gemeente")
        swv: Organisation | None = cleaned.get("swv")
        if gemeente is None or swv is None:
            return
        unchanged = (gemeente.pk, swv.pk) == (self.stored_gemeente_id, self.stored_swv_id)
        if not unchanged and not swv_serves(swv_id=swv.pk, gemeente_id=gemeente.pk):
            self.add_error("swv", SWV_NOT_SERVING % {"swv": swv, "gemeente": gemeente})
            return
        if self.stored_swv_id is None or swv.pk == self.stored_swv_id or cleaned.get(CONFIRM_SWV_CHANGE):
            return
        old = Organisation.objects.get(pk=self.stored_swv_id)
        self.swv_change_warning = _(
            "With this change the coordinator of %(new)s gets access to the whole dossier "
            "and %(old)s loses it."
        ) % {"new": swv, "old": old}
        self.add_error(
            CONFIRM_SWV_CHANGE, _("Tick the box to confirm that the case moves to another partnership.")
        )

    def case_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class CaseFieldGroupForm(VersionedFormMixin, forms.ModelForm):
    """Edits one group of fields on the case itself (regie, youth voice, offer, escalation)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.prepare_helper()

    def case_data(self) -> dict[str, Any]:
        fields: list[str] = self._meta.fields or []  # type: ignore[assignment]
        return {name: self.cleaned_data[name] for name in fields}


class RegieForm(CaseFieldGroupForm):
    class Meta:
        model = Case
        fields = [
            "casusregisseur",
            "procesregisseur_needed",
            "procesregie_reason",
            "interests",
            "advice_commitment",
            "administrative_commitment",
            "escalation_route_needed",
            "escalation_route",
        ]
        widgets = {
            "interests": forms.Textarea(attrs={"rows": 3}),
            "administrative_commitment": forms.Textarea(attrs={"rows": 2}),
            "escalation_route": forms.Textarea(attrs={"rows": 2}),
        }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("procesregisseur_needed") and not cleaned.get("procesregie_reason"):
            self.add_error("procesregie_reason", _("Say why a process director is needed."))
        return cleaned


class YouthVoiceForm(CaseFieldGroupForm):
    class Meta:
        model = Case
        fields = ["youth_wishes", "youth_ideas"]
        widgets = {
            "youth_wishes": forms.Textarea(attrs={"rows": 3}),
            "youth_ideas": forms.Textarea(attrs={"rows": 3}),
        }


class OfferForm(CaseFieldGroupForm):
    class Meta:
        model = Case
        fields = [
            "offer_description",
            "offer_durable",
            "offer_agreed_by_parents",
            "offer_agreed_by_youth",
            "offer_agreed_by_professionals",
            "offer_agreed_on",
        ]
        widgets = {
            "offer_description": forms.Textarea(attrs={"rows": 3}),
            "offer_agreed_on": DateInput(),
        }

    def clean(self) -> dict[str, Any]:
        """A19: an offer only counts as passend when durable and agreed by everyone."""
        cleaned = super().clean() or {}
        complete = all(
            cleaned.get(name)
            for name in (
                "offer_description",
                "offer_durable",
                "offer_agreed_by_parents",
                "offer_agreed_by_youth",
                "offer_agreed_by_professionals",
            )
        )
        if cleaned.get("offer_agreed_on") and not complete:
            self.add_error(
                "offer_agreed_on",
                _(
                    "An offer only counts as suitable when it is durable and parents, youth and "
                    "all professionals agree. Leave the date empty until then."
                ),
            )
        return cleaned


class EscalationForm(CaseFieldGroupForm):
    class Meta:
        model = Case
        fields = ["escalation_basis", "escalation_start_on", "casusregie_on", "doorbraakteam_checked_on"]
        widgets = {
            "escalation_start_on": DateInput(),
            "casusregie_on": DateInput(),
            "doorbraakteam_checked_on": DateInput(),
        }


class ExemptionForm(HealthTermsCheckMixin, CaseFieldGroupForm):
    health_fields = ("doctor_question",)

    class Meta:
        model = ExemptionDetails
        fields = [
            "applicant",
            "applied_on",
            "doctor_assessment_done",
            "doctor_assessed_on",
            "doctor_question",
            "education_involved",
            "granted_on",
            "valid_until",
            "last_contact_on",
        ]
        widgets = {
            "applied_on": DateInput(),
            "doctor_assessed_on": DateInput(),
            "granted_on": DateInput(),
            "valid_until": DateInput(),
            "last_contact_on": DateInput(),
            "doctor_question": forms.Textarea(attrs={"rows": 2}),
            "education_involved": forms.NullBooleanSelect(),
        }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        granted, until = cleaned.get("granted_on"), cleaned.get("valid_until")
        if granted and until and until < granted:
            self.add_error("valid_until", _("The end date lies before the date it was granted."))
        return cleaned


class AbsenteeismForm(CaseFieldGroupForm):
    class Meta:
        model = AbsenteeismDetails
        fields = ["investigation_status", "investigation_on", "last_school"]
        widgets = {"investigation_on": DateInput()}


class StatusForm(forms.Form):
    """A person moves the case: forward steps first, steps back apart under "Back to".

    `forward` and `back` are the statuses this user may choose (cases.constants.hand_transitions,
    filtered by permission). The first forward step is preselected, never a step back.
    """

    to_status = forms.ChoiceField(
        label=_("Move the case to"),
        error_messages={"invalid_choice": _("The case cannot move to this status from here.")},
        widget=forms.Select(attrs={"id": "to_status", "class": "form-select form-select-sm"}),
    )
    note = forms.CharField(
        label=_("Note or reason"),
        required=False,
        max_length=500,
        widget=forms.Textarea(
            attrs={"id": "status_note", "rows": 2, "maxlength": 500, "class": "form-control form-control-sm"}
        ),
    )

    def __init__(self, *args: Any, current: str, forward: list[str], back: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.current = current
        choices: list[Any] = [(status, Status(status).label) for status in forward]
        if not forward:
            choices.insert(0, ("", _("Choose…")))
        if back:
            choices.append((_("Back to"), [(status, Status(status).label) for status in back]))
        field = self.fields["to_status"]
        field.choices = choices  # type: ignore[attr-defined]
        field.initial = forward[0] if forward else ""
        self.has_choices = bool(forward or back)

    def needs_confirmation(self) -> bool:
        target = self.data.get("to_status", "")
        return target in Status.values and needs_confirmation(self.current, target)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        target = cleaned.get("to_status")
        if target and needs_confirmation(self.current, target) and not cleaned.get("note", "").strip():
            self.add_error("note", _("Give a reason for going back or closing."))
        return cleaned


class CaseFilterForm(forms.Form):
    q = forms.CharField(label=_("Name or case reference"), required=False, max_length=100)
    category = forms.ChoiceField(
        label=_("Category"), required=False, choices=[("", _("All")), *Category.choices]
    )
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("All")), *Status.choices])
    # Plain choices from the organisations the view has read: a model choice field would read them
    # again, through a server-side cursor, each time the page is drawn.
    swv = forms.TypedChoiceField(label=_("Partnership"), required=False, coerce=int, empty_value=None)
    gemeente = forms.TypedChoiceField(label=_("Municipality"), required=False, coerce=int, empty_value=None)
    escalation = forms.ChoiceField(
        label=_("Escalation"),
        required=False,
        choices=[
            ("", _("All")),
            ("overdue", _("Overdue")),
            ("due_soon", _("Due within a week")),
            ("on_track", _("On track")),
            ("done", _("Suitable offer reached")),
        ],
    )
    project_case = forms.ChoiceField(
        label=_("Project case"),
        required=False,
        choices=[("", _("All")), ("yes", _("Yes")), ("no", _("No"))],
    )
    ordering = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("-registered_on", _("Newest first")),
            ("registered_on", _("Oldest first")),
            ("name", _("Name")),
            ("status", _("Status")),
            ("escalation", _("Escalation start")),
            ("next_milestone", _("Next milestone")),
            ("-last_activity", _("Last activity")),
        ],
    )

    def __init__(self, *args: Any, swvs: Any, gemeenten: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, organisations in (("swv", swvs), ("gemeente", gemeenten)):
            cast(forms.TypedChoiceField, self.fields[name]).choices = [
                ("", _("All")),
                *((org.pk, org.name) for org in organisations),
            ]
        for field in self.fields.values():
            field.widget.attrs["class"] = (
                "form-select" if isinstance(field, forms.ChoiceField) else "form-control"
            )

    def full_clean(self) -> None:
        """The list draws these fields without crispy (templates/includes/filter_field.html, one
        template per field instead of crispy's dozen): mark invalid ones as crispy would."""
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                attrs = self.fields[name].widget.attrs
                attrs["class"] += " is-invalid"
                attrs["aria-describedby"] = f"id_{name}_error"
