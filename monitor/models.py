from datetime import date

from django.conf import settings
from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from cases.models import Case, Knelpunt
from cases.models.base import neutral_label
from monitor.constants import DEFAULT_SUPPRESSION_K, ReportScope, ReportStatus, StoryPerspective, StoryStatus
from moreelberaad.models import Reflection
from wio.accounts.models import Region


def _period_in_words(start: date, end: date) -> str:
    """A period as people write it ("1 juli 2021 – 30 november 2026"), never in ISO form."""
    if start is None or end is None:  # an unsaved or half-filled row, e.g. in a log line
        return ""
    return f"{date_format(start, 'j F Y')} – {date_format(end, 'j F Y')}"


class Theme(models.Model):
    """A rode draad: a common thread linking stories, knelpunten and beraad reflections."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    description = models.TextField(_("description"), blank=True)
    knelpunten = models.ManyToManyField(Knelpunt, blank=True, related_name="themes")
    reflections = models.ManyToManyField(Reflection, blank=True, related_name="themes")
    created_at = models.DateTimeField(auto_now_add=True)
    # Who last wrote the name or description; null for threads from before the four-eyes rule.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    # Four eyes (ADR 0016): published only once someone other than the author approved it.
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)

    class Meta:
        verbose_name = _("common thread")
        verbose_name_plural = _("common threads")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Story(models.Model):
    """An anonymised story ("vertellen"), approved by someone other than its author."""

    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="stories"
    )
    # Internal only: used for the consent check, never shown or exported.
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="stories")
    perspective = models.CharField(_("perspective"), max_length=16, choices=StoryPerspective.choices)
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("story (anonymised)"))
    positive_experience = models.BooleanField(_("a positive experience: what works"), default=True)
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="stories", verbose_name=_("common threads")
    )
    status = models.CharField(
        _("status"), max_length=16, choices=StoryStatus.choices, default=StoryStatus.DRAFT
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("story")
        verbose_name_plural = _("stories")
        ordering = ["-created_at", "id"]
        indexes = [models.Index(fields=["status", "region"])]

    def __str__(self) -> str:
        return neutral_label(self)  # the title is free text about a youth

    @property
    def choice_label(self) -> str:
        return self.title


class Lesson(models.Model):
    """A lesson learned in one region, visible to all regions ("brengen en halen")."""

    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="lessons"
    )
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("lesson"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    # Four eyes (ADR 0016): published only once someone other than the author approved it.
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)

    class Meta:
        verbose_name = _("lesson learned")
        verbose_name_plural = _("lessons learned")
        ordering = ["-created_at", "id"]

    def __str__(self) -> str:
        return self.title


class Accountability(models.Model):
    """Van Donkelaar's three questions, answered per region and period (DOMAIN.md §6.6)."""

    region = models.ForeignKey(Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="+")
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period up to and including"))
    needed = models.TextField(_("what this group of youths needs to learn and develop"))
    possible_now = models.TextField(_("what can be realised within the current possibilities"))
    needed_for_more = models.TextField(_("what is needed to realise what is not yet possible"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # Four eyes (ADR 0016): published only once someone other than the author approved it.
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("accountability")
        verbose_name_plural = _("accountability")
        ordering = ["-period_end", "region"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "period_start", "period_end"], name="one_account_per_period"
            ),
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="accountability_period_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.region}, {_period_in_words(self.period_start, self.period_end)}"


class Report(models.Model):
    """A generated PDF report; the same parameters yield the same report, not a second file."""

    scope = models.CharField(_("scope"), max_length=16, choices=ReportScope.choices)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period up to and including"))
    peildatum = models.DateField(_("reference date"))
    suppression_k = models.PositiveSmallIntegerField(
        _("suppression threshold"), default=DEFAULT_SUPPRESSION_K
    )
    parameters_key = models.CharField(max_length=64, unique=True)
    status = models.CharField(
        _("status"), max_length=16, choices=ReportStatus.choices, default=ReportStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.CharField(max_length=300, blank=True)
    file_name = models.CharField(max_length=200, blank=True)
    checksum = models.CharField(max_length=64, blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    # The counts edition this report shows (ADR 0017); a re-issued report replaces an earlier one.
    publication = models.ForeignKey(
        "Publication", on_delete=models.PROTECT, null=True, blank=True, related_name="reports"
    )
    edition = models.PositiveSmallIntegerField(_("edition"), default=1)
    replaces = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="replaced_by"
    )
    reissue_reason = models.CharField(_("reason for this edition"), max_length=300, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    story_ids = models.JSONField(default=list, blank=True)  # which stories the PDF printed

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-requested_at", "id"]
        indexes = [models.Index(fields=["published_at"])]

    def __str__(self) -> str:
        return f"{self.get_scope_display()}, {_period_in_words(self.period_start, self.period_end)}"


class Publication(models.Model):
    """What was published for one reporting date: every table as shown, frozen (ADR 0017).

    Never recomputed: a correction is a new edition that names the one it replaces and why. `values`
    keeps the raw counts behind the cells only so that a later date or edition can be protected
    against this one; it is never rendered.
    """

    reporting_date = models.DateField(_("reporting date"))
    edition = models.PositiveSmallIntegerField(_("edition"), default=1)
    reason = models.CharField(_("reason for this edition"), max_length=300, blank=True)
    replaces = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="replaced_by"
    )
    suppression_k = models.PositiveSmallIntegerField(_("suppression threshold"))
    tables = models.JSONField()  # {"national" or region id: [table as shown, ...]}
    shown = models.JSONField()  # {cell id: value, or null when withheld}
    values = models.JSONField()  # {cell id: raw count}: for protecting later publications only
    constraints = models.JSONField()  # [[[cell id, coefficient], ...], lower, upper]
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        ordering = ["-reporting_date", "-edition"]
        constraints = [
            models.UniqueConstraint(fields=["reporting_date", "edition"], name="one_edition_number_per_date")
        ]

    def __str__(self) -> str:
        return f"{self.reporting_date} ({self.edition})"
