"""The entries around a case: who is involved, what happened, what is agreed."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from ..constants import (
    ArrangementKind,
    ArrangementStatus,
    ConsentGiver,
    ConsentScope,
    ConversationKind,
    DevelopmentForm,
    FundingSource,
    GoalDomain,
    GoalStatus,
    InvolvedRole,
    OutcomePerspective,
    Perspective,
    ReferralKind,
    TimelineType,
)
from .base import CaseEntry, neutral_label


class Involved(CaseEntry):
    """A betrokkene (A8): a person or organisation around the youth."""

    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=32, choices=InvolvedRole.choices)
    organisation_name = models.CharField(_("organisation"), max_length=200, blank=True)
    contact = models.CharField(_("e-mail or phone"), max_length=200, blank=True)
    has_parental_authority = models.BooleanField(_("has parental authority"), default=False)
    has_mandate = models.BooleanField(_("has a mandate in their organisation"), default=False)
    is_senior = models.BooleanField(_("senior in their expertise"), default=False)
    knows_network = models.BooleanField(_("knows the regional network"), default=False)
    is_outsider = models.BooleanField(_("outsider with a fresh view"), default=False)
    spoke_with_youth = models.BooleanField(_("has spoken with the youth"), default=False)
    interests = models.TextField(_("interests"), blank=True)

    class Meta:
        verbose_name = _("person involved")
        verbose_name_plural = _("people involved")
        ordering = ["case", "name"]

    def __str__(self) -> str:
        return neutral_label(self)

    @property
    def choice_label(self) -> str:
        return f"{self.name} ({self.get_role_display()})"


class TimelineEntry(CaseEntry):
    """A7: milestones, actions taken, decisions and contacts, in date order."""

    occurred_on = models.DateField(_("date"))
    entry_type = models.CharField(_("type"), max_length=16, choices=TimelineType.choices)
    description = models.TextField(_("description"))
    result = models.TextField(_("result"), blank=True)
    involved = models.ManyToManyField(
        Involved, verbose_name=_("parties involved"), blank=True, related_name="timeline_entries"
    )

    class Meta:
        verbose_name = _("timeline entry")
        verbose_name_plural = _("timeline entries")
        ordering = ["occurred_on", "id"]

    def __str__(self) -> str:
        return f"{self.occurred_on}: {self.get_entry_type_display()}"

    @property
    def choice_label(self) -> str:
        return f"{date_format(self.occurred_on, 'j F Y')}: {self.get_entry_type_display()}"


class Consent(CaseEntry):
    """Informed consent of one parent, guardian or youth (A11); withdrawal works at once."""

    person = models.ForeignKey(
        Involved, verbose_name=_("person"), on_delete=models.PROTECT, related_name="consents"
    )
    scope = models.CharField(_("scope"), max_length=24, choices=ConsentScope.choices)
    given_by = models.CharField(
        _("given as"), max_length=10, choices=ConsentGiver.choices, default=ConsentGiver.GEZAG
    )
    shared_with = models.ManyToManyField(
        Involved,
        verbose_name=_("may be shared with"),
        blank=True,
        related_name="consents_received",
        help_text=_("The beraad participants this consent names."),
    )
    given_on = models.DateField(_("given on"), default=timezone.localdate)
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["case", "-given_on", "id"]
        indexes = [models.Index(fields=["case", "scope", "withdrawn_on"])]

    def __str__(self) -> str:
        return f"{neutral_label(self)}: {self.scope}"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_on is None


class Conversation(CaseEntry):
    """A15: conversations with parents and about the case, planned or held."""

    kind = models.CharField(_("kind"), max_length=16, choices=ConversationKind.choices)
    held_on = models.DateField(_("date"))
    is_held = models.BooleanField(_("held"), default=False)
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"), default=120)
    attendees = models.ManyToManyField(
        Involved, verbose_name=_("attendees"), blank=True, related_name="conversations"
    )
    youth_took_part = models.BooleanField(_("the youth took part"), default=False)
    topics = models.TextField(_("topics"), blank=True)
    outcome = models.TextField(_("outcome"), blank=True)

    class Meta:
        verbose_name = _("conversation")
        verbose_name_plural = _("conversations")
        ordering = ["held_on", "id"]

    def __str__(self) -> str:
        return f"{self.held_on}: {self.get_kind_display()}"

    @property
    def choice_label(self) -> str:
        return f"{date_format(self.held_on, 'j F Y')}: {self.get_kind_display()}"


class Development(CaseEntry):
    """A12: development that is already there, wherever it happens."""

    form = models.CharField(_("form"), max_length=24, choices=DevelopmentForm.choices)
    description = models.TextField(_("description"))
    noted_on = models.DateField(_("noted on"), default=timezone.localdate)
    recognised_by_education = models.BooleanField(_("recognised by education"), default=False)
    recognised_by_gemeente = models.BooleanField(_("recognised by the municipality"), default=False)

    class Meta:
        verbose_name = _("development")
        verbose_name_plural = _("developments")
        ordering = ["noted_on", "id"]

    def __str__(self) -> str:
        return self.get_form_display()


class Movement(CaseEntry):
    """A13: new movement in a situation that was stuck."""

    occurred_on = models.DateField(_("date"), default=timezone.localdate)
    description = models.TextField(_("description"))
    contributing_factors = models.TextField(_("what contributed"), blank=True)

    class Meta:
        verbose_name = _("new movement")
        verbose_name_plural = _("new movements")
        ordering = ["occurred_on", "id"]

    def __str__(self) -> str:
        return f"{self.occurred_on}"

    @property
    def choice_label(self) -> str:
        return date_format(self.occurred_on, "j F Y")


class ActionItem(CaseEntry):
    """A9: an agreed action with its actiehouder and due date."""

    description = models.CharField(_("action"), max_length=500)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("action holder (WIO user)"),
        on_delete=models.PROTECT,
        related_name="case_actions",
        null=True,
        blank=True,
    )
    owner_name = models.CharField(_("action holder"), max_length=200, blank=True)
    due_on = models.DateField(_("due date"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    origin = models.CharField(_("origin"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["owner", "done_on", "due_on"])]

    def __str__(self) -> str:
        return neutral_label(self)

    @property
    def choice_label(self) -> str:
        return self.description

    @property
    def holder(self) -> str:
        return self.owner_name or (str(self.owner) if self.owner_id else "")


class Plan(CaseEntry):
    """A20: 1 kind, 1 gezin, 1 plan — at most one active plan per case."""

    is_active = models.BooleanField(_("active"), default=True)
    perspective = models.CharField(
        _("development perspective"), max_length=16, choices=Perspective.choices, blank=True
    )
    education = models.TextField(_("education"), blank=True)
    home = models.TextField(_("home"), blank=True)
    leisure = models.TextField(_("leisure time"), blank=True)

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        constraints = [
            models.UniqueConstraint(
                fields=["case"], condition=models.Q(is_active=True), name="one_active_plan_per_case"
            )
        ]

    def __str__(self) -> str:
        return f"{self.case}: plan"


class Goal(CaseEntry):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="goals")
    description = models.CharField(_("goal"), max_length=500)
    domain = models.CharField(_("domain"), max_length=16, choices=GoalDomain.choices)
    owner_name = models.CharField(_("owner"), max_length=200, blank=True)
    evaluate_on = models.DateField(_("evaluation date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=GoalStatus.choices, default=GoalStatus.OPEN)

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["plan", "id"]

    def __str__(self) -> str:
        return neutral_label(self)

    @property
    def choice_label(self) -> str:
        return self.description


class Arrangement(CaseEntry):
    """A21: arrangements and their funding and decisions."""

    kind = models.CharField(_("kind"), max_length=16, choices=ArrangementKind.choices)
    description = models.TextField(_("description"), blank=True)
    funding_source = models.CharField(_("funding"), max_length=16, choices=FundingSource.choices, blank=True)
    funding_notes = models.TextField(_("funding notes (internal)"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ArrangementStatus.choices,
        default=ArrangementStatus.AANGEVRAAGD,
    )
    decided_on = models.DateField(_("decision date"), null=True, blank=True)

    class Meta:
        verbose_name = _("arrangement")
        verbose_name_plural = _("arrangements")
        ordering = ["case", "id"]

    def __str__(self) -> str:
        return self.get_kind_display()


class Referral(CaseEntry):
    """A22: casusregie, doorbraakteam, actietafel or arbitrage."""

    kind = models.CharField(_("kind"), max_length=16, choices=ReferralKind.choices)
    referred_on = models.DateField(_("date"), default=timezone.localdate)
    composition = models.TextField(_("composition"), blank=True)
    parents_consented = models.BooleanField(_("parents consented"), default=False)
    parents_representative = models.CharField(_("parents' representative"), max_length=200, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("escalation referral")
        verbose_name_plural = _("escalation referrals")
        ordering = ["referred_on", "id"]

    def __str__(self) -> str:
        return self.get_kind_display()


class Outcome(CaseEntry):
    """A25: how parent, youth and professional each see the result."""

    perspective = models.CharField(_("perspective"), max_length=16, choices=OutcomePerspective.choices)
    rating = models.PositiveSmallIntegerField(_("rating (1–5)"), null=True, blank=True)
    description = models.TextField(_("in their words"))
    recorded_on = models.DateField(_("recorded on"), default=timezone.localdate)

    class Meta:
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")
        ordering = ["recorded_on", "id"]

    def __str__(self) -> str:
        return self.get_perspective_display()


class Narrative(CaseEntry):
    """A16: the learning harvest of one case, written up in the project's own questions."""

    movement = models.TextField(_("the movement"), blank=True)
    what_was_done = models.TextField(_("what was done"), blank=True)
    what_was_tried = models.TextField(_("what was tried"), blank=True)
    trajectory = models.TextField(_("which trajectory was followed"), blank=True)
    obstacles = models.TextField(_("bumps along the way"), blank=True)
    what_works = models.TextField(_("what works, what goes well, how a difference was made"), blank=True)
    view_on_exemption = models.TextField(_("view on the exemption"), blank=True)
    contributed_to_development = models.TextField(_("what contributed to development"), blank=True)
    more_possible = models.TextField(_("what more is possible"), blank=True)

    class Meta:
        verbose_name = _("learning narrative")
        verbose_name_plural = _("learning narratives")
        constraints = [models.UniqueConstraint(fields=["case"], name="one_narrative_per_case")]

    def __str__(self) -> str:
        return f"{self.case}: narrative"
