"""A case file's life after registration: handover to another municipality, retention, destruction."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wio.accounts.models import Organisation

from ..constants import (
    ApproverRole,
    DestructionListStatus,
    DestructionReason,
    HandoverStatus,
)
from .case import Case


class CaseHandover(models.Model):
    """A youth moved: one LPA hands the file over, the receiving municipality's LPA accepts it."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="handovers")
    from_gemeente = models.ForeignKey(
        Organisation, verbose_name=_("from municipality"), on_delete=models.PROTECT, related_name="+"
    )
    to_gemeente = models.ForeignKey(
        Organisation, verbose_name=_("to municipality"), on_delete=models.PROTECT, related_name="+"
    )
    # Chosen by the receiving LPA on acceptance: the move may cross into another partnership.
    to_swv = models.ForeignKey(
        Organisation,
        verbose_name=_("partnership after the move"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    status = models.CharField(
        _("status"), max_length=12, choices=HandoverStatus.choices, default=HandoverStatus.PENDING
    )
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("handover")
        verbose_name_plural = _("handovers")
        ordering = ["-requested_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=Q(status=HandoverStatus.PENDING),
                name="one_pending_handover_per_case",
            ),
        ]
        indexes = [models.Index(fields=["to_gemeente", "status"])]

    def __str__(self) -> str:
        return f"{self.case}: {self.from_gemeente} → {self.to_gemeente}"


class RetentionSetting(models.Model):
    """A municipality's retention period for closed files (default: settings.WIO_RETENTION_YEARS)."""

    gemeente = models.OneToOneField(Organisation, on_delete=models.CASCADE, related_name="retention_setting")
    retention_years = models.PositiveSmallIntegerField(_("retention period (years after closing)"))
    # CJEU C-579/21: a subject-access overview may leave out employees' names if the municipality chooses.
    names_in_access_overview = models.BooleanField(
        _("name employees in the subject-access overview"), default=False
    )

    class Meta:
        verbose_name = _("retention setting")
        verbose_name_plural = _("retention settings")

    def __str__(self) -> str:
        return f"{self.gemeente}"


class DestructionList(models.Model):
    """The closed cases of one municipality due for destruction, approved by two different people."""

    gemeente = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=DestructionListStatus.choices,
        default=DestructionListStatus.PROPOSED,
    )
    due_on = models.DateField(_("due on"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    destroyed_at = models.DateTimeField(_("destroyed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("destruction list")
        verbose_name_plural = _("destruction lists")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["gemeente", "status"])]

    def __str__(self) -> str:
        return f"{self.gemeente} {self.due_on}"


class DestructionListItem(models.Model):
    destruction_list = models.ForeignKey(DestructionList, on_delete=models.CASCADE, related_name="items")
    # Nulled when the case is destroyed; the reference stays for the record.
    case = models.ForeignKey(
        Case, on_delete=models.SET_NULL, related_name="destruction_items", null=True, blank=True
    )
    case_reference = models.CharField(_("case reference"), max_length=20)
    destroy_on = models.DateField(_("destruction date"))

    class Meta:
        ordering = ["destroy_on", "case_reference"]
        constraints = [
            models.UniqueConstraint(
                fields=["destruction_list", "case_reference"], name="destruction_item_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.case_reference

    @property
    def audit_youth_ref(self) -> str:
        return self.case_reference


class DestructionApproval(models.Model):
    destruction_list = models.ForeignKey(DestructionList, on_delete=models.CASCADE, related_name="approvals")
    approver = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    role = models.CharField(_("role"), max_length=20, choices=ApproverRole.choices)
    approved_at = models.DateTimeField(_("approved at"), auto_now_add=True)

    class Meta:
        ordering = ["approved_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["destruction_list", "approver"], name="destruction_approver_once"
            ),
            models.UniqueConstraint(fields=["destruction_list", "role"], name="destruction_role_once"),
        ]

    def __str__(self) -> str:
        return f"{self.destruction_list}: {self.get_role_display()}"


class DestructionRecord(models.Model):
    """What remains of a destroyed case: no name, no content, only that and when it was destroyed."""

    case_reference = models.CharField(_("case reference"), max_length=20, unique=True)
    gemeente = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(_("reason"), max_length=12, choices=DestructionReason.choices)
    registered_on = models.DateField(_("registered on"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    destroyed_at = models.DateTimeField(_("destroyed at"), auto_now_add=True)
    destruction_list = models.ForeignKey(
        DestructionList,
        on_delete=models.PROTECT,
        related_name="records",
        null=True,
        blank=True,
    )
    # For a deletion in error: the LPA who deleted it and why (no names of the youth).
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    note = models.CharField(_("reason given"), max_length=500, blank=True)
    counts = models.JSONField(_("what was destroyed"), default=dict)

    class Meta:
        verbose_name = _("destruction record")
        verbose_name_plural = _("destruction records")
        ordering = ["-destroyed_at", "-id"]
        indexes = [models.Index(fields=["gemeente", "destroyed_at"])]

    def __str__(self) -> str:
        return self.case_reference
