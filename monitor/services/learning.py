"""Changes to rode draden, lessons and accountability answers; each in one transaction, audited.

Linking a knelpunt or a beraad reflection to a rode draad changes only the monitor's own link
table, never the knelpunt or the reflection.
"""

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from cases.identity_check import known_people_for_texts, regions_filter, validate_texts
from cases.models import Knelpunt
from cases.services.errors import ConflictError
from cases.services.versioning import save_versioned
from monitor.models import Accountability, Lesson, Story, Theme
from monitor.services.stories import acting_user
from moreelberaad.models import Reflection
from wio.accounts.models import Region
from wio.audit import services as audit
from wio.audit.constants import Action, Purpose
from wio.submissions.services import submission_claim, submission_settle

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


def _save_named(theme: Theme, save: Callable[[], object]) -> None:
    """Save a thread whose name may have been taken a moment ago: a ValidationError on `name`."""
    try:
        with transaction.atomic():
            save()
    except IntegrityError as error:
        if not Theme.objects.filter(name=theme.name).exclude(pk=theme.pk).exists():
            raise
        # The same message as the form's own uniqueness check ("Er bestaat al een rode draad ...").
        raise ValidationError({"name": theme.unique_error_message(Theme, ("name",))}) from error


@transaction.atomic
def theme_create(
    *,
    actor: audit.Actor,
    name: str,
    description: str,
    stories: Iterable[Story] = (),
    knelpunten: Iterable[Knelpunt] = (),
    reflections: Iterable[Reflection] = (),
    submission_key: UUID | None = None,
) -> Theme:
    """A new rode draad. A name in use raises ValidationError (on `name`), also when someone else
    saved it a moment ago; the form leaves that check to this function, after the submission key."""
    submission = submission_claim(key=submission_key, actor=actor)
    validate_texts(
        {"name": name, "description": description}, known_people_for_texts([name, description], None)
    )
    theme = Theme(name=name, description=description, author=acting_user(actor))
    _save_named(theme, theme.save)
    _link(theme, stories, knelpunten, reflections)
    _record(actor, theme, Action.CREATE, "monitor.theme.create")
    submission_settle(submission, theme)
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
    validate_texts(
        {"name": name, "description": description}, known_people_for_texts([name, description], None)
    )
    changed = (theme.name, theme.description) != (name, description)
    theme.name = name
    theme.description = description
    fields = ["name", "description"]
    if changed:  # a changed text needs a new second reader
        theme.author, theme.approved_by, theme.approved_at = acting_user(actor), None, None
        fields += ["author", "approved_by", "approved_at"]
    _save_named(theme, lambda: theme.save(update_fields=fields))
    _link(theme, stories, knelpunten, reflections)
    _record(actor, theme, Action.UPDATE, "monitor.theme.update")
    return theme


@transaction.atomic
def lesson_create(
    *, actor: audit.Actor, region: Region, title: str, text: str, submission_key: UUID | None = None
) -> Lesson:
    submission = submission_claim(key=submission_key, actor=actor)
    validate_texts(
        {"title": title, "text": text}, known_people_for_texts([title, text], regions_filter([region.pk]))
    )
    lesson = Lesson.objects.create(region=region, title=title, text=text, author=acting_user(actor))
    _record(actor, lesson, Action.CREATE, "monitor.lesson.create", region=region.pk)
    submission_settle(submission, lesson)
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
    validate_texts(fields, known_people_for_texts(fields.values(), regions_filter([region.pk])))
    current = Accountability.objects.filter(
        region=region, period_start=period_start, period_end=period_end
    ).first()
    if current is None:
        return _accountability_create(actor, region, period_start, period_end, fields)
    changed = any(getattr(current, name) != value for name, value in fields.items())
    # A changed text has a new author and needs a new second reader; an unchanged one keeps both.
    approval = {"approved_by": None, "approved_at": None, "author": acting_user(actor)} if changed else {}
    row = save_versioned(current, expected_version=expected_version, fields={**fields, **approval})
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
