import uuid
from typing import ClassVar

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from .constants import ROLE_ORGANISATION_KINDS, GrantDecision, OrganisationKind, Role, Sector


class EmailUserManager(UserManager["User"]):
    """Users log in with their e-mail address; there is no username."""

    use_in_migrations = True

    def people(self) -> "models.QuerySet[User]":
        """Active users who are people: not the service account of an API client (wio.api), which
        holds a role to reach data but never gets an action, an e-mail or a beraad to answer."""
        return self.filter(is_active=True, api_client__isnull=True)

    def _create_user_object(self, username, email, password, **extra_fields):
        email = self.normalize_email(email or username)
        user = self.model(email=email, **extra_fields)
        user.set_password(password)
        return user

    def create_user(self, email=None, password=None, **extra_fields):  # type: ignore[override]
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        user = self._create_user_object(None, email, password, **extra_fields)
        user.save(using=self._db)
        return user

    def create_superuser(self, email=None, password=None, **extra_fields):  # type: ignore[override]
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        user = self._create_user_object(None, email, password, **extra_fields)
        user.save(using=self._db)
        return user


class User(AbstractUser):
    username = None  # type: ignore[assignment]
    email = models.EmailField(_("e-mail address"), unique=True)
    # Part of the session hash: rotating it ends every session of this user (AC-8).
    session_stamp = models.UUIDField(default=uuid.uuid4, editable=False)

    objects = EmailUserManager()  # type: ignore[misc]

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    def get_session_auth_hash(self) -> str:
        return salted_hmac(
            "wio.accounts.User.get_session_auth_hash",
            f"{self.password}:{self.session_stamp}",
            algorithm="sha256",
        ).hexdigest()


