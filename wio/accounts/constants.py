from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """The roles of DESIGN.md §1. A membership gives a user one role in one organisation."""

    LPA = "lpa", _("School attendance officer")
    ONDERSTEUNER = "ondersteuner", _("School attendance support officer")
    SWV_COORDINATOR = "swv_coordinator", _("Partnership coordinator")
    PROJECT_STAFF = "project_staff", _("Project staff")
    MINISTRY = "ministry", _("Ministry")
    PRIVACY_OFFICER = "privacy_officer", _("Privacy officer")
    FUNCTIONAL_ADMIN = "functional_admin", _("Functional administrator")


class OrganisationKind(models.TextChoices):
    GEMEENTE = "gemeente", _("Municipality")
    SWV = "swv", _("Partnership for inclusive education")
    PARTNER = "partner", _("Project partner")
    MINISTRY = "ministry", _("Ministry")
    OTHER = "other", _("Other")


class Sector(models.TextChoices):
    PO = "PO", _("Primary education")
    VO = "VO", _("Secondary education")


# Which organisation kinds a role can be held in; memberships outside this table are refused.
ROLE_ORGANISATION_KINDS: dict[str, frozenset[str]] = {
    Role.LPA: frozenset({OrganisationKind.GEMEENTE}),
    Role.ONDERSTEUNER: frozenset({OrganisationKind.GEMEENTE}),
    Role.SWV_COORDINATOR: frozenset({OrganisationKind.SWV}),
    Role.PROJECT_STAFF: frozenset({OrganisationKind.PARTNER}),
    Role.MINISTRY: frozenset({OrganisationKind.MINISTRY}),
    Role.PRIVACY_OFFICER: frozenset(OrganisationKind.values),
    Role.FUNCTIONAL_ADMIN: frozenset(OrganisationKind.values),
}


# Roles that open youth data (DESIGN.md §1): case files, beraden, the dossier of a case.
DATA_ROLES: frozenset[str] = frozenset(
    {Role.LPA, Role.ONDERSTEUNER, Role.SWV_COORDINATOR, Role.PROJECT_STAFF}
)

# Roles a membership gets only through a request that a second person approved (ADR 0012): the data
# roles, and the roles that reach the audit trail or the administration itself. A functional
# administrator granted alone could approve their accomplice's requests, which would undo the rule.
FOUR_EYES_ROLES: frozenset[str] = DATA_ROLES | {Role.PRIVACY_OFFICER, Role.FUNCTIONAL_ADMIN}


class GrantDecision(models.TextChoices):
    PENDING = "pending", _("Awaiting approval")
    APPROVED = "approved", _("Approved")
    REFUSED = "refused", _("Refused")
