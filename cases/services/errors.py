from django.core.exceptions import ValidationError
from django.db.models import Model


class ConflictError(Exception):
    """Someone else saved the same record since it was opened; nothing was overwritten."""

    def __init__(self, current: Model) -> None:
        super().__init__("stale version")
        self.current = current


class TransitionError(ValidationError):
    """A status change the transition table does not allow."""
