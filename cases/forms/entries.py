"""One ModelForm per dossier section; choices of people are limited to the case's own."""

from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wio.accounts.constants import Role
from wio.accounts.models import User
from wio.date_bounds import BoundedDatesMixin
from wio.submissions.forms import SubmissionKeyMixin
from wio.submissions.selectors import ids_made_by

from ..consent_rules import consent_giver_problem
from ..constants import CONSENTING_ROLES, PREPARATION_NVT_ALLOWED, PreparationStatus
from ..models import (
    ActionItem,
    Arrangement,
    Case,
    Consent,
    Conversation,
    Development,
    Goal,
    Involved,
    Knelpunt,
    Movement,
    Narrative,
    Outcome,
    Plan,
    PreparationItem,
    Referral,
    TimelineEntry,
)
from .base import DateInput, TodayForNewMixin, VersionedFormMixin, set_queryset
from .health import HealthTermsCheckMixin

TEXTAREA = forms.Textarea(attrs={"rows": 3})


class EntryForm(TodayForNewMixin, SubmissionKeyMixin, VersionedFormMixin, forms.ModelForm):
    many_fields: tuple[str, ...] = ()

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.case = case
        for name in self.many_fields:  # each declares CheckboxSelectMultiple in its Meta.widgets
            set_queryset(self, name, Involved.objects.filter(case=case).order_by("name"))
        self.prepare_helper()

    def entry_data(self) -> dict[str, Any]:
        fields: list[str] = self._meta.fields or []  # type: ignore[assignment]
        return {name: self.cleaned_data[name] for name in fields if name not in self.many_fields}

    def many_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.many_fields}


CONFIRM_SAME_PERSON = "confirm_same_person"


