from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wio.accounts.models import Organisation

from ..constants import (
    DEFAULT_PLANNED_CONVERSATIONS,
    Applicant,
    Category,
    EscalationBasis,
    InvestigationStatus,
    LegalBasis,
    PreparationKind,
    PreparationStatus,
    ProcesregieReason,
    Status,
)
from .base import VersionedModel


class Case(VersionedModel):
    """One youth who is not enrolled in any school. No diagnosis or medical ground is stored."""

    reference = models.CharField(_("case reference"), max_length=20, unique=True)
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=150)
    date_of_birth = models.DateField(_("date of birth"))
    gemeente = models.ForeignKey(
        Organisation,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="cases_as_gemeente",
    )
    swv = models.ForeignKey(
        Organisation,
        verbose_name=_("partnership"),
        on_delete=models.PROTECT,
        related_name="cases_as_swv",
    )
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    is_project_case = models.BooleanField(_("project case"), default=True)
    legal_basis = models.CharField(
        _("legal basis"), max_length=24, choices=LegalBasis.choices, default=LegalBasis.LEERPLICHT
    )
    status = models.CharField(_("status"), max_length=24, choices=Status.choices, default=Status.IN_BEELD)
    status_changed_at = models.DateTimeField(_("status changed at"), null=True, blank=True)
    registered_on = models.DateField(_("registered on"), default=timezone.localdate)
    # Set when the case is closed; destruction follows the municipality's retention period.
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    destroy_on = models.DateField(_("destruction date"), null=True, blank=True)
    escalation_basis = models.CharField(
        _("escalation clock starts at"),
        max_length=20,
        choices=EscalationBasis.choices,
        default=EscalationBasis.REGISTRATIE,
    )
    escalation_start_on = models.DateField(_("escalation start date"))
    casusregie_on = models.DateField(_("case direction instituted on"), null=True, blank=True)
    doorbraakteam_checked_on = models.DateField(_("breakthrough team checked on"), null=True, blank=True)
    # Passend aanbod (A19): only "passend" when durable and agreed by everyone incl. parents and youth.
    offer_description = models.TextField(_("offer"), blank=True)
    offer_durable = models.BooleanField(_("the offer is durable"), default=False)
    offer_agreed_by_parents = models.BooleanField(_("parents agree"), default=False)
    offer_agreed_by_youth = models.BooleanField(_("youth agrees"), default=False)
    offer_agreed_by_professionals = models.BooleanField(_("all professionals involved agree"), default=False)
    offer_agreed_on = models.DateField(_("offer agreed on"), null=True, blank=True)
    # Regie (A9) and mandate (A10).
    casusregisseur = models.CharField(_("case director"), max_length=200, blank=True)
    procesregisseur_needed = models.BooleanField(_("process director needed"), default=False)
    procesregie_reason = models.CharField(
        _("reason for a process director"),
        max_length=32,
        choices=ProcesregieReason.choices,
        blank=True,
    )
    interests = models.TextField(_("interests of the parties"), blank=True)
    advice_commitment = models.BooleanField(
        _("commitment that the advice will be carried out"), default=False
    )
    administrative_commitment = models.TextField(_("administrative commitment"), blank=True)
    escalation_route_needed = models.BooleanField(_("escalation route needed"), default=False)
    escalation_route = models.TextField(_("escalation route"), blank=True)
    # The youth's own voice (A14).
    youth_wishes = models.TextField(_("what the youth wishes"), blank=True)
    youth_ideas = models.TextField(_("the youth's ideas about their development"), blank=True)
    planned_conversations = models.PositiveSmallIntegerField(
        _("planned conversations"), default=DEFAULT_PLANNED_CONVERSATIONS
    )
    # Derived by the services from the development and movement logs, kept for fast monitor counts.
    development_present = models.BooleanField(_("development present"), default=False)
    movement_since = models.DateField(_("new movement since"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-registered_on", "reference"]
        indexes = [
            models.Index(fields=["gemeente", "status"]),
            models.Index(fields=["swv", "status"]),
            # the list filters' choices: which partnerships occur in a municipality's cases, and back
            models.Index(fields=["gemeente", "swv"], name="cases_case_gemeente_swv"),
            models.Index(fields=["swv", "gemeente"], name="cases_case_swv_gemeente"),
            models.Index(fields=["category"]),
            models.Index(fields=["status"]),
            models.Index(fields=["is_project_case", "swv"]),
            models.Index(fields=["escalation_start_on"]),
            models.Index(fields=["last_name", "first_name"]),
            models.Index(fields=["registered_on"]),
            models.Index(fields=["gemeente", "destroy_on"]),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def audit_youth_ref(self) -> str:
        return self.reference

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def offer_is_passend(self) -> bool:
        return all(
            (
                self.offer_description,
                self.offer_durable,
                self.offer_agreed_by_parents,
                self.offer_agreed_by_youth,
                self.offer_agreed_by_professionals,
            )
        )


class ExemptionDetails(VersionedModel):
    """Vrijstelling 5 onder a (A4): *that* an exemption exists, never why."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="exemption")
    applicant = models.CharField(
        _("applicant"), max_length=10, choices=Applicant.choices, default=Applicant.OUDERS
    )
    applied_on = models.DateField(_("application date"), null=True, blank=True)
    doctor_assessment_done = models.BooleanField(
        _("assessed by an independent, non-treating doctor"), default=False
    )
    doctor_assessed_on = models.DateField(_("doctor's assessment date"), null=True, blank=True)
    doctor_question = models.TextField(
        _("question put to the doctor"),
        default="Hoe kan het kind tot leren en ontwikkelen komen?",
        blank=True,
    )
    education_involved = models.BooleanField(_("education was involved"), null=True)
    granted_on = models.DateField(_("granted on"), null=True, blank=True)
    valid_until = models.DateField(_("valid until / renewal"), null=True, blank=True)
    last_contact_on = models.DateField(_("last contact since the exemption"), null=True, blank=True)

    class Meta:
        verbose_name = _("exemption details")
        verbose_name_plural = _("exemption details")

    def __str__(self) -> str:
        return f"{self.case}"


class AbsenteeismDetails(VersionedModel):
    """Absoluut verzuim (A5)."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="absenteeism")
    investigation_status = models.CharField(
        _("preliminary investigation"),
        max_length=16,
        choices=InvestigationStatus.choices,
        default=InvestigationStatus.NIET_GESTART,
    )
    investigation_on = models.DateField(_("investigation date"), null=True, blank=True)
    last_school = models.CharField(_("school last attended"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("absolute absenteeism details")
        verbose_name_plural = _("absolute absenteeism details")

    def __str__(self) -> str:
        return f"{self.case}"


class StatusChange(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(_("from"), max_length=24, choices=Status.choices)
    to_status = models.CharField(_("to"), max_length=24, choices=Status.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    changed_at = models.DateTimeField(_("changed at"), auto_now_add=True)
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["-changed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.case}: {self.from_status} → {self.to_status}"


class PreparationItem(VersionedModel):
    """One of the five items of the preparation checklist (A6)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="preparation_items")
    kind = models.CharField(_("item"), max_length=32, choices=PreparationKind.choices)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=PreparationStatus.choices,
        default=PreparationStatus.ONTBREEKT,
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("preparation item")
        verbose_name_plural = _("preparation items")
        ordering = ["case", "id"]
        constraints = [
            models.UniqueConstraint(fields=["case", "kind"], name="preparation_item_once_per_case")
        ]

    def __str__(self) -> str:
        return f"{self.case}: {self.get_kind_display()}"

    @property
    def audit_youth_ref(self) -> str:
        return self.case.reference
