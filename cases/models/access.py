"""A data subject's request for access (AVG art. 15), answered by the privacy officer as a PDF."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..constants import AccessRequestStatus
from .case import Case


class SubjectAccessRequest(models.Model):
    """One overview of everything held about one youth and every access to it.

    The reference is kept apart from the case link, so the record of the request survives the case's
    destruction (the PDF itself is deleted with the case, cases.subject_access).
    """

    case = models.ForeignKey(
        Case, on_delete=models.SET_NULL, related_name="access_requests", null=True, blank=True
    )
    case_reference = models.CharField(_("case reference"), max_length=20)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=12, choices=AccessRequestStatus.choices, default=AccessRequestStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    error = models.CharField(max_length=200, blank=True)
    file_name = models.CharField(max_length=200, blank=True)
    checksum = models.CharField(max_length=64, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("subject access request")
        verbose_name_plural = _("subject access requests")
        ordering = ["-requested_at", "-id"]
        indexes = [models.Index(fields=["requested_by", "requested_at"])]

    def __str__(self) -> str:
        return self.case_reference

    @property
    def audit_youth_ref(self) -> str:
        return self.case_reference
