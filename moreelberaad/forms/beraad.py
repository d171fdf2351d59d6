from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from crispy_forms.helper import FormHelper

from cases.constants import CONSENTING_ROLES, InvolvedRole
from cases.forms.base import choice_label
from cases.forms.identity import IdentityCheckedFormMixin
from cases.identity_check import identity_error, place_findings
from cases.models import Case, Involved
from wio.date_bounds import BERAAD_MOMENT, BoundedDatesMixin
from wio.submissions.forms import SubmissionKeyMixin
from wio.version_token import version_field

from ..constants import Method, ParticipantCategory, ProposedBy
from ..models import Beraad, MeetingPlace, Participant
from ..permissions import linkable_users
from ..selectors import meeting_place_choices
from .meeting_places import CHOOSE

# A betrokkene's role maps onto a participant category.
CATEGORY_FOR_ROLE: dict[str, str] = {
    InvolvedRole.OUDER: ParticipantCategory.OUDER,
    InvolvedRole.VOOGD: ParticipantCategory.OUDER,
    InvolvedRole.PLEEGOUDER: ParticipantCategory.OUDER,
    InvolvedRole.JEUGDIGE: ParticipantCategory.JEUGDIGE,
    InvolvedRole.LPA: ParticipantCategory.LPA,
    InvolvedRole.SWV: ParticipantCategory.SWV,
    InvolvedRole.DOA: ParticipantCategory.SWV,
    InvolvedRole.GEMEENTE: ParticipantCategory.GEMEENTE,
    InvolvedRole.ZORGPARTNER: ParticipantCategory.ZORGPARTNER,
    InvolvedRole.GESPECIALISEERD_ONDERWIJS: ParticipantCategory.GESPECIALISEERD_ONDERWIJS,
    InvolvedRole.GEDRAGSWERK: ParticipantCategory.GEDRAGSWERK_OZJ,
    InvolvedRole.OZJ: ParticipantCategory.GEDRAGSWERK_OZJ,
    InvolvedRole.RELEVANTE_ANDER: ParticipantCategory.RELEVANTE_ANDER,
}


class VersionedForm(BoundedDatesMixin, forms.ModelForm):
    version = version_field()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
        self.helper = FormHelper(self)
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    def expected_version(self) -> int:
        return int(self.cleaned_data.get("version") or 1)

    def model_data(self) -> dict[str, Any]:
        fields: list[str] = self._meta.fields or []  # type: ignore[assignment]
        return {name: self.cleaned_data[name] for name in fields}


class BeraadForm(IdentityCheckedFormMixin, SubmissionKeyMixin, VersionedForm):
    """Planning (a create form: its key is claimed) and editing a beraad."""

    # A link typed without a scheme is https (Django 6's default, chosen now).
    online_link = forms.URLField(label=_("online link"), required=False, assume_scheme="https")
    date_spans = {"starts_at": BERAAD_MOMENT}

    class Meta:
        model = Beraad
        fields = [
            "starts_at",
            "duration_minutes",
            "meeting_place",
            "location",
            "online_link",
            "planned_sessions",
            "method",
            "method_other_steps",
            "ethical_question",
            "concrete_example",
            "central_question",
        ]
        widgets = {
            "starts_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "method_other_steps": forms.Textarea(attrs={"rows": 3}),
            "ethical_question": forms.Textarea(attrs={"rows": 3}),
            "concrete_example": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {"location": _("or another place")}
        help_texts = {
            "meeting_place": _("One of your partnership's meeting places; the invitation names it."),
            "location": _(
                "Only when the session is held elsewhere: an office, school or meeting room, "
                "never a home, a name or an address of the family."
            ),
        }

    def __init__(self, *args: Any, swv_id: int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if swv_id is None and self.instance.pk:
            swv_id = self.instance.case.swv_id
        places = self.fields["meeting_place"]
        places.empty_label = CHOOSE  # type: ignore[attr-defined]
        places.queryset = (  # type: ignore[attr-defined]
            meeting_place_choices(swv_id, self.instance.meeting_place_id)
            if swv_id
            else MeetingPlace.objects.none()
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        starts_at = cleaned.get("starts_at")
        if starts_at and not self.instance.pk and starts_at < timezone.now():
            self.add_error("starts_at", _("A new beraad is planned in the future."))
        place, typed = cleaned.get("meeting_place"), cleaned.get("location")
        if place and typed:
            self.add_error("location", _("Choose a meeting place or type another place, not both."))
        elif not place and not typed and not cleaned.get("online_link"):
            self.add_error("location", _("Give a place or an online link."))
        self._check_place(typed or "")
        if cleaned.get("method") == Method.OTHER and not cleaned.get("method_other_steps"):
            self.add_error("method_other_steps", _("Describe the steps of the method you use."))
        duration = cleaned.get("duration_minutes")
        if duration is not None and not 15 <= duration <= 480:
            self.add_error("duration_minutes", _("A beraad lasts between 15 minutes and 8 hours."))
        return cleaned

    def _check_place(self, location: str) -> None:
        """The place goes into every invitation and calendar (ADR 0016): no home, no name, no address."""
        findings = place_findings(location, self._known()) if location else []
        if findings:
            self.add_error("location", forms.ValidationError(identity_error(findings), code="identifying"))


class ParticipantForm(SubmissionKeyMixin, VersionedForm):
    class Meta:
        model = Participant
        fields = [
            "involved",
            "name",
            "email",
            "category",
            "organisation_name",
            "user",
            "is_gespreksleider",
            "is_notulist",
            "has_mandate",
            "spoke_with_youth",
            "proposed_by",
        ]
        help_texts = {
            "involved": _("Pick someone from the case's people involved, or fill in a new person below."),
            "user": _(
                "Only for participants with a WIO account: officers of the case's municipality, "
                "coordinators of its partnership and project staff, e.g. the one leading the session."
            ),
        }

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        involved = self.fields["involved"]
        involved.queryset = Involved.objects.filter(case=case)  # type: ignore[attr-defined]
        involved.label_from_instance = choice_label  # type: ignore[attr-defined]
        # The case's municipality, its partnership and project staff: nobody else is offered, and a
        # posted id of anyone else is "not one of the available choices".
        users = linkable_users(case).order_by("last_name", "first_name", "email")
        self.fields["user"].queryset = users  # type: ignore[attr-defined]
        self.fields["name"].required = False
        self.fields["category"].required = False
        self.fields["proposed_by"].initial = ProposedBy.PARENTS

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        person: Involved | None = cleaned.get("involved")
        if person is not None:
            cleaned["name"] = cleaned.get("name") or person.name
            cleaned["category"] = cleaned.get("category") or CATEGORY_FOR_ROLE.get(
                person.role, ParticipantCategory.OVERIGE_PROFESSIONAL
            )
            cleaned["organisation_name"] = cleaned.get("organisation_name") or person.organisation_name
            cleaned["spoke_with_youth"] = cleaned.get("spoke_with_youth") or person.spoke_with_youth
            cleaned["has_mandate"] = cleaned.get("has_mandate") or person.has_mandate
            if person.role in CONSENTING_ROLES and not cleaned.get("email") and "@" in person.contact:
                cleaned["email"] = person.contact
        if not cleaned.get("name"):
            self.add_error("name", _("Give a name, or pick someone from the people involved."))
        if not cleaned.get("category"):
            self.add_error("category", _("Choose a category."))
        return cleaned


class WaiverForm(forms.Form):
    reason = forms.CharField(
        label=_("Why does the beraad go ahead although the preparation is not ready?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )
    version = version_field()
