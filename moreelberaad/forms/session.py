"""Forms for recording a session: steps, perspectives, minutes, outcome, evaluation, reflections."""

import re
from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout

from cases.forms.base import choice_label
from cases.forms.identity import IdentityCheckedFormMixin
from cases.models import Case
from wio.accounts.constants import Role
from wio.accounts.models import User
from wio.date_bounds import BoundedDatesMixin
from wio.submissions.forms import SubmissionKeyMixin
from wio.version_token import version_field

from ..constants import LearningLevel
from ..models import Beraad, Evaluation, OrganisationCommitment, Participant, Perspective, Reflection
from ..services.session import NOT_YET_SAVED

TEXTAREA = forms.Textarea(attrs={"rows": 4})
SHORT_TEXTAREA = forms.Textarea(attrs={"rows": 2})

# The dilemma is stored as readable text in the step record (the labels are part of the data).
DILEMMA_PATTERN = re.compile(
    r"\AA: (?P<option_a>[^\n]*)\nLast van A: (?P<burden_a>.*?)"
    r"\nB: (?P<option_b>[^\n]*)\nLast van B: (?P<burden_b>.*)\Z",
    re.DOTALL,
)


def dilemma_content(*, option_a: str, burden_a: str, option_b: str, burden_b: str) -> str:
    return f"A: {option_a}\nLast van A: {burden_a}\nB: {option_b}\nLast van B: {burden_b}"


def parse_dilemma(content: str) -> dict[str, str]:
    """The four parts of a stored dilemma; text written otherwise lands in the burden of A."""
    match = DILEMMA_PATTERN.match(content)
    if match is None:
        return {"option_a": "", "burden_a": content, "option_b": "", "burden_b": ""}
    return match.groupdict()


def _helper(form: forms.BaseForm) -> FormHelper:
    helper = FormHelper(form)
    helper.form_tag = False
    helper.disable_csrf = True
    return helper


class RecordVersionMixin(forms.Form):
    """The version the user started from; 0 when nothing had been saved yet, so a parallel first save
    by someone else is a conflict rather than a silent overwrite."""

    version = version_field()

    def expected_version(self) -> int:
        return int(self.cleaned_data.get("version") or NOT_YET_SAVED)


