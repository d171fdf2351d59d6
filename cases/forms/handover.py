from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from wio.accounts.models import Organisation

from ..partnerships import swvs_serving
from ..selectors_handover import handover_destinations
from .base import set_queryset


class HandoverRequestForm(forms.Form):
    """The municipality the youth moved to; a second POST with `confirmed` makes the offer."""

    to_gemeente = forms.ModelChoiceField(
        label=_("Municipality the youth moved to"),
        queryset=Organisation.objects.none(),
        empty_label=_("Choose a municipality"),
        help_text=_(
            "Its attendance officer accepts or declines the case. Until then both municipalities can "
            "read the case and neither can change it."
        ),
    )

    def __init__(self, *args: Any, current_gemeente_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_queryset(self, "to_gemeente", handover_destinations(current_gemeente_id))


class HandoverAcceptForm(forms.Form):
    to_swv = forms.ModelChoiceField(
        label=_("Partnership after the move"),
        queryset=Organisation.objects.none(),
        empty_label=_("Choose a partnership"),
        help_text=_("Its coordinator gets access to the case; the previous partnership loses it."),
    )

    def __init__(self, *args: Any, to_gemeente_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        swvs = swvs_serving([to_gemeente_id]).select_related("region").order_by("name")
        set_queryset(self, "to_swv", swvs)
