"""Pure predicates for the story workflow (draft → reviewed → approved, or withdrawn).

Stories are written from a case by its own workers; project staff review, approve and curate them.
Approval needs a second pair of eyes (`monitor.permissions.can_approve_story`).
"""

from cases.models import Case
from cases.permissions import can_edit_case
from monitor.constants import StoryStatus
from monitor.models import Story
from monitor.permissions import AnyUser, can_approve_story, can_use_monitor


def can_write_story_for(user: AnyUser, case: Case) -> bool:
    """The case's own workers: LPA and ondersteuner of its gemeente, the coordinator of its SWV."""
    return can_edit_case(user, case)


def can_review_story(user: AnyUser, story: Story) -> bool:
    return story.status == StoryStatus.DRAFT and can_approve_story(user, story.author_id)


def can_approve(user: AnyUser, story: Story) -> bool:
    return story.status == StoryStatus.REVIEWED and can_approve_story(user, story.author_id)


def can_withdraw_story(user: AnyUser, story: Story) -> bool:
    return story.status != StoryStatus.WITHDRAWN and can_use_monitor(user)


def can_edit_as_author(user: AnyUser, story: Story) -> bool:
    """The author may keep editing until the story is approved (the caller checked the case scope)."""
    return story.author_id == user.pk and story.status in (StoryStatus.DRAFT, StoryStatus.REVIEWED)
