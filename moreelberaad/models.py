import uuid
from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cases.models import ActionItem, Case, Involved
from cases.models.base import neutral_label
from wio.accounts.constants import OrganisationKind
from wio.accounts.models import Organisation
from wio.date_bounds import shift_moment

from .constants import (
    DEFAULT_CENTRAL_QUESTION,
    DEFAULT_DURATION_MINUTES,
    DEFAULT_PLANNED_SESSIONS,
    Answer,
    BeraadStatus,
    LearningLevel,
    Method,
    NextSession,
    ParticipantCategory,
    ProposedBy,
    Step,
)


class Versioned(models.Model):
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class MeetingPlace(Versioned):
    """A place where a partnership holds its beraden ("vergaderlocatie"): an office or meeting room,
    never a home. Chosen in the beraad form, it is what invitations and calendars name (issue 10)."""

    swv = models.ForeignKey(
        Organisation,
        verbose_name=_("partnership"),
        on_delete=models.PROTECT,
        related_name="meeting_places",
        limit_choices_to={"kind": OrganisationKind.SWV},
    )
    name = models.CharField(_("name"), max_length=120)
    address = models.CharField(_("address"), max_length=200)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("meeting place")
        verbose_name_plural = _("meeting places")
        ordering = ["swv", "-is_active", "name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["swv", "name"], name="one_meeting_place_name_per_swv"),
        ]

    def __str__(self) -> str:
        return self.public_text

    @property
    def public_text(self) -> str:
        """What an invitation and a calendar say: "Gemeentehuis, zaal 2, Stationsplein 1, Emmen"."""
        return f"{self.name}, {self.address}"


class Beraad(Versioned):
    """One Moreel Beraad session about one case (DOMAIN.md §5)."""

    case = models.ForeignKey(Case, verbose_name=_("case"), on_delete=models.PROTECT, related_name="beraden")
    sequence_number = models.PositiveSmallIntegerField(_("session number"), default=1)
    planned_sessions = models.PositiveSmallIntegerField(
        _("planned sessions"), default=DEFAULT_PLANNED_SESSIONS
    )
    starts_at = models.DateTimeField(_("date and time"))
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"), default=DEFAULT_DURATION_MINUTES
    )
    meeting_place = models.ForeignKey(
        MeetingPlace,
        verbose_name=_("meeting place"),
        on_delete=models.PROTECT,
        related_name="beraden",
        null=True,
        blank=True,
    )
    location = models.CharField(_("place"), max_length=300, blank=True)
    online_link = models.URLField(_("online link"), blank=True)
    method = models.CharField(_("method"), max_length=24, choices=Method.choices, default=Method.DILEMMA)
    method_other_steps = models.TextField(_("steps of the other method"), blank=True)
    ethical_question = models.TextField(_("the ethical question"))
    concrete_example = models.TextField(_("the concrete example"), blank=True)
    central_question = models.CharField(
        _("the central question"), max_length=300, default=DEFAULT_CENTRAL_QUESTION
    )
    status = models.CharField(
        _("status"), max_length=16, choices=BeraadStatus.choices, default=BeraadStatus.CONCEPT
    )
    parents_approved_on = models.DateField(_("parents approved the participants on"), null=True, blank=True)
    parents_approval_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    preparation_waiver = models.TextField(
        _("why the beraad goes ahead although the preparation is not ready"), blank=True
    )
    notes = models.TextField(_("minutes"), blank=True)
    # The outcome (DOMAIN.md §3.5, §5).
    advice = models.TextField(_("advice / the solution found together"), blank=True)
    advice_commitment = models.BooleanField(
        _("commitment that the advice will be carried out"), default=False
    )
    administrative_commitment = models.TextField(_("administrative commitment"), blank=True)
    escalation_route = models.TextField(_("escalation route"), blank=True)
    next_session = models.CharField(
        _("next session"), max_length=16, choices=NextSession.choices, default=NextSession.UNDECIDED
    )
    share_outcome_with_guests = models.BooleanField(
        _("the parents agree that participants without a login receive the outcome"), default=False
    )
    follow_up_actions = models.ManyToManyField(ActionItem, blank=True, related_name="beraden")
    # iCalendar identity: the same UID for every version of the invitation, SEQUENCE counts changes.
    ical_uid = models.UUIDField(default=uuid.uuid4, editable=False, unique=True)
    ical_sequence = models.PositiveIntegerField(default=0, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )

    class Meta:
        verbose_name = _("Moreel Beraad")
        verbose_name_plural = _("Moreel Beraden")
        ordering = ["starts_at", "id"]
        indexes = [models.Index(fields=["starts_at"]), models.Index(fields=["case", "status"])]
        constraints = [
            # Two plans sent at once must not both become number 4 (issue 8); a cancelled beraad
            # keeps its number.
            models.UniqueConstraint(fields=["case", "sequence_number"], name="one_beraad_number_per_case"),
        ]

    def __str__(self) -> str:
        return f"{self.case.reference} – {self.sequence_number}"

    @property
    def audit_youth_ref(self) -> str:
        return self.case.reference

    @property
    def ends_at(self) -> datetime:
        return shift_moment(self.starts_at, timedelta(minutes=self.duration_minutes))

    @property
    def place_text(self) -> str:
        """Where the session is held: the chosen meeting place, else the typed place."""
        place = self.meeting_place
        return place.public_text if place is not None else self.location


