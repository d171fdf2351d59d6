from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from crispy_forms.helper import FormHelper

from wio.accounts.constants import OrganisationKind
from wio.accounts.models import Organisation

from .. import imports
from .base import set_queryset

CSV_EXTENSIONS = (".csv", ".txt")


class CaseImportForm(forms.Form):
    """The municipality comes from the user's memberships, never from the file."""

    gemeente = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Organisation.objects.none(),
        help_text=_("Every case in the file is registered in this municipality."),
    )
    csv_file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "A file made from the template, saved as CSV (separated by semicolons or commas), at most 1 MB."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def __init__(self, *args: Any, gemeente_ids: frozenset[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        gemeenten = Organisation.objects.filter(kind=OrganisationKind.GEMEENTE, pk__in=gemeente_ids)
        set_queryset(self, "gemeente", gemeenten)
        if len(gemeente_ids) == 1:
            self.fields["gemeente"].initial = next(iter(gemeente_ids))
        self.helper = FormHelper(self)
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    def clean_csv_file(self) -> str:
        """The file's text; its rows are checked on the preview, its form here."""
        upload = self.cleaned_data["csv_file"]
        if upload.size > imports.MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 1 MB. Split it into smaller files."))
        if not (upload.name or "").lower().endswith(CSV_EXTENSIONS):
            raise forms.ValidationError(
                _("Choose a CSV file (ending in .csv). In Excel: Save as, then “CSV UTF-8” or “CSV”.")
            )
        try:
            content = imports.decode_upload(upload.read(imports.MAX_UPLOAD_BYTES + 1))
            imports.read_csv(content)
        except imports.ImportFileError as error:
            raise forms.ValidationError(error.message) from None
        return content