class InvolvedForm(EntryForm):
    """A betrokkene. Someone with the same name and role on the case is named first (issue 14)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.namesake = self._posted_namesake()
        if self.namesake is not None:
            self.fields[CONFIRM_SAME_PERSON] = forms.BooleanField(
                label=_("Yes, this is another person with the same name and role"), required=False
            )
            self.prepare_helper()

    def _posted_namesake(self) -> Involved | None:
        if not self.is_bound:
            return None
        name = str(self.data.get(self.add_prefix("name"), "")).strip()
        role = self.data.get(self.add_prefix("role"), "")
        if not name or not role:
            return None
        same = Involved.objects.filter(case=self.case, name__iexact=name, role=role)
        if self.instance.pk:
            same = same.exclude(pk=self.instance.pk)
        # The same rendered form sent again names the person it made itself: no question then.
        key = self.data.get(self.add_prefix("submission_key"))
        return same.exclude(pk__in=ids_made_by(key, Involved)).first()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.namesake is not None and not cleaned.get(CONFIRM_SAME_PERSON):
            self.add_error(
                CONFIRM_SAME_PERSON,
                _(
                    "%(name)s is already listed as %(role)s on this case. Tick the box if this is "
                    "another person; otherwise cancel and change the existing entry."
                )
                % {"name": self.namesake.name, "role": self.namesake.get_role_display()},
            )
        return cleaned

    class Meta:
        model = Involved
        fields = [
            "name",
            "role",
            "organisation_name",
            "contact",
            "has_parental_authority",
            "has_mandate",
            "is_senior",
            "knows_network",
            "is_outsider",
            "spoke_with_youth",
            "interests",
        ]
        widgets = {"interests": TEXTAREA}
        help_texts = {
            "has_parental_authority": _(
                "A parent or guardian with parental authority (gezag) gives consent for a youth under 16."
            ),
        }


class TimelineEntryForm(EntryForm):
    many_fields = ("involved",)
    today_fields = ("occurred_on",)

    class Meta:
        model = TimelineEntry
        fields = ["occurred_on", "entry_type", "description", "result", "involved"]
        widgets = {
            "occurred_on": DateInput(),
            "description": TEXTAREA,
            "result": TEXTAREA,
            "involved": forms.CheckboxSelectMultiple,
        }


class ConsentForm(EntryForm):
    many_fields = ("shared_with",)
    today_fields = ("given_on",)

    class Meta:
        model = Consent
        fields = ["person", "given_by", "scope", "given_on", "shared_with", "note"]
        widgets = {"given_on": DateInput(), "shared_with": forms.CheckboxSelectMultiple}
        help_texts = {
            "given_by": _(
                "A youth of 16 or older consents for themselves; for a younger youth a person with "
                "parental authority does."
            ),
        }

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, case=case, **kwargs)
        set_queryset(self, "person", Involved.objects.filter(case=case, role__in=CONSENTING_ROLES))
        self.fields["person"].help_text = _(
            "Parents, guardians and the youth give consent. Add them under people involved first."
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        person, given_by, given_on = cleaned.get("person"), cleaned.get("given_by"), cleaned.get("given_on")
        if person and given_by and given_on:
            problem = consent_giver_problem(
                case=self.case, person=person, given_by=given_by, given_on=given_on
            )
            if problem:
                self.add_error("given_by", problem)
        return cleaned


class ConversationForm(EntryForm):
    """No date preset: conversations are mostly planned ahead, and today would be a wrong plan."""

    many_fields = ("attendees",)

    class Meta:
        model = Conversation
        fields = [
            "kind",
            "held_on",
            "is_held",
            "duration_minutes",
            "attendees",
            "youth_took_part",
            "topics",
            "outcome",
        ]
        widgets = {
            "held_on": DateInput(),
            "topics": TEXTAREA,
            "outcome": TEXTAREA,
            "attendees": forms.CheckboxSelectMultiple,
        }


class DevelopmentForm(HealthTermsCheckMixin, EntryForm):
    health_fields = ("description",)
    today_fields = ("noted_on",)

    class Meta:
        model = Development
        fields = [
            "form",
            "description",
            "noted_on",
            "recognised_by_education",
            "recognised_by_gemeente",
        ]
        widgets = {"noted_on": DateInput(), "description": TEXTAREA}


class MovementForm(EntryForm):
    today_fields = ("occurred_on",)

    class Meta:
        model = Movement
        fields = ["occurred_on", "description", "contributing_factors"]
        widgets = {"occurred_on": DateInput(), "description": TEXTAREA, "contributing_factors": TEXTAREA}


class ActionItemForm(EntryForm):
    class Meta:
        model = ActionItem
        fields = ["description", "owner", "owner_name", "due_on", "done_on"]
        widgets = {"due_on": DateInput(), "done_on": DateInput()}
        help_texts = {
            "owner_name": _("Someone without a WIO account, e.g. a parent or a care partner."),
        }

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, case=case, **kwargs)
        # Only colleagues who work on this case can be given an action in WIO.
        colleagues = (
            User.objects.people()
            .filter(
                Q(
                    memberships__organisation_id=case.gemeente_id,
                    memberships__role__in=(Role.LPA, Role.ONDERSTEUNER),
                )
                | Q(memberships__organisation_id=case.swv_id, memberships__role=Role.SWV_COORDINATOR)
            )
            .distinct()
            .order_by("first_name", "last_name")
        )
        set_queryset(self, "owner", colleagues)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("owner") and not cleaned.get("owner_name"):
            self.add_error("owner_name", _("Name an action holder: a WIO user or someone else."))
        return cleaned


class PlanForm(EntryForm):
    class Meta:
        model = Plan
        fields = ["is_active", "perspective", "education", "home", "leisure"]
        widgets = {"education": TEXTAREA, "home": TEXTAREA, "leisure": TEXTAREA}


class GoalForm(EntryForm):
    class Meta:
        model = Goal
        fields = ["plan", "description", "domain", "owner_name", "evaluate_on", "status"]
        widgets = {"evaluate_on": DateInput()}

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, case=case, **kwargs)
        set_queryset(self, "plan", Plan.objects.filter(case=case))


class ArrangementForm(EntryForm):
    class Meta:
        model = Arrangement
        fields = ["kind", "description", "funding_source", "funding_notes", "status", "decided_on"]
        widgets = {"decided_on": DateInput(), "description": TEXTAREA, "funding_notes": TEXTAREA}


class ReferralForm(EntryForm):
    today_fields = ("referred_on",)

    class Meta:
        model = Referral
        fields = [
            "kind",
            "referred_on",
            "composition",
            "parents_consented",
            "parents_representative",
            "note",
        ]
        widgets = {"referred_on": DateInput(), "composition": TEXTAREA, "note": TEXTAREA}


class OutcomeForm(EntryForm):
    today_fields = ("recorded_on",)

    class Meta:
        model = Outcome
        fields = ["perspective", "rating", "description", "recorded_on"]
        widgets = {"recorded_on": DateInput(), "description": TEXTAREA}

    def clean_rating(self) -> int | None:
        rating: int | None = self.cleaned_data.get("rating")
        if rating is not None and not 1 <= rating <= 5:
            raise forms.ValidationError(_("Give a rating from 1 to 5."))
        return rating


class NarrativeForm(HealthTermsCheckMixin, EntryForm):
    health_fields = ("view_on_exemption",)

    class Meta:
        model = Narrative
        fields = [
            "movement",
            "what_was_done",
            "what_was_tried",
            "trajectory",
            "obstacles",
            "what_works",
            "view_on_exemption",
            "contributed_to_development",
            "more_possible",
        ]
        widgets = dict.fromkeys(fields, TEXTAREA)


class KnelpuntForm(
    TodayForNewMixin, HealthTermsCheckMixin, SubmissionKeyMixin, BoundedDatesMixin, forms.ModelForm
):
    health_fields = ("description",)
    today_fields = ("raised_on",)

    class Meta:
        model = Knelpunt
        fields = ["category", "description", "addressed_to", "raised_on"]
        widgets = {"raised_on": DateInput(), "description": TEXTAREA}


class PreparationItemForm(HealthTermsCheckMixin, VersionedFormMixin, forms.ModelForm):
    health_fields = ("note",)  # the "Indicatie" item invites a diagnosis

    class Meta:
        model = PreparationItem
        fields = ["status", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.prepare_helper()

    def clean_status(self) -> str:
        status: str = self.cleaned_data["status"]
        if status == PreparationStatus.NVT and self.instance.kind not in PREPARATION_NVT_ALLOWED:
            raise forms.ValidationError(_("Only the case file can be marked not applicable."))
        return status
