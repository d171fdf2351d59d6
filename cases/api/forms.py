"""An API body as the data of the form a page posts, so every write passes the same validation."""

from typing import Any
from uuid import UUID

from django import forms
from django.db.models import Model
from django.forms.models import model_to_dict
from django.utils.translation import gettext as _

from rest_framework.exceptions import ParseError, ValidationError


def _plain(value: Any) -> Any:
    """A stored value as a form expects it posted: objects as ids, lists of objects as lists of ids."""
    if isinstance(value, Model):
        return value.pk
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


SCALARS = (str, int, float, bool)


def _shape_errors(form_class: type[forms.Form], payload: dict[str, Any]) -> dict[str, list[str]]:
    """A value of the wrong JSON shape: a list where one value belongs, or an object anywhere. The
    form would read such a value as a browser never sends it (and crash); refused here instead."""
    errors: dict[str, list[str]] = {}
    for name, value in payload.items():
        many = isinstance(
            form_class.base_fields.get(name), forms.MultipleChoiceField | forms.ModelMultipleChoiceField
        )
        if value is None:
            continue
        if many and not (isinstance(value, list) and all(isinstance(item, SCALARS) for item in value)):
            errors[name] = [_("Give a list of ids.")]
        elif not many and not isinstance(value, SCALARS):
            errors[name] = [_("Give one value, not a list or object.")]
    return errors


def _as_posted(form_class: type[forms.Form], name: str, value: Any) -> Any:
    """A JSON value as a browser would post it: text, except a tick box's true or false."""
    if value is None or isinstance(form_class.base_fields.get(name), forms.BooleanField):
        return value
    if isinstance(value, list):
        return [str(item) for item in value]
    return str(value)


def form_data(
    form_class: type[forms.Form],
    payload: Any,
    *,
    instance: Model | None = None,
    accepted: list[str],
    version: int | None = None,
    key: UUID | None = None,
) -> dict[str, Any]:
    """The posted data: the stored values of `instance` (a partial update), overlaid with `payload`.

    A field the form does not know is refused, not ignored: a misspelt name would otherwise lose what
    the client meant to record.
    """
    if not isinstance(payload, dict):
        raise ParseError(_("Send a JSON object."))
    unknown = sorted(set(payload) - set(accepted))
    if unknown:
        raise ValidationError({name: [_("WIO has no such field here.")] for name in unknown})
    wrong_shape = _shape_errors(form_class, payload)
    if wrong_shape:
        raise ValidationError(wrong_shape)
    data: dict[str, Any] = {}
    if instance is not None:
        stored = model_to_dict(instance, fields=list(form_class.Meta.fields))  # type: ignore[attr-defined]
        data.update({name: _plain(value) for name, value in stored.items()})
    data.update({name: _as_posted(form_class, name, value) for name, value in payload.items()})
    if version is not None:
        data["version"] = version
    if key is not None:
        data["submission_key"] = str(key)
    return {name: value for name, value in data.items() if value is not None}


def errors_of(form: forms.BaseForm) -> dict[str, list[str]]:
    return {
        ("non_field_errors" if name == "__all__" else name): [str(message) for message in messages]
        for name, messages in form.errors.items()
    }
