from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class VersionedModel(models.Model):
    """Optimistic locking: a save states the version it was edited from (no lost updates)."""

    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class CaseEntry(VersionedModel):
    """Something recorded in one youth's dossier."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="%(class)ss")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )

    class Meta:
        abstract = True

    @property
    def audit_youth_ref(self) -> str:
        return self.case.reference


def neutral_label(obj: models.Model) -> str:
    """What a row about a youth says of itself (__str__, reprs in exceptions and logs): its kind and id,
    never a name or free text. Pages show `choice_label` instead (issue 11, ADR 0014)."""
    return f"{type(obj).__name__} {obj.pk}"
