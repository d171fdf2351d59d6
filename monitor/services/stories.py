"""Every change to a story: written from a consented case, reviewed and approved by someone else.

Each function runs in one transaction and records a "monitor.story.*" audit event; the event names
the story and its case reference (for the subject-access overview), never its text.
"""

from collections.abc import Iterable
from typing import Any
from uuid import UUID

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.identity_check import known_people, validate_texts
from cases.models import Case
from cases.selectors import story_consent_given
from cases.services.errors import ConflictError
from cases.services.versioning import save_versioned
from monitor.constants import StoryStatus
from monitor.models import Story, Theme
from monitor.permissions import can_approve_story
from monitor.stories.selectors import region_of_case, story_findings, usable_stories
from wio.accounts.models import User
from wio.audit import services as audit
from wio.audit.constants import Action, Purpose
from wio.submissions.services import submission_claim, submission_settle

SYSTEM = audit.Actor(user=None, label="system", role="", organisation_id=None, source_ip=None)
STORY_FIELDS = ("perspective", "title", "text", "positive_experience")


class StoryRuleError(ValidationError):
    """A step the story workflow does not allow (no consent, not anonymised, wrong status)."""


def acting_user(actor: audit.Actor) -> User:
    """The person a record is attributed to; the system never writes stories, lessons or answers."""
    if actor.user is None:
        raise PermissionDenied
    return actor.user


def _record(actor: audit.Actor, story: Story, action: str, event: str, **detail: Any) -> None:
    if not hasattr(story, "audit_youth_ref"):
        story.audit_youth_ref = (  # type: ignore[attr-defined]
            Case.objects.filter(pk=story.case_id).values_list("reference", flat=True).first() or ""
        )
    audit.record_change(
        actor=actor, obj=story, action=action, event_type=event, purpose=Purpose.MONITORING, detail=detail
    )


def _require_consent(case: Case) -> None:
    if not story_consent_given(case):
        raise StoryRuleError(
            _("The family has not (or no longer) consented to the use of a story."), code="no_consent"
        )


@transaction.atomic
def story_create(
    *,
    case: Case,
    actor: audit.Actor,
    perspective: str,
    title: str,
    text: str,
    positive_experience: bool,
    themes: Iterable[Theme] = (),
    submission_key: UUID | None = None,
) -> Story:
    """A draft story from a case; only while the family's story consent is active."""
    submission = submission_claim(key=submission_key, actor=actor)
    _require_consent(case)
    validate_texts({"title": title, "text": text}, known_people([case.pk]))
    region = region_of_case(case)
    if region is None:
        raise StoryRuleError(_("The case's partnership and municipality belong to no region."), code="region")
    story = Story.objects.create(
        case=case,
        region=region,
        author=acting_user(actor),
        perspective=perspective,
        title=title,
        text=text,
        positive_experience=positive_experience,
    )
    story.themes.set(themes)
    story.audit_youth_ref = case.reference  # type: ignore[attr-defined]
    _record(actor, story, Action.CREATE, "monitor.story.create")
    submission_settle(submission, story)
    return story


@transaction.atomic
def story_update(
    *, story: Story, actor: audit.Actor, expected_version: int, data: dict[str, Any], themes: Iterable[Theme]
) -> Story:
    """Save an edit; a changed text of a reviewed or approved story needs a new review."""
    fields = {name: data[name] for name in STORY_FIELDS}
    validate_texts({"title": fields["title"], "text": fields["text"]}, known_people([story.case_id]))
    changed = [name for name in STORY_FIELDS if getattr(story, name) != fields[name]]
    needs_review = bool(changed) and story.status in (StoryStatus.REVIEWED, StoryStatus.APPROVED)
    if needs_review:
        fields.update(status=StoryStatus.DRAFT, reviewer=None, reviewed_at=None, approved_at=None)
    story = save_versioned(story, expected_version=expected_version, fields=fields)
    story.themes.set(themes)
    _record(actor, story, Action.UPDATE, "monitor.story.update", fields=changed, back_to_draft=needs_review)
    return story


@transaction.atomic
def story_review(*, story: Story, actor: audit.Actor, expected_version: int) -> Story:
    """Draft → reviewed, by someone other than the author."""
    if actor.user is None or not can_approve_story(actor.user, story.author_id):
        raise PermissionDenied
    if story.status != StoryStatus.DRAFT:
        raise StoryRuleError(_("Only a draft can be marked as reviewed."), code="status")
    story = save_versioned(
        story,
        expected_version=expected_version,
        fields={"status": StoryStatus.REVIEWED, "reviewer": actor.user, "reviewed_at": timezone.now()},
    )
    _record(actor, story, Action.UPDATE, "monitor.story.review")
    return story


@transaction.atomic
def story_approve(*, story: Story, actor: audit.Actor, expected_version: int) -> Story:
    """Reviewed → approved for sharing: not by the author, not while the text identifies the youth."""
    if actor.user is None or not can_approve_story(actor.user, story.author_id):
        raise PermissionDenied
    if story.status != StoryStatus.REVIEWED:
        raise StoryRuleError(_("Only a reviewed story can be approved."), code="status")
    _require_consent(story.case)
    if story_findings(story):
        raise StoryRuleError(
            _("The story still contains identifying data; it cannot be approved."), code="not_anonymised"
        )
    story = save_versioned(
        story,
        expected_version=expected_version,
        fields={"status": StoryStatus.APPROVED, "reviewer": actor.user, "approved_at": timezone.now()},
    )
    _record(actor, story, Action.UPDATE, "monitor.story.approve")
    return story


@transaction.atomic
def story_withdraw(*, story: Story, actor: audit.Actor) -> Story:
    """Take a story out of use (from any status); it leaves every later list and report."""
    if story.status == StoryStatus.WITHDRAWN:
        return story
    story = save_versioned(story, expected_version=story.version, fields={"status": StoryStatus.WITHDRAWN})
    _record(actor, story, Action.UPDATE, "monitor.story.withdraw")
    return story


@transaction.atomic
def stories_withdraw_unconsented() -> int:
    """Mark the stories whose consent was withdrawn as withdrawn (reads already hide them)."""
    stale = (
        Story.objects.exclude(status=StoryStatus.WITHDRAWN)
        .exclude(pk__in=usable_stories().values("pk"))
        .annotate(audit_youth_ref=F("case__reference"))
    )
    count = 0
    for story in stale:
        try:
            story = save_versioned(
                story, expected_version=story.version, fields={"status": StoryStatus.WITHDRAWN}
            )
        except ConflictError:
            continue  # edited just now; the next run catches it, and reads hide it meanwhile
        _record(SYSTEM, story, Action.UPDATE, "monitor.story.consent_withdrawn")
        count += 1
    return count
