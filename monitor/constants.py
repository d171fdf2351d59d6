from django.db import models
from django.utils.translation import gettext_lazy as _

DEFAULT_SUPPRESSION_K = 5


class StoryPerspective(models.TextChoices):
    JEUGDIGE = "jeugdige", _("Youth")
    OUDER = "ouder", _("Parent")
    PROFESSIONAL = "professional", _("Professional")


class StoryStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    REVIEWED = "reviewed", _("Reviewed")
    APPROVED = "approved", _("Approved for sharing")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ReportScope(models.TextChoices):
    NATIONAL = "national", _("National")
    REGION = "region", _("Region")


class ReportStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Being generated")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")
