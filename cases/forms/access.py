from django import forms
from django.utils.translation import gettext_lazy as _


class AccessRequestForm(forms.Form):
    """Posted, never in a URL: a case reference identifies a youth (DP-7)."""

    reference = forms.CharField(
        label=_("Case reference"),
        max_length=20,
        help_text=_("For example WIO-ABC2345. Ask the municipality for it; WIO is not searched by name."),
    )
