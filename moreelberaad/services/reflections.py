"""Releasing a rode-draad reflection for the monitor (ADR 0016).

A reflection marked as rode draad is read by project staff who were not at the table only after
someone other than its author released it, and only while its text passes the identity check.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from cases.identity_check import identity_error, identity_findings
from wio.audit import services as audit
from wio.audit.constants import Action

from ..constants import LearningLevel
from ..models import Beraad, Reflection
from ..public_text import beraad_people
from .common import record


def reflection_findings(reflection: Reflection) -> list[str]:
    text = f"{reflection.theme}\n{reflection.text}"
    return identity_findings(text, beraad_people(reflection.beraad))


def can_release(user_id: int | None, reflection: Reflection) -> bool:
    """A rode draad not yet released, and not by the one who wrote it (four eyes)."""
    return (
        reflection.level == LearningLevel.RODE_DRAAD
        and reflection.released_at is None
        and user_id is not None
        and reflection.created_by_id != user_id
    )


@transaction.atomic
def reflection_release(*, reflection: Reflection, actor: audit.Actor) -> Reflection:
    """Release for the monitor; the caller checked that the actor may record this beraad."""
    if not can_release(actor.user.pk if actor.user else None, reflection):
        raise PermissionDenied
    findings = reflection_findings(reflection)
    if findings:
        raise ValidationError(identity_error(findings), code="identifying")
    Reflection.objects.filter(pk=reflection.pk).update(released_by=actor.user, released_at=timezone.now())
    reflection.refresh_from_db()
    detail = {"reflection": reflection.pk}
    record(actor, reflection.beraad, Action.UPDATE, "beraad.reflection.release", detail)
    return reflection


def reflection_check_for_monitor(*, beraad: Beraad, level: str, theme: str, text: str) -> None:
    """A new rode draad that identifies the youth is refused outright (the form says so first)."""
    if level != LearningLevel.RODE_DRAAD:
        return
    findings = identity_findings(f"{theme}\n{text}", beraad_people(beraad))
    if findings:
        raise ValidationError({"text": identity_error(findings)}, code="identifying")