class StepForm(RecordVersionMixin):
    content = forms.CharField(label=_("Record"), widget=forms.Textarea(attrs={"rows": 10}), max_length=20000)

    def __init__(self, *args: Any, label: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if label:
            self.fields["content"].label = label
        self.helper = _helper(self)

    @classmethod
    def initial_for(cls, content: str, version: int) -> dict[str, Any]:
        return {"content": content, "version": version}

    def record_content(self) -> str:
        return str(self.cleaned_data["content"])


class DilemmaForm(RecordVersionMixin):
    option_a = forms.CharField(label=_("Option A"), max_length=500)
    burden_a = forms.CharField(label=_("Moral burden of A"), widget=TEXTAREA, max_length=5000)
    option_b = forms.CharField(label=_("Option B"), max_length=500)
    burden_b = forms.CharField(label=_("Moral burden of B"), widget=TEXTAREA, max_length=5000)

    def __init__(self, *args: Any, label: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["option_a"].help_text = _("What is the one thing you could do? One line.")
        self.fields["burden_a"].help_text = _("What is lost or harmed if you choose A?")
        self.helper = _helper(self)

    @classmethod
    def initial_for(cls, content: str, version: int) -> dict[str, Any]:
        return {**parse_dilemma(content), "version": version}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for name in ("option_a", "option_b"):
            if "\n" in cleaned.get(name, ""):
                self.add_error(name, _("Write the option on one line."))
        return cleaned

    def record_content(self) -> str:
        names = ("option_a", "burden_a", "option_b", "burden_b")
        return dilemma_content(**{name: str(self.cleaned_data[name]).strip() for name in names})


class SessionModelForm(RecordVersionMixin, forms.ModelForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version if self.instance.pk else NOT_YET_SAVED
        self.helper = _helper(self)

    def model_data(self) -> dict[str, Any]:
        fields: list[str] = self._meta.fields or []  # type: ignore[assignment]
        return {name: self.cleaned_data[name] for name in fields}


class PerspectiveForm(SubmissionKeyMixin, SessionModelForm):
    choice = forms.ChoiceField(
        label=_("Choice (A or B)"),
        choices=[("", "–"), ("A", "A"), ("B", "B")],
        required=False,
    )

    class Meta:
        model = Perspective
        fields = ["participant", "perspective", "values", "norms", "choice", "argument"]
        widgets = {
            "perspective": SHORT_TEXTAREA,
            "values": SHORT_TEXTAREA,
            "norms": SHORT_TEXTAREA,
            "argument": SHORT_TEXTAREA,
        }

    def __init__(self, *args: Any, beraad: Beraad, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        participant = self.fields["participant"]
        participant.queryset = Participant.objects.filter(beraad=beraad)  # type: ignore[attr-defined]
        participant.label_from_instance = choice_label  # type: ignore[attr-defined]


class NotesForm(RecordVersionMixin):
    notes = forms.CharField(
        label=_("Minutes"), widget=forms.Textarea(attrs={"rows": 16}), required=False, max_length=100000
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper(self)


class OutcomeForm(IdentityCheckedFormMixin, SessionModelForm):
    """The advice goes to participants without a login when the parents agree: then it is checked."""

    def identity_fields_to_check(self) -> tuple[str, ...]:
        return ("advice",) if self.cleaned_data.get("share_outcome_with_guests") else ()

    class Meta:
        model = Beraad
        fields = [
            "advice",
            "advice_commitment",
            "administrative_commitment",
            "escalation_route",
            "next_session",
            "share_outcome_with_guests",
        ]
        widgets = {
            "advice": TEXTAREA,
            "administrative_commitment": SHORT_TEXTAREA,
            "escalation_route": SHORT_TEXTAREA,
            "next_session": forms.RadioSelect,
        }
        help_texts = {
            "escalation_route": _("Is a route to a higher (governance) level needed? Which?"),
            "share_outcome_with_guests": _("Only the agreed outcome, never the case's data."),
        }


class CommitmentForm(IdentityCheckedFormMixin, SubmissionKeyMixin, forms.ModelForm):
    """A commitment is part of the outcome e-mail to participants without a login (ADR 0016)."""

    prefix = "commitment"
    identity_checked_fields = ("organisation_name", "commitment")

    class Meta:
        model = OrganisationCommitment
        fields = ["organisation_name", "commitment"]
        widgets = {"commitment": SHORT_TEXTAREA}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper(self)


def case_colleagues(case: Case) -> Any:
    """WIO users who work on this case: its gemeente's LPAs and ondersteuners, its SWV's coordinators."""
    return (
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


class FollowUpActionForm(SubmissionKeyMixin, BoundedDatesMixin, forms.Form):
    description = forms.CharField(label=_("Action"), max_length=500)
    owner = forms.ModelChoiceField(
        label=_("Action holder (WIO user)"), queryset=User.objects.none(), required=False
    )
    owner_name = forms.CharField(
        label=_("Action holder"),
        max_length=200,
        required=False,
        help_text=_("Someone without a WIO account, e.g. a parent or a care partner."),
    )
    due_on = forms.DateField(
        label=_("Due date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        owner = self.fields["owner"]
        owner.queryset = case_colleagues(case)  # type: ignore[attr-defined]
        self.helper = _helper(self)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("owner") and not cleaned.get("owner_name"):
            self.add_error("owner_name", _("Name an action holder: a WIO user or someone else."))
        return cleaned


RATINGS = [("", "–"), *((str(n), str(n)) for n in range(1, 6))]
RATING_HELP = _("1 = not at all, 5 = fully.")

# The three goals of Moreel Beraad: each one question, answered with a rating and an explanation.
EVALUATION_GOALS = (
    ("case_quality", _("Quality of care and education in the case")),
    ("moral_competence", _("Professional moral competence")),
    ("organisational_learning", _("Learning as organisations and policy")),
)


def _rating() -> forms.TypedChoiceField:
    # "–" is a real answer: a goal may stay unrated (the model allows it, and so do evaluations on record).
    return forms.TypedChoiceField(
        label=_("Rating (1–5)"),
        choices=RATINGS,
        coerce=int,
        empty_value=None,
        required=False,
        help_text=RATING_HELP,
    )


class EvaluationForm(SessionModelForm):
    """Per goal a fieldset: the question is its legend, once; the rating and the explanation have
    their own short labels (as in the evaluation table of the outcome panel), so a screen reader
    hears the question with each field and nobody reads it twice."""

    case_quality_rating = _rating()
    moral_competence_rating = _rating()
    organisational_learning_rating = _rating()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, _question in EVALUATION_GOALS:
            self.fields[name].label = _("Explanation")
        self.helper.layout = Layout(
            *(
                Fieldset(question, f"{name}_rating", name, css_class="evaluation-goal")
                for name, question in EVALUATION_GOALS
            ),
            "version",
        )

    class Meta:
        model = Evaluation
        fields = [
            "case_quality_rating",
            "case_quality",
            "moral_competence_rating",
            "moral_competence",
            "organisational_learning_rating",
            "organisational_learning",
        ]
        widgets = {
            "case_quality": SHORT_TEXTAREA,
            "moral_competence": SHORT_TEXTAREA,
            "organisational_learning": SHORT_TEXTAREA,
        }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        answers = [cleaned.get(name) for name in self._meta.fields or []]
        if not any(value not in (None, "") for value in answers):
            raise forms.ValidationError(_("Rate or describe at least one of the three goals."))
        return cleaned


class ReflectionForm(IdentityCheckedFormMixin, SubmissionKeyMixin, forms.ModelForm):
    """A rode draad is meant for the monitor, outside the case file: it is checked (ADR 0016)."""

    def identity_fields_to_check(self) -> tuple[str, ...]:
        return ("theme", "text") if self.cleaned_data.get("level") == LearningLevel.RODE_DRAAD else ()

    class Meta:
        model = Reflection
        fields = ["level", "theme", "text"]
        widgets = {"level": forms.RadioSelect, "text": TEXTAREA}
        help_texts = {
            "theme": _(
                "A few words, e.g. 'waiting lists' — rode draden are grouped by theme in the monitor."
            ),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        level = self.fields["level"]
        level.choices = LearningLevel.choices  # type: ignore[attr-defined]  # radios need no empty choice
        self.helper = _helper(self)