class Phase(models.Model):
    """A rollout phase of the project; targets are data because the sources disagree (DOMAIN §6.5)."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    name = models.CharField(_("name"), max_length=100)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    cumulative_target_regions = models.PositiveSmallIntegerField(_("cumulative target (regions)"))

    class Meta:
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        ordering = ["number"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="phase_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"


class Region(models.Model):
    name = models.CharField(_("name"), max_length=120, unique=True)
    phase_joined = models.ForeignKey(
        Phase, verbose_name=_("phase joined"), on_delete=models.PROTECT, related_name="regions"
    )
    is_pilot = models.BooleanField(_("pilot region"), default=False)

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    code = models.CharField(
        _("official code"),
        max_length=20,
        blank=True,
        help_text=_('CBS municipality code such as "GM1681", or partnership code such as "PO 22-02".'),
    )
    sector = models.CharField(_("sector"), max_length=2, choices=Sector.choices, blank=True)
    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        related_name="organisations",
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "code"],
                condition=~models.Q(code=""),
                name="organisation_code_unique_per_kind",
            ),
        ]
        indexes = [models.Index(fields=["kind", "region"])]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.kind == OrganisationKind.SWV and not self.sector:
            raise ValidationError({"sector": _("A partnership is either primary or secondary.")})


class Membership(models.Model):
    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(_("granted at"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["user", "organisation"]
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation", "role"], name="membership_unique_role"),
        ]
        indexes = [models.Index(fields=["role", "organisation"])]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.organisation}"

    def clean(self) -> None:
        _check_role_fits_organisation(getattr(self, "organisation", None), self.role)


def _check_role_fits_organisation(organisation: Organisation | None, role: str) -> None:
    if organisation is None or not role:
        return
    if organisation.kind not in ROLE_ORGANISATION_KINDS[role]:
        raise ValidationError({"role": _("This role cannot be held in an organisation of this kind.")})


class MembershipRequest(models.Model):
    """A role asked for by one administrator and decided by a second person (ADR 0012).

    Nothing reads this table to decide access: the role takes effect only when an approval creates
    the `Membership` (`wio.accounts.grants`). The database refuses an approval by the requester or
    by the user who receives the role.
    """

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="membership_requests"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="membership_requests",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    reason = models.CharField(
        _("reason"),
        max_length=300,
        help_text=_("Why this person needs the role, for the administrator who approves it."),
    )
    requested_by = models.ForeignKey(
        User, verbose_name=_("requested by"), on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    decision = models.CharField(
        _("decision"), max_length=10, choices=GrantDecision.choices, default=GrantDecision.PENDING
    )
    decided_by = models.ForeignKey(
        User,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("role request")
        verbose_name_plural = _("role requests")
        # Pending requests (not yet decided) first, then the most recent decisions.
        ordering = [models.F("decided_at").desc(nulls_first=True), "-requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"],
                condition=models.Q(decision=GrantDecision.PENDING),
                name="membership_request_one_pending",
                violation_error_message=_(
                    "This role has already been requested for this user and organisation."
                ),
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(decision=GrantDecision.PENDING, decided_by__isnull=True, decided_at__isnull=True)
                    | (
                        ~models.Q(decision=GrantDecision.PENDING)
                        & models.Q(decided_by__isnull=False, decided_at__isnull=False)
                    )
                ),
                name="membership_request_decided_by_someone",
            ),
            models.CheckConstraint(
                condition=~models.Q(decision=GrantDecision.APPROVED)
                | (~models.Q(decided_by=models.F("requested_by")) & ~models.Q(decided_by=models.F("user"))),
                name="membership_request_four_eyes",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.organisation}"

    @property
    def is_pending(self) -> bool:
        return self.decision == GrantDecision.PENDING

    def clean(self) -> None:
        _check_role_fits_organisation(getattr(self, "organisation", None), self.role)


class PartnershipException(models.Model):
    """A municipality served by a partnership of another region (DOMAIN.md §7: Castricum and Uitgeest).

    A case's partnership must serve its municipality: the partnerships of the municipality's region
    do, and so do the pairs on this list, which the functional administrator keeps.
    """

    gemeente = models.ForeignKey(
        Organisation,
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="partnership_exceptions",
        limit_choices_to={"kind": OrganisationKind.GEMEENTE},
    )
    swv = models.ForeignKey(
        Organisation,
        verbose_name=_("partnership"),
        on_delete=models.CASCADE,
        related_name="served_by_exception",
        limit_choices_to={"kind": OrganisationKind.SWV},
    )
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("added at"), auto_now_add=True)

    class Meta:
        verbose_name = _("partnership in another region")
        verbose_name_plural = _("partnerships in another region")
        ordering = ["gemeente", "swv"]
        constraints = [
            models.UniqueConstraint(fields=["gemeente", "swv"], name="partnership_exception_unique_pair"),
        ]

    def __str__(self) -> str:
        return f"{self.gemeente} – {self.swv}"

    def clean(self) -> None:
        errors = {}
        gemeente = getattr(self, "gemeente", None)
        swv = getattr(self, "swv", None)
        if gemeente is not None and gemeente.kind != OrganisationKind.GEMEENTE:
            errors["gemeente"] = _("Choose a municipality.")
        if swv is not None and swv.kind != OrganisationKind.SWV:
            errors["swv"] = _("Choose a partnership.")
        if errors:
            raise ValidationError(errors)


def default_mfa_claim_values() -> list[str]:
    """`amr` values (RFC 8176) that say the provider asked for more than a password."""
    return ["mfa", "otp", "hwk", "swk"]


class OrganisationSignOn(models.Model):
    """An organisation's own OpenID provider (ADR 0032): its staff sign in there instead of with a
    WIO password. The provider itself is allauth's `SocialApp`; this row ties it to the organisation
    and says which addresses go there and which claims count as two-step verification."""

    organisation = models.OneToOneField(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="sign_on"
    )
    app = models.OneToOneField(
        "socialaccount.SocialApp",
        verbose_name=_("OpenID provider"),
        on_delete=models.PROTECT,
        related_name="wio_sign_on",
        help_text=_('An allauth application with provider "openid_connect" and a provider id of its own.'),
    )
    email_domains = models.JSONField(
        _("e-mail domains"),
        default=list,
        blank=True,
        help_text=_('Addresses in these domains sign in here, e.g. ["gemeente.nl"].'),
    )
    mfa_amr_values = models.JSONField(
        _("amr values that count as two-step verification"),
        default=default_mfa_claim_values,
        blank=True,
    )
    mfa_acr_values = models.JSONField(
        _("acr values that count as two-step verification"), default=list, blank=True
    )
    password_login_allowed = models.BooleanField(
        _("password login allowed"),
        default=True,
        help_text=_("Off: members of this organisation can only sign in through their provider."),
    )

    class Meta:
        verbose_name = _("single sign-on")
        verbose_name_plural = _("single sign-on")
        ordering = ["organisation"]

    def __str__(self) -> str:
        return str(self.organisation)

    def clean(self) -> None:
        domains = self.email_domains
        if not isinstance(domains, list) or not all(isinstance(d, str) and "." in d for d in domains):
            raise ValidationError({"email_domains": _("Give a list of domain names.")})
        self.email_domains = sorted({d.strip().lower().lstrip("@") for d in domains})
        # One provider per domain: an address must lead to exactly one organisation.
        others = OrganisationSignOn.objects.exclude(pk=self.pk).values_list("email_domains", flat=True)
        taken = set(self.email_domains) & {d for used in others for d in used or []}
        if taken:
            raise ValidationError(
                {
                    "email_domains": _("Already used by another organisation: %(domains)s")
                    % {"domains": ", ".join(sorted(taken))}
                }
            )
