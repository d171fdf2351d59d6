from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .constants import Action, Purpose, Result


class AppendOnlyError(RuntimeError):
    """Raised when code tries to change or remove an audit event."""


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: object) -> int:
        raise AppendOnlyError("Audit events cannot be changed.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("Audit events cannot be deleted; retention runs in purge_expired_events().")


class AuditEvent(models.Model):
    """One event in the audit trail (NEN 7513 / LOG-2). Append-only: migrations 0002 and 0003, ADR 0009."""

    occurred_at = models.DateTimeField(_("time (UTC)"), db_index=True)
    action = models.CharField(_("action"), max_length=1, choices=Action.choices)
    event_type = models.CharField(_("event type"), max_length=64)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    actor_label = models.CharField(_("actor as known at the time"), max_length=254, blank=True)
    on_behalf_of = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("on behalf of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    actor_role = models.CharField(_("actor's role"), max_length=32, blank=True)
    actor_organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("actor's organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    youth_ref = models.CharField(
        _("youth concerned"),
        max_length=64,
        blank=True,
        help_text=_("Reference of the youth (case) the event concerns; empty for other events."),
    )
    object_type = models.CharField(_("object type"), max_length=64, blank=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    result = models.CharField(_("result"), max_length=8, choices=Result.choices)
    source_ip = models.GenericIPAddressField(_("source address"), null=True, blank=True)
    purpose = models.CharField(_("purpose"), max_length=32, choices=Purpose.choices)
    detail = models.JSONField(_("detail"), default=dict, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-occurred_at", "-id"]
        indexes = [
            models.Index(fields=["youth_ref", "occurred_at"]),
            models.Index(fields=["actor", "occurred_at"]),
            models.Index(fields=["event_type", "occurred_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M:%S} {self.action} {self.event_type}"

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk is not None:
            raise AppendOnlyError("Audit events cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("Audit events cannot be deleted.")