class Participant(Versioned):
    """Someone at the table, chosen with the parents; most have no WIO login."""

    beraad = models.ForeignKey(Beraad, on_delete=models.CASCADE, related_name="participants")
    involved = models.ForeignKey(
        Involved, verbose_name=_("from the people involved"), on_delete=models.SET_NULL, null=True, blank=True
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("WIO user"),
        on_delete=models.PROTECT,
        related_name="beraad_participations",
        null=True,
        blank=True,
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail address"), blank=True)
    category = models.CharField(_("category"), max_length=32, choices=ParticipantCategory.choices)
    organisation_name = models.CharField(_("organisation"), max_length=200, blank=True)
    is_gespreksleider = models.BooleanField(_("leads the conversation"), default=False)
    is_notulist = models.BooleanField(_("takes the minutes"), default=False)
    has_mandate = models.BooleanField(_("has a mandate in their organisation"), default=False)
    spoke_with_youth = models.BooleanField(_("has spoken with the youth"), default=False)
    proposed_by = models.CharField(_("proposed by"), max_length=16, choices=ProposedBy.choices)
    answer = models.CharField(_("answer"), max_length=16, choices=Answer.choices, default=Answer.PENDING)
    attended = models.BooleanField(_("attended"), null=True)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["beraad", "-is_gespreksleider", "-is_notulist", "name"]
        indexes = [models.Index(fields=["user", "is_gespreksleider", "is_notulist"])]

    def __str__(self) -> str:
        return neutral_label(self)

    @property
    def choice_label(self) -> str:
        return self.name

    @property
    def audit_youth_ref(self) -> str:
        return self.beraad.case.reference


class InvitationSend(models.Model):
    """One e-mail sent for one version of the invitation: sending twice is refused by the database."""

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="sends")
    sequence = models.PositiveIntegerField()
    method = models.CharField(max_length=8)  # REQUEST or CANCEL (iTIP)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["participant", "sequence", "method"], name="one_send_per_version")
        ]

    def __str__(self) -> str:
        return f"{self.participant_id} {self.method} {self.sequence}"


class StepRecord(Versioned):
    """What was said in one step of the chosen method."""

    beraad = models.ForeignKey(Beraad, on_delete=models.CASCADE, related_name="steps")
    step = models.CharField(_("step"), max_length=16, choices=Step.choices)
    content = models.TextField(_("record"))

    class Meta:
        constraints = [models.UniqueConstraint(fields=["beraad", "step"], name="one_record_per_step")]
        ordering = ["beraad", "id"]

    def __str__(self) -> str:
        return self.get_step_display()


class Perspective(Versioned):
    """A row of the perspectives table: one participant's values and norms."""

    beraad = models.ForeignKey(Beraad, on_delete=models.CASCADE, related_name="perspectives")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="perspectives")
    perspective = models.TextField(_("perspective"))
    values = models.TextField(_("values"), blank=True)
    norms = models.TextField(_("norms"), blank=True)
    choice = models.CharField(_("choice (A or B)"), max_length=200, blank=True)
    argument = models.TextField(_("argument for the choice"), blank=True)

    class Meta:
        ordering = ["beraad", "id"]

    def __str__(self) -> str:
        return f"{self.participant}"


class OrganisationCommitment(models.Model):
    beraad = models.ForeignKey(Beraad, on_delete=models.CASCADE, related_name="commitments")
    organisation_name = models.CharField(_("organisation"), max_length=200)
    commitment = models.TextField(_("commitment"))

    class Meta:
        ordering = ["beraad", "id"]

    def __str__(self) -> str:
        return neutral_label(self)


class Evaluation(Versioned):
    """The three goals of Moreel Beraad (DOMAIN.md §5), each rated and described."""

    beraad = models.OneToOneField(Beraad, on_delete=models.CASCADE, related_name="evaluation")
    case_quality_rating = models.PositiveSmallIntegerField(
        _("quality of care and education in the case (1–5)"), null=True
    )
    case_quality = models.TextField(_("quality of care and education in the case"), blank=True)
    moral_competence_rating = models.PositiveSmallIntegerField(
        _("professional moral competence (1–5)"), null=True
    )
    moral_competence = models.TextField(_("professional moral competence"), blank=True)
    organisational_learning_rating = models.PositiveSmallIntegerField(
        _("learning as organisations and policy (1–5)"), null=True
    )
    organisational_learning = models.TextField(_("learning as organisations and policy"), blank=True)

    def __str__(self) -> str:
        return f"{self.beraad}"


class Reflection(models.Model):
    """A lesson from a beraad, tagged with one of the four learning levels."""

    beraad = models.ForeignKey(Beraad, on_delete=models.CASCADE, related_name="reflections")
    level = models.CharField(_("learning level"), max_length=16, choices=LearningLevel.choices)
    theme = models.CharField(_("theme"), max_length=200, blank=True)
    text = models.TextField(_("reflection"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Released for the monitor (ADR 0016): a rode draad whose text passed the identity check and
    # that someone other than its author released; only then do project staff outside the beraad
    # read it.
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    released_at = models.DateTimeField(_("released for the monitor at"), null=True, blank=True)

    class Meta:
        ordering = ["beraad", "id"]
        indexes = [models.Index(fields=["level"])]

    def __str__(self) -> str:
        return f"{neutral_label(self)}: {self.level}"

    @property
    def audit_youth_ref(self) -> str:
        return self.beraad.case.reference


class CalendarFeed(models.Model):
    """A personal, revocable .ics address for one user's upcoming sessions."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feeds"
    )
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"feed of {self.user_id}"
