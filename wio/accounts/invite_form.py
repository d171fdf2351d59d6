"""The administrator's form for a new user: who they are and which role to request, no password."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .constants import Role
from .models import Organisation, User


class UserInviteForm(forms.ModelForm):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.order_by("name"),
        empty_label=_("Choose…"),
    )
    role = forms.ChoiceField(label=_("Role"), choices=[("", _("Choose…")), *Role.choices])

    class Meta:
        model = User
        fields = ["email", "first_name", "last_name"]
        help_texts = {
            "email": _(
                "The new user receives a link at this address to choose a password; the link works once, for 72 hours. The role takes effect when a second administrator approves it."  # noqa: E501
            )
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["first_name"].required = True
        self.fields["last_name"].required = True

    def save(self, commit: bool = True) -> User:
        user: User = super().save(commit=False)  # the admin's save_model invites through the service
        return user
