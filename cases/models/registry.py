"""Records that reach beyond one dossier: knelpunten, hours, files, imports, preferences."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wio.accounts.models import Organisation

from ..constants import ActivityCategory, HoursKind, KnelpuntCategory, KnelpuntStatus
from ..storage import private_storage
from .base import CaseEntry, VersionedModel, neutral_label
from .case import Case


class Knelpunt(VersionedModel):
    """A17: an obstacle met in one or more cases, followed until it is addressed."""

    description = models.TextField(_("description"))
    category = models.CharField(_("category"), max_length=20, choices=KnelpuntCategory.choices)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=KnelpuntStatus.choices,
        default=KnelpuntStatus.VERZAMELD,
    )
    addressed_to = models.CharField(_("addressed to"), max_length=200, blank=True)
    raised_on = models.DateField(_("raised on"), default=timezone.localdate)
    status_changed_on = models.DateField(_("status changed on"), default=timezone.localdate)
    cases = models.ManyToManyField(Case, verbose_name=_("cases"), related_name="knelpunten")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )

    class Meta:
        verbose_name = _("bottleneck")
        verbose_name_plural = _("bottlenecks")
        ordering = ["-raised_on", "id"]
        indexes = [models.Index(fields=["category", "status"])]

    def __str__(self) -> str:
        return self.get_category_display()


class KnelpuntStatusChange(models.Model):
    knelpunt = models.ForeignKey(Knelpunt, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=16, choices=KnelpuntStatus.choices)
    to_status = models.CharField(max_length=16, choices=KnelpuntStatus.choices)
    changed_on = models.DateField(default=timezone.localdate)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )

    class Meta:
        ordering = ["changed_on", "id"]

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"


class HoursBudget(models.Model):
    """The hours a municipality set aside for the project (e.g. Borger-Odoorn: 87 + 125)."""

    gemeente = models.OneToOneField(Organisation, on_delete=models.CASCADE, related_name="hours_budget")
    regular_hours = models.DecimalField(_("regular hours"), max_digits=7, decimal_places=1)
    extra_hours = models.DecimalField(_("extra hours"), max_digits=7, decimal_places=1)

    class Meta:
        verbose_name = _("hours budget")
        verbose_name_plural = _("hours budgets")

    def __str__(self) -> str:
        return f"{self.gemeente}"


class TimeEntry(VersionedModel):
    """A24: hours spent, on one case or on the project in a municipality."""

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="time_entries", null=True, blank=True
    )
    gemeente = models.ForeignKey(
        Organisation, verbose_name=_("municipality"), on_delete=models.PROTECT, related_name="+"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.PROTECT, related_name="+"
    )
    activity = models.CharField(_("activity"), max_length=20, choices=ActivityCategory.choices)
    kind = models.CharField(_("regular or extra"), max_length=10, choices=HoursKind.choices)
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=2)
    worked_on = models.DateField(_("date"), default=timezone.localdate)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("time entry")
        verbose_name_plural = _("time entries")
        ordering = ["-worked_on", "id"]
        indexes = [models.Index(fields=["gemeente", "kind", "activity"])]

    def __str__(self) -> str:
        return f"{self.worked_on}: {self.hours} h"

    @property
    def audit_youth_ref(self) -> str:
        return self.case.reference if self.case is not None else ""


def attachment_path(instance: "Attachment", filename: str) -> str:
    # The stored name is random; the original name is kept in the row, never in the path.
    return f"cases/{instance.case_id}/{instance.token}"


class Attachment(CaseEntry):
    token = models.CharField(max_length=32, unique=True, editable=False)
    file = models.FileField(storage=private_storage, upload_to=attachment_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(_("size (bytes)"))
    description = models.CharField(_("description"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["-created_at", "id"]

    def __str__(self) -> str:
        return neutral_label(self)  # a file name may name the youth

    @property
    def choice_label(self) -> str:
        return self.original_name


class CaseImport(models.Model):
    """An uploaded CSV between preview and commit (A: CSV import, all or nothing)."""

    gemeente = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)
    content = models.TextField()
    checksum = models.CharField(max_length=64)
    committed_at = models.DateTimeField(null=True, blank=True)
    created_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-uploaded_at"]

    def __str__(self) -> str:
        return f"import {self.pk}"


class NotificationPreference(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="case_notifications"
    )
    weekly_digest = models.BooleanField(_("weekly e-mail with my work"), default=True)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")

    def __str__(self) -> str:
        return f"{self.user}"
