"""The version a form carries for optimistic locking, read safely from what the browser sent back.

It is a hidden field, so anyone can send anything in it; a value that is not a version is a bad
request (400 with a Dutch page), never a crash.
"""

from typing import Any

from django import forms
from django.core.exceptions import BadRequest, ValidationError
from django.utils.translation import gettext as _

# PostgreSQL's integer: a larger number cannot be a stored version.
MAX_VERSION = 2**31 - 1


def version_field() -> forms.IntegerField:
    return forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0, max_value=MAX_VERSION)


def posted_version(data: Any) -> int:
    """The version a plain POST button (delete, withdraw, done) carries; 0 when absent."""
    try:
        version = version_field().clean(data.get("version"))
    except ValidationError as error:
        raise BadRequest(_("This form was sent back in a form WIO did not make. Reload the page.")) from error
    return int(version or 0)
