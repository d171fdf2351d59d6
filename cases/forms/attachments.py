from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from crispy_forms.helper import FormHelper

from wio.submissions.forms import SubmissionKeyMixin

from ..services.attachments import ALLOWED_EXTENSIONS_LABEL, ALLOWED_TYPES, check_upload


class AttachmentForm(SubmissionKeyMixin, forms.Form):
    file = forms.FileField(
        label=_("File"),
        widget=forms.FileInput(attrs={"accept": ",".join(ALLOWED_TYPES)}),
    )
    description = forms.CharField(label=_("Description"), max_length=300, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = gettext("Allowed: %(types)s; at most %(limit)s.") % {
            "types": ALLOWED_EXTENSIONS_LABEL,
            "limit": filesizeformat(settings.WIO_ATTACHMENT_MAX_BYTES),
        }
        self.helper = FormHelper(self)
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        check_upload(upload)  # the same check the service makes, so the message sits next to the field
        return upload
