from typing import Any
from uuid import UUID

from django.db.models import Model, QuerySet

from .models import Submission


def ids_made_by(key: object, model: type[Model]) -> QuerySet[Submission, Any]:
    """The id of the `model` row a submission key made (none for an unknown or malformed key)."""
    try:
        parsed = UUID(str(key))
    except ValueError:
        return Submission.objects.none().values("target_id")
    return Submission.objects.filter(key=parsed, target_model=model._meta.label_lower).values("target_id")
