"""Forms for stories, rode draden, lessons, accountability and the list filters (validation only)."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.db.models import Model
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from crispy_forms.helper import FormHelper

from cases.constants import KnelpuntCategory, KnelpuntStatus
from cases.forms.base import DateInput, VersionedFormMixin
from cases.forms.identity import IdentityCheckedFormMixin
from cases.identity_check import known_people_for_texts, regions_filter
from monitor.constants import StoryStatus
from monitor.models import Lesson, Story, Theme
from monitor.permissions import AnyUser
from monitor.stories.learning import knelpunt_choices, reflection_choices
from monitor.stories.selectors import story_choices
from wio.accounts.models import Region
from wio.date_bounds import BoundedDatesMixin
from wio.submissions.forms import SubmissionKeyMixin

TEXTAREA = forms.Textarea(attrs={"rows": 4})


def _helper(form: forms.BaseForm) -> FormHelper:
    helper = FormHelper(form)
    helper.form_tag = False
    helper.disable_csrf = True
    return helper


class StoryForm(IdentityCheckedFormMixin, SubmissionKeyMixin, VersionedFormMixin, forms.ModelForm):
    identity_checked_fields = ("title", "text")

    class Meta:
        model = Story
        fields = ["perspective", "title", "text", "positive_experience", "themes"]
        widgets = {"text": forms.Textarea(attrs={"rows": 12}), "themes": forms.CheckboxSelectMultiple}
        help_texts = {
            "text": _(
                "Write it so that nobody can recognise the youth or the family: no names, dates of "
                "birth, schools, places or other details that point to one child."
            ),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = Theme.objects.order_by("name")  # type: ignore[attr-defined]
        self.fields["themes"].required = False
        self.prepare_helper()

    def story_data(self) -> dict[str, Any]:
        return {
            name: self.cleaned_data[name] for name in ("perspective", "title", "text", "positive_experience")
        }


class StoryFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All except withdrawn")), *StoryStatus.choices]
    )
    region = forms.ModelChoiceField(
        label=_("Region"), required=False, queryset=Region.objects.order_by("name"), empty_label=_("All")
    )
    theme = forms.ModelChoiceField(
        label=_("Common thread"),
        required=False,
        queryset=Theme.objects.order_by("name"),
        empty_label=_("All"),
    )


class LabelledMultipleChoice(forms.ModelMultipleChoiceField):
    """Checkboxes whose labels say what a record is without showing anything about a child."""

    def __init__(self, *, describe: Callable[[Any], str], **kwargs: Any) -> None:
        super().__init__(widget=forms.CheckboxSelectMultiple, required=False, **kwargs)
        self.describe = describe

    def label_from_instance(self, obj: Model) -> str:
        return self.describe(obj)


def _story_label(story: Story) -> str:
    return f"{story.title} · {story.region.name} · {story.get_status_display()}"


def _knelpunt_label(knelpunt: Any) -> str:
    return " · ".join(
        (
            str(KnelpuntCategory(knelpunt.category).label),
            str(KnelpuntStatus(knelpunt.status).label),
            knelpunt.region_name or str(_("no region")),
            date_format(knelpunt.raised_on, "j F Y"),
        )
    )


def _reflection_label(reflection: Any) -> str:
    heading = reflection.theme or str(_("Reflection"))
    text = Truncator(reflection.text).chars(120)
    return f"{heading} · {reflection.region_name or _('no region')}: {text}"


class ThemeForm(IdentityCheckedFormMixin, SubmissionKeyMixin, forms.ModelForm):
    """A rode draad; the reflections offered are those the user may read (`reflection_choices`)."""

    identity_checked_fields = ("name", "description")

    stories = LabelledMultipleChoice(label=_("Stories"), queryset=Story.objects.none(), describe=_story_label)
    knelpunten = LabelledMultipleChoice(
        label=_("Bottlenecks"), queryset=Story.objects.none(), describe=_knelpunt_label
    )
    reflections = LabelledMultipleChoice(
        label=_("Beraad reflections (common threads)"),
        queryset=Story.objects.none(),
        describe=_reflection_label,
    )

    class Meta:
        model = Theme
        fields = ["name", "description"]
        widgets = {"description": TEXTAREA}

    def __init__(self, *args: Any, user: AnyUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: dict[str, Any] = self.fields
        fields["stories"].queryset = story_choices()
        fields["knelpunten"].queryset = knelpunt_choices()
        fields["reflections"].queryset = reflection_choices(user)
        if self.instance.pk:
            self.initial.setdefault("stories", list(self.instance.stories.values_list("pk", flat=True)))
            self.initial.setdefault("knelpunten", list(self.instance.knelpunten.values_list("pk", flat=True)))
            self.initial.setdefault(
                "reflections", list(self.instance.reflections.values_list("pk", flat=True))
            )
        self.helper = _helper(self)

    def reflections_to_link(self) -> list[Any]:
        """The ticked reflections, plus the ones already linked that this user may not read: the
        form does not offer those, and saving it must not drop them (ADR 0016)."""
        chosen = list(self.cleaned_data["reflections"])
        if not self.instance.pk:
            return chosen
        offered = self.fields["reflections"].queryset.values("pk")  # type: ignore[attr-defined]
        return chosen + list(self.instance.reflections.exclude(pk__in=offered))

    def validate_unique(self) -> None:
        """A new thread's name is checked where it is saved (services.learning.theme_create), after
        the submission key: a repeated click then finds its first submission, not a "name in use"."""
        if self.instance.pk:
            super().validate_unique()


class LessonForm(IdentityCheckedFormMixin, SubmissionKeyMixin, forms.ModelForm):
    """A lesson is read by every region: checked against the cases of the region it comes from."""

    identity_checked_fields = ("title", "text")

    class Meta:
        model = Lesson
        fields = ["region", "title", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = Region.objects.order_by("name")  # type: ignore[attr-defined]
        self.helper = _helper(self)

    def clean(self) -> dict[str, Any]:
        region = self.cleaned_data.get("region")
        texts = [value for value in self.cleaned_data.values() if isinstance(value, str)]
        self.known_people = known_people_for_texts(texts, regions_filter([region.pk] if region else []))
        return super().clean()


class RegionFilterForm(forms.Form):
    region = forms.ModelChoiceField(
        label=_("Region"), required=False, queryset=Region.objects.order_by("name"), empty_label=_("All")
    )


class AccountabilityForm(IdentityCheckedFormMixin, VersionedFormMixin):
    """Van Donkelaar's three questions for one region and period (DOMAIN.md §6.6)."""

    period_start = forms.DateField(label=_("Period from"), widget=DateInput())
    period_end = forms.DateField(label=_("Period up to and including"), widget=DateInput())
    needed = forms.CharField(
        label=_("What this group of youths needs to learn and develop"),
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    possible_now = forms.CharField(
        label=_("What can be realised within the current possibilities"),
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    needed_for_more = forms.CharField(
        label=_("What is needed to realise what is not yet possible"),
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.prepare_helper()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The end of the period lies before its start."))
        return cleaned

    identity_checked_fields = ("needed", "possible_now", "needed_for_more")

    def expected_version(self) -> int:
        """0 when the form was opened on a period without answers."""
        return int(self.cleaned_data.get("version") or 0)

    def answers(self) -> dict[str, str]:
        return {name: self.cleaned_data[name] for name in ("needed", "possible_now", "needed_for_more")}


class PeriodForm(BoundedDatesMixin, forms.Form):
    """The period whose answers the accountability page opens (from the query string)."""

    period_start = forms.DateField(required=False)
    period_end = forms.DateField(required=False)


class HotspotFilterForm(forms.Form):
    category = forms.ChoiceField(
        label=_("Category"), required=False, choices=[("", _("All categories")), *KnelpuntCategory.choices]
    )
