"""Four eyes on published text (ADR 0016): a lesson, an accountability answer or a rode draad enters
a report only once someone other than its author approved it, and only while it passes the
identity check. Changing the text takes the approval away again (`learning.py` does that)."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.identity_check import KnownPeople, identity_findings, known_people_for_texts, regions_filter
from monitor.models import Accountability, Lesson, Theme
from monitor.permissions import can_approve_story
from wio.audit import services as audit
from wio.audit.constants import Action, Purpose

Approvable = Lesson | Accountability | Theme


def approval_texts(obj: Approvable) -> tuple[list[str], KnownPeople]:
    """The texts of a record that leave WIO, and whose names they are checked against."""
    if isinstance(obj, Lesson):
        texts = [obj.title, obj.text]
        return texts, known_people_for_texts(texts, regions_filter([obj.region_id]))
    if isinstance(obj, Accountability):
        texts = [obj.needed, obj.possible_now, obj.needed_for_more]
        return texts, known_people_for_texts(texts, regions_filter([obj.region_id]))
    return [obj.name, obj.description], known_people_for_texts([obj.name, obj.description], None)


def can_approve_text(user: Any, obj: Approvable) -> bool:
    """Project staff, not the author; a rode draad from before authors were recorded: anyone of them."""
    return obj.approved_at is None and can_approve_story(user, obj.author_id or 0)


@transaction.atomic
def text_approve(*, obj: Approvable, actor: audit.Actor) -> Approvable:
    """Approve for the report; refused for the author and for a text that still identifies a youth."""
    if actor.user is None or not can_approve_text(actor.user, obj):
        raise PermissionDenied
    texts, known = approval_texts(obj)
    if any(identity_findings(text, known) for text in texts):
        raise ValidationError(
            _("The text still contains identifying data; it cannot be approved."), code="identifying"
        )
    type(obj).objects.filter(pk=obj.pk).update(approved_by=actor.user, approved_at=timezone.now())
    obj.refresh_from_db()
    audit.record_change(
        actor=actor,
        obj=obj,
        action=Action.UPDATE,
        event_type=f"monitor.{obj._meta.model_name}.approve",
        purpose=Purpose.MONITORING,
    )
    return obj
