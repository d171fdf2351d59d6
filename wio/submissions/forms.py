from typing import Any
from uuid import UUID, uuid4

from django import forms


class SubmissionKeyMixin(forms.Form):
    """A create form carries a fresh key each time it is rendered; the service claims it once."""

    submission_key = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["submission_key"] = uuid4()

    def submission_key_value(self) -> UUID | None:
        key: UUID | None = self.cleaned_data.get("submission_key")
        return key
