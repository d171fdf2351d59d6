from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from crispy_forms.helper import FormHelper

from wio.date_bounds import BoundedDatesMixin
from wio.version_token import version_field


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class TodayForNewMixin(forms.BaseForm):
    """The date fields in `today_fields` of a new record start at today (the local date,
    Europe/Amsterdam): what a worker logs mostly happened today. Only the initial value: what the
    user posted, or the date of a record being changed, always wins."""

    today_fields: tuple[str, ...] = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        instance = getattr(self, "instance", None)
        if instance is not None and instance.pk is not None:
            return
        for name in self.today_fields:
            self.fields[name].initial = timezone.localdate


class VersionedFormMixin(BoundedDatesMixin, forms.Form):
    """Carries the version the user started editing from, for the conflict check; bounds its dates."""

    version = version_field()

    def prepare_helper(self) -> None:
        self.helper = FormHelper(self)
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    def expected_version(self) -> int:
        return int(self.cleaned_data.get("version") or 1)


def choice_label(obj: Any) -> str:
    """A choice's label on the page: rows about a youth keep names out of __str__ (and so out of
    logs) and give their readable label as `choice_label`."""
    return str(getattr(obj, "choice_label", None) or obj)


def set_queryset(form: forms.BaseForm, name: str, queryset: Any) -> None:
    """Narrow a model choice field to what this user and case may choose."""
    field = form.fields[name]
    if not isinstance(field, forms.ModelChoiceField):
        raise TypeError(f"{name} is not a model choice field")
    field.queryset = queryset
    field.label_from_instance = choice_label  # type: ignore[method-assign]


def with_version(instance: Any) -> dict[str, Any]:
    return {"version": getattr(instance, "version", 1)}


CONFLICT_MESSAGE = _(
    "Someone else changed this in the meantime. Your changes have not been saved; "
    "below you see the current version. Make your change again if it is still needed."
)
