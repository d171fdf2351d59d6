"""A partnership's meeting places ("vergaderlocaties"), kept by its coordinator (issue 10 item 6).

A place is never deleted: beraden keep the place they were held at. Taken out of use it is no longer
offered in the beraad form; put back in use it is offered again.
"""

from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from wio.accounts.models import Organisation
from wio.audit import services as audit
from wio.audit.constants import Action
from wio.submissions.services import submission_claim, submission_settle

from ..constants import OPEN_STATUSES
from ..models import Beraad, MeetingPlace
from .common import record, save_versioned

PLACE_FIELDS = ("name", "address")


@transaction.atomic
def meeting_place_add(
    *, swv: Organisation, actor: audit.Actor, name: str, address: str, submission_key: UUID | None = None
) -> MeetingPlace:
    submission = submission_claim(key=submission_key, actor=actor)
    _refuse_namesake(swv.pk, name)
    place = MeetingPlace.objects.create(swv=swv, name=name, address=address)
    record(actor, place, Action.CREATE, "beraad.meeting_place.create", {"fields": list(PLACE_FIELDS)})
    submission_settle(submission, place)
    return place


@transaction.atomic
def meeting_place_update(
    *, place: MeetingPlace, actor: audit.Actor, name: str, address: str, expected_version: int
) -> MeetingPlace:
    """Rename or move a place. Invited sessions still to come there get an updated invitation."""
    stored = MeetingPlace.objects.get(pk=place.pk)
    _refuse_namesake(stored.swv_id, name, place_id=place.pk)
    data = {"name": name, "address": address}
    changed = sorted(field for field, value in data.items() if getattr(stored, field) != value)
    place = save_versioned(place, expected_version=expected_version, fields=data)
    record(actor, place, Action.UPDATE, "beraad.meeting_place.update", {"fields": changed})
    if changed:
        _tell_the_invited(place, actor)
    return place


def _refuse_namesake(swv_id: int, name: str, place_id: int | None = None) -> None:
    """Two places of one partnership by one name could not be told apart in the beraad form."""
    namesakes = MeetingPlace.objects.filter(swv_id=swv_id, name__iexact=name)
    if place_id is not None:
        namesakes = namesakes.exclude(pk=place_id)
    if namesakes.exists():
        message = _("Your partnership already has a meeting place with this name.")
        raise ValidationError({"name": message}, code="namesake")


def _tell_the_invited(place: MeetingPlace, actor: audit.Actor) -> None:
    from .invitations import schedule_changed

    upcoming = Beraad.objects.filter(
        meeting_place=place, status__in=OPEN_STATUSES, starts_at__gt=timezone.now()
    ).order_by("pk")
    for beraad in upcoming:
        schedule_changed(beraad=beraad, actor=actor)


@transaction.atomic
def meeting_place_set_active(*, place: MeetingPlace, actor: audit.Actor, active: bool) -> MeetingPlace:
    """Take a place out of use, or back into use; beraden planned there keep it."""
    MeetingPlace.objects.filter(pk=place.pk).update(
        is_active=active, version=F("version") + 1, updated_at=timezone.now()
    )
    place.refresh_from_db()
    event = "beraad.meeting_place.reactivate" if active else "beraad.meeting_place.deactivate"
    record(actor, place, Action.UPDATE, event, {"active": active})
    return place
