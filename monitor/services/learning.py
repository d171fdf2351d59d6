"""Changes to rode draden, lessons and accountability answers; each in one transaction, audited.

Linking a knelpunt or a beraad reflection to a rode draad changes only the monitor's own link
table, never the knelpunt or the reflection.
"""

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction

from cases.models import Knelpunt
from cases.services.errors import ConflictError
from cases.services.versioning import save_versioned
from moreelberaad.models import Reflection
from wio.accounts.models import Region
from wio.audit import services as audit
from wio.audit.constants import Action, Purpose

from ..models import Accountability, Lesson, Story, Theme
from .stories import acting_user

ANSWER_FIELDS = ("needed", "possible_now", "needed_for_more")


def _record(actor: audit.Actor, obj: Any, action: str, event: str, **detail: Any) -> None:
    audit.record_change(
        actor=actor, obj=obj, action=action, event_type=event, purpose=Purpose.MONITORING, detail=detail
    )


def _link(
    theme: Theme, stories: Iterable[Story], knelpunten: Iterable[Knelpunt], reflections: Iterable[Reflection]
) -> None:
    theme.stories.set(stories)
    theme.knelpunten.set(knelpunten)
    theme.reflections.set(reflections)


@transaction.atomic
def theme_create(
    *,
    actor: audit.Actor,
    name: str,
    description: str,
    stories: Iterable[Story] = (),
    knelpunten: Iterable[Knelpunt] = (),
    reflections: Iterable[Reflection] = (),
) -> Theme:
    theme = Theme.objects.create(name=name, description=description)
    _link(theme, stories, knelpunten, reflections)
    _record(actor, theme, Action.CREATE, "monitor.theme.create")
    return theme


@transaction.atomic
def theme_update(
    *,
    theme: Theme,
    actor: audit.Actor,
    name: str,
    description: str,
    stories: Iterable[Story],
    knelpunten: Iterable[Knelpunt],
    reflections: Iterable[Reflection],
) -> Theme:
    theme.name = name
    theme.description = description
    theme.save(update_fields=["name", "description"])
    _link(theme, stories, knelpunten, reflections)
    _record(actor, theme, Action.UPDATE, "monitor.theme.update")
    return theme


@transaction.atomic
def lesson_create(*, actor: audit.Actor, region: Region, title: str, text: str) -> Lesson:
    lesson = Lesson.objects.create(region=region, title=title, text=text, author=acting_user(actor))
    _record(actor, lesson, Action.CREATE, "monitor.lesson.create", region=region.pk)
    return lesson


@transaction.atomic
def accountability_save(
    *,
    actor: audit.Actor,
    region: Region,
    period_start: date,
    period_end: date,
    answers: dict[str, str],
    expected_version: int,
) -> Accountability:
    """Create or update the answers of one region and period.

    `expected_version` is the version the form was opened on, 0 for a period that had no answers
    yet; if someone saved this region and period in the meantime nothing is overwritten
    (ConflictError carrying the current answers).
    """
    fields = {name: answers[name] for name in ANSWER_FIELDS}
    current = Accountability.objects.filter(
        region=region, period_start=period_start, period_end=period_end
    ).first()
    if current is None:
        return _accountability_create(actor, region, period_start, period_end, fields)
    row = save_versioned(
        current, expected_version=expected_version, fields={**fields, "author": acting_user(actor)}
    )
    _record(actor, row, Action.UPDATE, "monitor.accountability.update", region=region.pk)
    return row


def _accountability_create(
    actor: audit.Actor, region: Region, period_start: date, period_end: date, fields: dict[str, str]
) -> Accountability:
    try:
        with transaction.atomic():
            row = Accountability.objects.create(
                region=region,
                period_start=period_start,
                period_end=period_end,
                author=acting_user(actor),
                **fields,
            )
    except IntegrityError as error:  # saved by someone else a moment ago
        current = Accountability.objects.get(region=region, period_start=period_start, period_end=period_end)
        raise ConflictError(current) from error
    _record(actor, row, Action.CREATE, "monitor.accountability.create", region=region.pk)
    return row
