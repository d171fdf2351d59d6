"""Reading the texts a second project staff member approves (lessons, answers, rode draden)."""

from typing import Any

from django.db.models import Model
from django.http import Http404


def approvable_text_or_404(model: type[Model], pk: int) -> Any:
    """These are regional texts, not a youth's file: any project staff member may read them to
    approve; the service checks the four eyes (not the author, not approved already)."""
    text = model._default_manager.filter(pk=pk).first()
    if text is None:
        raise Http404
    return text
