from django.db import models
from django.utils.translation import gettext_lazy as _


class Action(models.TextChoices):
    """NEN 7513 action codes."""

    CREATE = "C", _("Create")
    READ = "R", _("Read")
    UPDATE = "U", _("Update")
    DELETE = "D", _("Delete")
    EXECUTE = "E", _("Execute")


class Result(models.TextChoices):
    OK = "ok", _("Allowed")
    DENIED = "denied", _("Denied")
    FAILED = "failed", _("Failed")


class Purpose(models.TextChoices):
    """Why data was touched: the authorisation protocol NEN 7513 §9 asks to show."""

    CASE_MANAGEMENT = "case_management", _("Case management (Leerplichtwet)")
    MOREEL_BERAAD = "moreel_beraad", _("Preparing and holding a Moreel Beraad")
    MONITORING = "monitoring", _("National monitor (aggregates)")
    AUTHENTICATION = "authentication", _("Authentication")
    ACCOUNT_MANAGEMENT = "account_management", _("Account management")
    AUDIT_REVIEW = "audit_review", _("Audit review")
    RETENTION = "retention", _("Retention")
    SECURITY = "security", _("Access control")
